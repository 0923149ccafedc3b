package io.idem.bench;

import io.idem.core.Engine;
import io.idem.core.generate.Generator;
import io.idem.core.ingest.ImportRequest;
import io.idem.core.ingest.ImportResult;
import io.idem.core.normalize.Normalizers;
import io.idem.core.resolve.ResolverConfig;
import io.idem.store.sqlite.SqliteStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bulk import benchmark: generates a multichannel base of about N records, then imports every
 * channel, in the demo's order, into a fresh data directory in one process (the engine stays
 * loaded, as in a long-running server), durably. Reports records/s, wall time, peak heap and peak
 * RSS. Generation is not timed.
 */
final class ImportBenchmark {
    static final List<String> CHANNELS = List.of("ecommerce", "concurso", "tienda", "fidelizacion", "app",
            "callcenter");

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long records = 1_000_000;
        Path data = Path.of("target/bench-data");
        boolean keep = false;
        ResolverConfig config = ResolverConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Long.parseLong(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--exact-only" -> config = config.withMatch(io.idem.core.match.MatchConfig.off());
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path input = data.resolve("input");
        Path store = data.resolve("store");
        deleteTree(store);
        // the generator writes about 3.98 records per person
        int persons = (int) Math.max(1, Math.round(records / 3.977));
        long g0 = System.nanoTime();
        Generator.Summary summary = new Generator(42).generate(persons, input);
        System.out.printf(Locale.ROOT, "generated %,d records (%,d persons) in %.1f s (not timed)%n",
                summary.totalRecords(), persons, (System.nanoTime() - g0) / 1e9);

        long t0 = System.nanoTime();
        long total = 0;
        Normalizers normalizers = new Normalizers("AR");
        try (Engine engine = Engine.open(SqliteStore.open(store), config)) {
            for (String channel : CHANNELS) {
                long c0 = System.nanoTime();
                ImportResult r = engine.importFile(new ImportRequest(input.resolve(channel + ".csv"), channel, "id",
                        Map.of(), store.resolve("rejects-" + channel + ".csv")), normalizers, null);
                double secs = (System.nanoTime() - c0) / 1e9;
                total += r.run().rowsRead();
                System.out.printf(Locale.ROOT, "  %-13s %,9d rows %6.1f s %,9.0f rows/s  profiles %,d%n", channel,
                        r.run().rowsRead(), secs, r.run().rowsRead() / secs, engine.resolver().profileCount());
            }
            System.out.printf(Locale.ROOT, "fuzzy comparisons %,d%n", engine.resolver().comparisons());
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "imported %,d records in %.1f s: %,.0f records/s end to end (durable)%n",
                total, secs, total / secs);
        System.out.printf(Locale.ROOT, "fuzzy matching %s%n", config.match().enabled() ? "on" : "off");
        System.out.printf(Locale.ROOT, "peak heap %,d MB (max %,d MB), peak RSS %,d MB, %d cores%n",
                peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20, peakRssKb() >> 10,
                Runtime.getRuntime().availableProcessors());
        if (!keep) {
            deleteTree(store);
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
