package io.idem.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/** Counters and latency histograms, written in the Prometheus text format. Thread-safe. */
final class Metrics {
    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BUCKETS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private static final class Histogram {
        final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length + 1);
        final AtomicLong sumNanos = new AtomicLong();

        void observe(long nanos) {
            double s = nanos / 1e9;
            int i = 0;
            while (i < BUCKETS.length && s > BUCKETS[i]) {
                i++;
            }
            counts.incrementAndGet(i);
            sumNanos.addAndGet(nanos);
        }
    }

    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> counters = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    /** Records one request: its route template (never the raw path), method, status and duration. */
    void request(String method, String route, int status, long nanos) {
        String labels = "method=\"" + method + "\",route=\"" + route + "\"";
        latency.computeIfAbsent(labels, k -> new Histogram()).observe(nanos);
        requests.computeIfAbsent(labels + ",status=\"" + status + "\"", k -> new AtomicLong()).incrementAndGet();
    }

    void counter(String name, LongSupplier value) {
        counters.put(name, value);
    }

    void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    String render() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP idem_http_request_duration_seconds Time to answer a request.\n");
        sb.append("# TYPE idem_http_request_duration_seconds histogram\n");
        new java.util.TreeMap<>(latency).forEach((labels, h) -> {
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += h.counts.get(i);
                String le = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
                sb.append("idem_http_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(le)
                        .append("\"} ").append(cumulative).append('\n');
            }
            sb.append("idem_http_request_duration_seconds_sum{").append(labels).append("} ")
                    .append(h.sumNanos.get() / 1e9).append('\n');
            sb.append("idem_http_request_duration_seconds_count{").append(labels).append("} ").append(cumulative)
                    .append('\n');
        });
        sb.append("# HELP idem_http_requests_total Requests answered, by route and status.\n");
        sb.append("# TYPE idem_http_requests_total counter\n");
        new java.util.TreeMap<>(requests).forEach((labels, n) ->
                sb.append("idem_http_requests_total{").append(labels).append("} ").append(n.get()).append('\n'));
        new java.util.TreeMap<>(counters).forEach((name, v) -> sb.append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(v.getAsLong()).append('\n'));
        new java.util.TreeMap<>(gauges).forEach((name, v) -> sb.append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(v.getAsLong()).append('\n'));
        return sb.toString();
    }
}
