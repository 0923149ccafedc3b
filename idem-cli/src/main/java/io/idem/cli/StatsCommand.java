package io.idem.cli;

import io.idem.core.store.ImportRun;
import io.idem.core.store.ReviewQueue;
import io.idem.core.store.Store;
import io.idem.core.store.StoreStats;
import io.idem.core.store.ValueFlag;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "stats", description = "Records and profiles by source, merges, flagged identifiers, imports and"
        + " rejects.")
final class StatsCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--json", description = "print as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = data.openStore()) {
            StoreStats s = store.stats();
            Queue queue = Queue.of(store);
            if (json) {
                out.println(Json.write(s, java.util.Map.of("reviews", queue)));
                return 0;
            }
            out.printf(Locale.ROOT, "records %,d in %,d profiles (%,d profiles merged away)%n", s.records(),
                    s.profiles(), s.mergedAway());
            out.println("by source:");
            s.recordsBySource().forEach((src, n) -> out.printf(Locale.ROOT, "  %-16s %,10d records %,10d profiles%n",
                    src, n, s.profilesBySource().get(src)));
            out.printf(Locale.ROOT, "identifiers quarantined: %,d, shared by a household: %,d%n",
                    s.flagsByStatus().getOrDefault("quarantined", 0L), s.flagsByStatus().getOrDefault("shared", 0L));
            int shown = 0;
            for (ValueFlag f : store.flags()) {
                if (shown++ == 20) {
                    out.println("  ...");
                    break;
                }
                out.printf(Locale.ROOT, "  %-12s %s (%s)%n", f.status(), f.identifier(), f.reason());
            }
            out.printf(Locale.ROOT, "review queue: %,d pairs to decide, %,d accepted, %,d rejected%s%s%n", queue.open(),
                    queue.accepted(), queue.rejected(), queue.open() > 0 ? " (./idem review list)" : "",
                    queue.withdrawn() > 0 ? String.format(Locale.ROOT, "; %,d withdrawn by a rematch", queue.withdrawn())
                            : "");
            long rejected = s.imports().stream().mapToLong(ImportRun::rowsRejected).sum();
            out.printf(Locale.ROOT, "imports: %d, rows rejected: %,d%n", s.imports().size(), rejected);
            for (ImportRun r : s.imports()) {
                out.printf(Locale.ROOT, "  %-8s %-14s %,9d rows %,8d new %,8d updated %,6d rejected  %s%s%n",
                        r.status(), r.source(), r.rowsRead(), r.recordsNew(), r.recordsUpdated(), r.rowsRejected(),
                        r.file(), r.rejectFile().isEmpty() ? "" : " -> " + r.rejectFile());
            }
        }
        return 0;
    }

    /**
     * The review queue's counts: pairs to decide (queued, undecided, their records still in
     * different profiles, as `review list` counts them), accepted, rejected, and withdrawn (no
     * longer in the review band after a `rematch` under other settings).
     */
    record Queue(long open, long accepted, long rejected, long withdrawn) {
        static Queue of(Store store) {
            ReviewQueue q = ReviewQueue.read(store);
            return new Queue(q.open().size(), q.accepted(), q.rejected(), q.withdrawn());
        }
    }
}
