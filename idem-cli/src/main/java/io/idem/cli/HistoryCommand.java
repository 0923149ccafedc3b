package io.idem.cli;

import io.idem.core.IdemException;
import io.idem.core.store.LogEntry;
import io.idem.core.store.Store;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "history", description = "Print the append-only history of a profile: merges, splits,"
        + " quarantines and decisions, with cause, actor and time. A merged-away id shows the survivor's history.")
final class HistoryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROFILE_ID")
    String id;

    @Option(names = "--json", description = "print as JSON")
    boolean json;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = data.openStore()) {
            String live = store.liveProfileId(id)
                    .orElseThrow(() -> new IdemException.NotFound("no profile '" + id + "'"));
            List<LogEntry> entries = store.history(live);
            if (!live.equals(id)) {
                // the merged-away id's own past, then the survivor's
                List<LogEntry> own = store.history(id);
                entries = java.util.stream.Stream.concat(own.stream(), entries.stream()).distinct()
                        .sorted(java.util.Comparator.comparingLong(LogEntry::at)).toList();
            }
            if (json) {
                out.println(Json.write(entries));
                return 0;
            }
            if (!live.equals(id)) {
                out.println(id + " was merged into " + live);
            }
            if (entries.isEmpty()) {
                out.println(live + ": no merges, splits or decisions recorded");
            }
            for (LogEntry e : entries) {
                out.printf("%s  %-10s %s%s  %s  (%s)%n", Instant.ofEpochMilli(e.at()), e.action(), e.profileId(),
                        e.otherId().isEmpty() ? "" : ("split".equals(e.action()) ? " -> " : " <- ") + e.otherId(),
                        e.reason(), e.actor());
            }
        }
        return 0;
    }
}
