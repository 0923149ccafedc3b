package io.idem.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An open-loop load client for {@code idem serve}: calls are <em>scheduled</em> at a fixed rate
 * (call i is due at start + i / rate) whatever the server does, and each call's latency is measured
 * from the moment it was due, not from the moment a connection was free to send it. A server that
 * falls behind therefore shows the wait of every call queued behind it (no "coordinated omission",
 * which a closed-loop client such as {@code wrk} or {@link ServerLoad} has: it stops sending while
 * the server stalls, and the stall hides in one slow call). This is how "N calls/s sustained with a
 * p99 of at most X" is measured: offer N calls/s, report whether they were all answered and the
 * percentiles of their latency.
 *
 * <p>One thread, non-blocking sockets, C keep-alive connections with one call outstanding each
 * (no pipelining); due calls wait in a client-side queue when every connection is busy. Requests
 * are the same as {@link ServerLoad}'s. Time resolution is the selector's (about 1 ms): a call may
 * leave up to a millisecond after it was due, and that millisecond counts in its latency.
 *
 * <pre>./bench rate-load identify|lookup --port P --key KEY --rate R [--seconds S] [--warmup S]
 *     [--connections C] [--persons N] [--offset N] [--window N] [--from N] [--series]</pre>
 *
 * <p>Call {@code s} (counting from {@code --from}) concerns person {@code offset + s mod persons},
 * and successive rounds over the persons send different identifier subsets: email + device id
 * (creates), then phone + document (creates), then email + phone (merges the two). A warm-up on
 * other persons ({@code --offset}) exercises every path before a measured run on new people.
 * {@code --window W} instead sends new people all the time, each seen three times W calls apart
 * (created, created, merged), so every stretch of the run has the same mix.
 */
final class RateLoad {
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private RateLoad() {
    }

    /** One keep-alive connection with at most one call in flight. */
    private static final class Conn {
        final SocketChannel channel;
        final SelectionKey key;
        ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(1 << 16);
        long due = -1;

        Conn(SocketChannel channel, SelectionKey key) {
            this.channel = channel;
            this.key = key;
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        int port = 7070;
        String key = null;
        double rate = 0;
        int seconds = 30;
        int warmup = 10;
        int connections = 64;
        int persons = 50_000;
        long from = 0;
        int offset = 0;
        int window = 0;
        boolean series = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--series")) {
                series = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i++]) {
                case "--port" -> port = Integer.parseInt(args[i]);
                case "--key" -> key = args[i];
                case "--rate" -> rate = Double.parseDouble(args[i]);
                case "--seconds" -> seconds = Integer.parseInt(args[i]);
                case "--warmup" -> warmup = Integer.parseInt(args[i]);
                case "--connections" -> connections = Integer.parseInt(args[i]);
                case "--persons" -> persons = Integer.parseInt(args[i]);
                case "--from" -> from = Long.parseLong(args[i]);
                case "--offset" -> offset = Integer.parseInt(args[i]);
                case "--window" -> window = Integer.parseInt(args[i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        if (key == null || rate <= 0 || !(mode.equals("identify") || mode.equals("lookup"))) {
            throw new IllegalArgumentException("rate-load needs identify or lookup, --key and a positive --rate");
        }
        Run run = new Run(mode.equals("identify"), port, key, rate, seconds, warmup, connections, persons, from);
        run.series = series;
        run.offset = offset;
        run.window = window;
        run.run();
    }

    /** One measurement: schedule, send, read, then report. */
    private static final class Run {
        final boolean identify;
        final int port;
        final String auth;
        final double rate;
        final int seconds;
        final int warmup;
        final int connections;
        final int persons;
        final long from;
        long[] lat = new long[1 << 16];
        /** Per second of the measured run: calls due in it and the longest latency among them (ns). */
        long[] perSecondCalls;
        long[] perSecondMax;
        boolean series;
        /** Persons are numbered from here: a warm-up on other people than the measured run's. */
        int offset;
        /** When positive: new people all the time, see {@link ServerLoad#freshIdentifyBody}. */
        int window;
        int measured;
        long errors;
        long non2xx;
        long[] queue = new long[1 << 12];
        int qHead;
        int qSize;
        int maxQueue;
        long seq;

        Run(boolean identify, int port, String key, double rate, int seconds, int warmup, int connections, int persons,
                long from) {
            this.identify = identify;
            this.port = port;
            this.auth = "Bearer " + key;
            this.rate = rate;
            this.seconds = seconds;
            this.warmup = warmup;
            this.connections = connections;
            this.persons = persons;
            this.from = from;
            this.perSecondCalls = new long[seconds];
            this.perSecondMax = new long[seconds];
        }

        void run() throws IOException {
            Selector selector = Selector.open();
            // first in, first out: every connection is used in turn, none sits idle long enough for
            // the server's idle timeout (Jetty's was 30 s) to close it under the client
            java.util.ArrayDeque<Conn> idle = new java.util.ArrayDeque<>();
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                SelectionKey k = ch.register(selector, 0);
                Conn c = new Conn(ch, k);
                k.attach(c);
                idle.add(c);
            }
            long start = System.nanoTime();
            double interval = 1e9 / rate;
            long warmEnd = start + warmup * 1_000_000_000L;
            long end = warmEnd + seconds * 1_000_000_000L;
            long scheduled = 0;
            int inFlight = 0;
            long drainUntil = Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                while (true) {
                    long due = start + (long) (scheduled * interval);
                    if (due > now || due >= end) {
                        break;
                    }
                    push(due);
                    scheduled++;
                }
                while (qSize > 0 && !idle.isEmpty()) {
                    Conn c = idle.pollFirst();
                    send(c, pop());
                    inFlight++;
                }
                if (now >= end) {
                    if (drainUntil == Long.MAX_VALUE) {
                        drainUntil = now + 30_000_000_000L;
                    }
                    if ((inFlight == 0 && qSize == 0) || now > drainUntil) {
                        break;
                    }
                }
                selector.select(1);
                long at = System.nanoTime();
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    Conn c = (Conn) k.attachment();
                    if (k.isValid() && k.isWritable()) {
                        flush(c);
                    }
                    if (k.isValid() && k.isReadable() && read(c, at, warmEnd)) {
                        inFlight--;
                        idle.addLast(c);
                    }
                }
            }
            long lost = inFlight + qSize;
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            report(scheduled, lost);
        }

        private void push(long due) {
            if (qSize == queue.length) {
                long[] bigger = new long[queue.length * 2];
                for (int i = 0; i < qSize; i++) {
                    bigger[i] = queue[(qHead + i) % queue.length];
                }
                queue = bigger;
                qHead = 0;
            }
            queue[(qHead + qSize) % queue.length] = due;
            qSize++;
            maxQueue = Math.max(maxQueue, qSize);
        }

        private long pop() {
            long due = queue[qHead];
            qHead = (qHead + 1) % queue.length;
            qSize--;
            return due;
        }

        private void send(Conn c, long due) throws IOException {
            long s = from + seq++;
            String head;
            byte[] body;
            if (identify) {
                body = (window > 0 ? ServerLoad.freshIdentifyBody(s, window, offset)
                        : ServerLoad.identifyBody(s, persons, offset)).getBytes(StandardCharsets.UTF_8);
                head = "POST /v1/identify HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            } else {
                int p = (int) (s * 7919 % persons) + offset;
                body = new byte[0];
                head = "GET /v1/profiles?email=" + ServerLoad.email(p).replace("@", "%40")
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth + "\r\n\r\n";
            }
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            ByteBuffer out = ByteBuffer.allocate(h.length + body.length);
            out.put(h).put(body).flip();
            c.out = out;
            c.due = due;
            flush(c);
        }

        private static void flush(Conn c) throws IOException {
            c.channel.write(c.out);
            c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
        }

        /** Reads what arrived; true when the connection's answer is complete (and recorded). */
        private boolean read(Conn c, long at, long warmEnd) throws IOException {
            int n = c.channel.read(c.in);
            if (n < 0) {
                throw new IOException("the server closed a connection");
            }
            int length = complete(c.in);
            if (length < 0) {
                if (!c.in.hasRemaining()) {
                    throw new IOException("an answer larger than " + c.in.capacity() + " bytes");
                }
                return false;
            }
            int status = status(c.in);
            if (status < 200 || status > 299) {
                non2xx++;
            }
            if (length != c.in.position()) {
                errors++; // bytes past the answer: nothing was pipelined, so the framing is off
            }
            c.in.clear();
            if (c.due >= warmEnd) {
                if (measured == lat.length) {
                    lat = Arrays.copyOf(lat, measured * 2);
                }
                lat[measured++] = at - c.due;
                int second = (int) ((c.due - warmEnd) / 1_000_000_000L);
                if (second < perSecondCalls.length) {
                    perSecondCalls[second]++;
                    perSecondMax[second] = Math.max(perSecondMax[second], at - c.due);
                }
            }
            c.key.interestOps(0);
            return true;
        }

        private void report(long scheduled, long lost) {
            long[] all = Arrays.copyOf(lat, measured);
            Arrays.sort(all);
            System.out.printf("%s: offered %.0f calls/s for %d s after %d s warm-up over %d connections: %d calls answered"
                    + " (%.0f/s), non-2xx %d, framing errors %d, unanswered %d, most calls waiting for a connection %d%n",
                    identify ? "identify" : "lookup", rate, seconds, warmup, connections, measured,
                    measured / (double) seconds, non2xx, errors, lost, maxQueue);
            System.out.printf("latency from the moment each call was due, ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f"
                    + "  max %.2f%n", pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), pct(all, 0.999),
                    all.length == 0 ? 0 : all[all.length - 1] / 1e6);
            if (series) {
                StringBuilder line = new StringBuilder("longest latency per second, ms:");
                for (int i = 0; i < perSecondMax.length; i++) {
                    line.append(String.format(" %.0f", perSecondMax[i] / 1e6));
                }
                System.out.println(line);
            }
            System.out.printf("next --from %d%n", from + seq);
        }
    }

    /** The length of the complete answer at the start of {@code in} (position = bytes read), or -1. */
    static int complete(ByteBuffer in) {
        byte[] b = in.array();
        int limit = in.position();
        int headEnd = indexOf(b, 0, limit, HEADER_END);
        if (headEnd < 0) {
            return -1;
        }
        int bodyStart = headEnd + 4;
        String head = new String(b, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        int cl = head.indexOf("\ncontent-length:");
        if (cl >= 0) {
            int eol = head.indexOf('\r', cl + 1);
            int len = Integer.parseInt(head.substring(cl + 16, eol < 0 ? head.length() : eol).trim());
            return limit >= bodyStart + len ? bodyStart + len : -1;
        }
        if (head.contains("\ntransfer-encoding: chunked")) {
            int p = bodyStart;
            while (true) {
                int eol = indexOf(b, p, limit, new byte[] {'\r', '\n'});
                if (eol < 0) {
                    return -1;
                }
                String sizeText = new String(b, p, eol - p, StandardCharsets.ISO_8859_1);
                int semi = sizeText.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeText : sizeText.substring(0, semi)).trim(), 16);
                p = eol + 2 + size + 2;
                if (p > limit) {
                    return -1;
                }
                if (size == 0) {
                    return p;
                }
            }
        }
        return bodyStart; // no body (e.g. 204)
    }

    static int status(ByteBuffer in) {
        byte[] b = in.array();
        // "HTTP/1.1 200 ..."
        return (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
    }

    private static int indexOf(byte[] b, int from, int limit, byte[] what) {
        outer:
        for (int i = from; i + what.length <= limit; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
}
