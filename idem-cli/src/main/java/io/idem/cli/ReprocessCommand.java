package io.idem.cli;

import io.idem.core.Engine;
import io.idem.core.ingest.ColumnMapping;
import io.idem.core.ingest.Reread;
import io.idem.core.model.FieldKind;
import io.idem.core.normalize.Normalizers;
import io.idem.core.store.ImportRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reprocess}: the stored records of a source read again from their values as received, as
 * if its files were imported again with these options: after an upgrade of idem, or to correct a
 * wrong {@code --region} or a column read as the wrong kind.
 */
@Command(name = "reprocess", description = "Read the stored records of a source again from their values as received,"
        + " with today's normalisers and these options, as importing its files again would: the records that"
        + " read differently are updated and their profiles recomputed; the others are not touched.")
final class ReprocessCommand implements Callable<Integer> {
    @Option(names = "--source", paramLabel = "NAME", required = true, description = "the source whose records are read"
            + " again; repeat it for several, read in the order given")
    List<String> sources = new ArrayList<>();

    @Option(names = "--region", paramLabel = "CC", defaultValue = "AR",
            description = "default country for phones and documents, as the import's (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--phone-area", paramLabel = "CODE", description = "area code of phones written without one, as"
            + " the import's")
    String phoneArea;

    @Option(names = "--remap", description = "decide each column's kind again from its name, by today's header rules"
            + " (an import without --map); without it each column keeps the kind its import gave it")
    boolean remap;

    @Option(names = "--map", paramLabel = "COLUMN=KIND", description = "read a column as another kind; KIND=ignore"
            + " drops it")
    List<String> maps = new ArrayList<>();

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Option(names = "--dry-run", description = "read the records again and say what would change, column by column,"
            + " without changing anything (the engine is not loaded: quick on a large base)")
    boolean dryRun;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, FieldKind> overrides = ColumnMapping.parseOverrides(maps);
        Normalizers normalizers = new Normalizers(region).withPhoneArea(phoneArea)
                .withAnonymousNames(data.blocklist().names());
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            return check(out, normalizers, overrides);
        }
        List<Summary> summaries = new ArrayList<>();
        try (Engine engine = data.openEngine()) {
            for (String source : sources) {
                Reread reread = new Reread(normalizers, remap, overrides);
                ImportCommand.ProgressBar bar = ImportCommand.ProgressBar.forTerminal(spec.commandLine().getErr());
                ImportRun run = engine.reprocess(source, reread, bar);
                bar.finish();
                Summary summary = new Summary(run, new java.util.TreeMap<>(reread.readOtherwiseToday()));
                summaries.add(summary);
                if (!json) {
                    print(out, summary);
                }
            }
        }
        if (json) {
            // one source: the summary itself, as the first version printed it; several: an array
            out.println(Json.write(summaries.size() == 1 ? summaries.get(0) : summaries));
        }
        return 0;
    }

    private static void print(PrintWriter out, Summary summary) {
        ImportRun run = summary.run();
        out.printf(Locale.ROOT, "%s: %,d records read again: %,d read differently and updated, %,d unchanged%s%n",
                run.source(), run.rowsRead(), run.recordsUpdated(), run.recordsUnchanged(),
                run.rowsRejected() > 0 ? String.format(Locale.ROOT, ", %,d left as stored (no column left, or an"
                        + " erased person's identifier)", run.rowsRejected()) : "");
        out.printf(Locale.ROOT, "profiles created: %,d, merged: %,d; identifiers quarantined: %,d%n",
                run.profilesCreated(), run.profilesMerged(), run.identifiersQuarantined());
        if (!summary.columnsReadOtherwise().isEmpty()) {
            out.println("columns today's header rules read as another kind (--remap reads them so; --map COLUMN=KIND"
                    + " keeps one as it is):");
            summary.columnsReadOtherwise().forEach((column, change) -> out.printf(Locale.ROOT, "  %-28s %s%n", column,
                    change));
        }
    }

    /** What a run would change: per source, the records that would read differently and by column. */
    private int check(PrintWriter out, Normalizers normalizers, Map<String, FieldKind> overrides) {
        List<Check> checks = new ArrayList<>();
        try (io.idem.core.store.Store store = data.openStore()) {
            for (String source : sources) {
                Reread reread = new Reread(normalizers, remap, overrides);
                long[] counts = new long[3]; // read, would change, no column left
                Map<String, Long> byColumn = new java.util.TreeMap<>();
                store.scan(r -> {
                    if (!r.record().key().source().equals(source)) {
                        return;
                    }
                    counts[0]++;
                    List<io.idem.core.model.Field> before = r.record().fields();
                    List<io.idem.core.model.Field> after = reread.of(r.record()).fields();
                    if (after.isEmpty()) {
                        counts[2]++;
                    } else if (!after.equals(before)) {
                        counts[1]++;
                        java.util.Set<String> columns = new java.util.TreeSet<>();
                        before.forEach(f -> columns.add(f.column()));
                        after.forEach(f -> columns.add(f.column()));
                        for (String column : columns) {
                            if (!ofColumn(before, column).equals(ofColumn(after, column))) {
                                byColumn.merge(column, 1L, Long::sum);
                            }
                        }
                    }
                });
                if (counts[0] == 0) {
                    throw new io.idem.core.IdemException.NotFound("no records of source '" + source + "'");
                }
                Check c = new Check(source, counts[0], counts[1], counts[2], byColumn,
                        new java.util.TreeMap<>(reread.readOtherwiseToday()));
                checks.add(c);
                if (!json) {
                    out.printf(Locale.ROOT, "%s: %,d records read again, nothing changed: %,d would read differently%s%n",
                            source, c.records(), c.wouldChange(), c.noColumnLeft() > 0 ? String.format(Locale.ROOT,
                                    ", %,d would be left as stored (no column left)", c.noColumnLeft()) : "");
                    c.changedByColumn().forEach((column, n) -> out.printf(Locale.ROOT, "  %-28s %,10d records%n",
                            column, n));
                    if (!c.columnsReadOtherwise().isEmpty()) {
                        out.println("columns today's header rules read as another kind (--remap reads them so):");
                        c.columnsReadOtherwise().forEach((column, change) -> out.printf(Locale.ROOT, "  %-28s %s%n",
                                column, change));
                    }
                }
            }
        }
        if (json) {
            out.println(Json.write(checks.size() == 1 ? checks.get(0) : checks));
        }
        return 0;
    }

    private static List<io.idem.core.model.Field> ofColumn(List<io.idem.core.model.Field> fields, String column) {
        return fields.stream().filter(f -> f.column().equals(column)).toList();
    }

    /** A dry run's findings for one source. */
    record Check(String source, long records, long wouldChange, long noColumnLeft, Map<String, Long> changedByColumn,
            Map<String, String> columnsReadOtherwise) {
    }

    /** The JSON summary: the run as `stats` shows imports, and the columns --remap would read otherwise. */
    record Summary(ImportRun run, Map<String, String> columnsReadOtherwise) {
    }
}
