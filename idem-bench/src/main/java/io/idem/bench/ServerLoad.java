package io.idem.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load client for {@code idem serve}, run as its own process: C threads each send calls one after
 * another (closed loop) for a fixed time after a warm-up, and the latency of every call is kept.
 * {@code identify} sends identify calls for synthetic people (each person seen about three times,
 * with different subsets of email, phone, document and device id); {@code lookup} looks people up
 * by email. Prints calls/s and latency percentiles; any non-200 answer is counted and reported.
 *
 * <pre>./bench server-load identify|lookup --port P --key KEY [--threads C] [--seconds S] [--persons N]</pre>
 */
final class ServerLoad {
    private ServerLoad() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        int port = 7070;
        String key = null;
        int threads = 32;
        int seconds = 30;
        int warmup = 5;
        int persons = 50_000;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--key" -> key = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--persons" -> persons = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (key == null || !(mode.equals("identify") || mode.equals("lookup"))) {
            System.err.println("usage: ./bench server-load identify|lookup --port P --key KEY [--threads C]"
                    + " [--seconds S] [--warmup S] [--persons N]");
            System.exit(2);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        String auth = "Bearer " + key;
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        AtomicLong seq = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        int n = persons;
        boolean identify = mode.equals("identify");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Future<long[]>[] parts = new Future[threads];
        for (int t = 0; t < threads; t++) {
            parts[t] = pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int count = 0;
                while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        break;
                    }
                    long s = seq.incrementAndGet();
                    HttpRequest req;
                    if (identify) {
                        req = HttpRequest.newBuilder(URI.create(base + "/v1/identify")).header("Authorization", auth)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(identifyBody(s, n))).build();
                    } else {
                        int p = (int) (s * 7919 % n);
                        req = HttpRequest.newBuilder(URI.create(base + "/v1/profiles?email="
                                + URLEncoder.encode(email(p), StandardCharsets.UTF_8))).header("Authorization", auth)
                                .GET().build();
                    }
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - start;
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    if (start >= warmEnd) {
                        if (count == lat.length) {
                            lat = Arrays.copyOf(lat, count * 2);
                        }
                        lat[count++] = took;
                    }
                }
                return Arrays.copyOf(lat, count);
            });
        }
        long[] all = new long[0];
        for (Future<long[]> f : parts) {
            long[] l = f.get();
            long[] merged = Arrays.copyOf(all, all.length + l.length);
            System.arraycopy(l, 0, merged, all.length, l.length);
            all = merged;
        }
        pool.shutdown();
        Arrays.sort(all);
        System.out.printf("%s: %d threads, %d s measured after %d s warm-up: %d calls, %.0f calls/s, errors %d%n", mode,
                threads, seconds, warmup, all.length, all.length / (double) seconds, errors.get());
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", pct(all, 0.50),
                pct(all, 0.90), pct(all, 0.99), pct(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    static String email(int p) {
        return "persona" + p + "@correo.com.ar";
    }

    /** Call s concerns person s mod n; successive calls for a person carry different identifier subsets. */
    static String identifyBody(long s, int n) {
        return identifyBody(s, n, 0);
    }

    /** {@link #identifyBody(long, int)} for persons numbered from {@code offset} (another set of people). */
    static String identifyBody(long s, int n, int offset) {
        return identifyBody((int) (s % n) + offset, (int) (s / n % 3), s);
    }

    /**
     * New people all the time: calls come in blocks of 3 x {@code window}; in a block, person
     * {@code i} gets call {@code i} (email + device id: created), call {@code window + i} (phone +
     * document: created) and call {@code 2 window + i} (email + phone: the two merged). So any stretch
     * of 3 x window calls is a third of each, and the store grows as it would with real traffic.
     */
    static String freshIdentifyBody(long s, int window, int offset) {
        long block = s / (3L * window);
        int j = (int) (s % (3L * window));
        return identifyBody((int) (block * window + j % window) + offset, j / window, s);
    }

    private static String identifyBody(int p, int round, long s) {
        String email = "\"email\":\"" + email(p) + "\"";
        String phone = "\"phone\":\"+54911" + (40_000_000 + p) + "\"";
        String doc = "\"document\":\"" + (10_000_000 + p) + "\"";
        String device = "\"device_id\":\"d" + p + "\"";
        String ids = switch (round) {
            case 0 -> email + "," + device;
            case 1 -> phone + "," + doc;
            default -> email + "," + phone;
        };
        return "{\"identifiers\":{" + ids + "},\"traits\":{\"firstName\":\"N" + Integer.toString(p, 36)
                + "\"},\"messageId\":\"m" + s + "\"}";
    }
}
