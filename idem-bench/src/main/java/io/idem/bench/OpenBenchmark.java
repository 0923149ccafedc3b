package io.idem.bench;

import io.idem.core.Engine;
import io.idem.core.match.MatchConfig;
import io.idem.core.resolve.ResolverConfig;
import io.idem.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every command that resolves pays before its first record: opening a store and loading the
 * engine from it, in a fresh JVM as a command runs. Reads the store that {@code ./bench import
 * --keep} leaves under {@code DIR/store}; changes nothing in it.
 */
final class OpenBenchmark {
    private OpenBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of("target/bench-data");
        ResolverConfig config = ResolverConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--exact-only" -> config = config.withMatch(MatchConfig.off());
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path store = data.resolve("store");
        if (!Files.isRegularFile(store.resolve("idem.db"))) {
            throw new IllegalArgumentException("no store under " + store
                    + ": run ./bench import --records N --data " + data + " --keep first");
        }
        long t0 = System.nanoTime();
        SqliteStore opened = SqliteStore.open(store);
        long t1 = System.nanoTime();
        try (Engine engine = Engine.open(opened, config)) {
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "opened %,d records (%,d profiles): store %.2f s, engine %.2f s,"
                    + " fuzzy matching %s%n", engine.resolver().recordCount(), engine.resolver().profileCount(),
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, config.match().enabled() ? "on" : "off");
        }
        System.out.printf(Locale.ROOT, "peak heap %,d MB (max %,d MB), peak RSS %,d MB, %d cores%n",
                ImportBenchmark.peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                ImportBenchmark.peakRssKb() >> 10, Runtime.getRuntime().availableProcessors());
    }
}
