package io.idem.cli;

import io.idem.core.Engine;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rematch}: the data directory's current matching settings applied to every record already
 * stored (after a change of {@code matching.conf}): each record compared again, each profile
 * re-partitioned, the review queue rebuilt. Person decisions stay.
 */
@Command(name = "rematch", description = "Apply the current matching settings (matching.conf) to the whole base:"
        + " every record is compared again, every profile recomputed, and the review queue rebuilt (pairs no longer"
        + " in the review band are withdrawn). Accepted and rejected pairs, splits and merges stay.")
final class RematchCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Option(names = "--dry-run", description = "say what would change, changing nothing (try settings with"
            + " --matching FILE before putting them in matching.conf)")
    boolean dryRun;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Engine.RematchReport r;
        try (Engine engine = data.openEngine()) {
            ImportCommand.ProgressBar bar = ImportCommand.ProgressBar.forTerminal(spec.commandLine().getErr());
            r = engine.rematch(bar, dryRun);
            bar.finish();
        }
        if (json) {
            out.println(Json.write(r));
            return 0;
        }
        if (dryRun) {
            out.println("dry run: nothing was changed; this is what rematch would do");
        }
        out.printf(Locale.ROOT, "rematched %,d records in %.1f s: %,d comparisons%n", r.records(), r.millis() / 1000.0,
                r.comparisons());
        out.printf(Locale.ROOT, "profiles: %,d before, %,d after (%,d merged away, %,d created by splits); %,d records"
                + " moved to another profile%n", r.profilesBefore(), r.profilesAfter(), r.profilesMerged(),
                r.profilesCreated(), r.recordsMoved());
        out.printf(Locale.ROOT, "review band: %,d pairs queued; %,d open pairs withdrawn; match links rewritten for %,d"
                + " records%n", r.pairsQueued(), r.pairsWithdrawn(), r.linksWritten());
        if (!r.examples().isEmpty()) {
            out.printf(Locale.ROOT, "the first %d merges and splits (./idem profile ID shows a profile%s):%n",
                    r.examples().size(), r.dryRun() ? " as it is now" : "");
            for (io.idem.core.store.LogEntry e : r.examples()) {
                out.printf(Locale.ROOT, "  %-5s %s %s %s: %s%n", e.action(), e.profileId(),
                        e.action().equals("merge") ? "<-" : "->", e.otherId(), e.reason());
            }
        }
        return 0;
    }
}
