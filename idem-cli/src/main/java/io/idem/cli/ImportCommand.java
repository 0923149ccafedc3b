package io.idem.cli;

import io.idem.core.Engine;
import io.idem.core.IdemException;
import io.idem.core.ingest.ColumnMapping;
import io.idem.core.ingest.FileCheck;
import io.idem.core.ingest.ImportRequest;
import io.idem.core.ingest.ImportResult;
import io.idem.core.ingest.Importer;
import io.idem.core.ingest.TextDecoder;
import io.idem.core.model.FieldKind;
import io.idem.core.normalize.Normalizers;
import io.idem.core.store.ImportRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", description = "Import the files of one source (CSV, .csv.gz, .zip or .xlsx): find each row's profile by all its"
        + " identifiers, enrich it, create one only when none exists.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "1..*", paramLabel = "FILE",
            description = "CSV (or .csv.gz, .zip, .xlsx) files of the source, imported one after another")
    List<Path> files;

    @Option(names = "--source", required = true, paramLabel = "NAME", description = "source (channel) name")
    String source;

    @Option(names = "--id", paramLabel = "COLUMN", description = "column holding the record id (default: row number)")
    String idColumn;

    @Option(names = "--map", paramLabel = "COLUMN=KIND", description = "override a column's kind; KIND=ignore drops it")
    List<String> maps = new ArrayList<>();

    @Option(names = "--region", paramLabel = "CC", defaultValue = "AR",
            description = "default country for phones and documents (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--phone-area", paramLabel = "CODE", description = "area code of phones written without one"
            + " (a store's local numbers: 11 for Buenos Aires, 341 for Rosario); used only for numbers that do not"
            + " normalise as they are")
    String phoneArea;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "where rejected rows go (default: DIR/rejects/SOURCE-TIME.csv)")
    Path rejects;

    @Option(names = "--hashed-input", description = "e-mail, phone and document columns hold the SHA-256 (64 hex"
            + " digits) of the normalised value, as partners send them; they link to profiles holding the same"
            + " identifiers (see README)")
    boolean hashedInput;

    @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "auto",
            description = "how the file's bytes are read: auto (UTF-8; a line that is not UTF-8 is read as"
                    + " Windows-1252, as spreadsheets save it) or a charset name such as windows-1252 or"
                    + " iso-8859-15 (default: ${DEFAULT-VALUE})")
    String encoding;

    @Option(names = "--dry-run", description = "read and normalise the file as an import would, print what each"
            + " column became and how many of its values are usable, and import nothing")
    boolean dryRun;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, FieldKind> overrides = ColumnMapping.parseOverrides(maps);
        boolean several = files.size() > 1;
        if (several && idColumn == null) {
            // a record id is then its row number: the second file's rows would update the first's
            throw new IdemException.InvalidInput("several files of one source need --id COLUMN: without it a"
                    + " record id is its row number, and each file's rows would replace the previous file's");
        }
        if (several && rejects != null) {
            throw new IdemException.InvalidInput("--rejects names one file; with several files leave it out"
                    + " (each gets its own DATA/rejects/SOURCE-TIME-N.csv)");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        List<ImportRequest> requests = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path rejectFile = rejects != null ? rejects : data.data.resolve("rejects").resolve(source + "-" + stamp
                    + (several ? "-" + (i + 1) : "") + ".csv");
            requests.add(new ImportRequest(files.get(i), source, idColumn, overrides, rejectFile, encoding));
        }
        Normalizers normalizers = new Normalizers(region).withPhoneArea(phoneArea)
                .withAnonymousNames(data.blocklist().names());
        PrintWriter out = spec.commandLine().getOut();
        List<Object> results = new ArrayList<>();
        if (dryRun) {
            for (ImportRequest req : requests) {
                FileCheck check = FileCheck.of(req, normalizers, data.blocklist());
                results.add(check);
                if (!json) {
                    printCheck(out, req.file(), source, check);
                }
            }
        } else {
            try (Engine engine = data.openEngine()) {
                for (ImportRequest req : requests) {
                    ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr());
                    ImportResult result = engine.importFile(req, normalizers, bar, hashedInput);
                    bar.finish();
                    results.add(result);
                    if (!json) {
                        printSummary(out, req.file(), result);
                    }
                }
            }
        }
        if (json) {
            // one file: its object, as always; several: an array of them, in order
            out.println(Json.write(several ? results : results.get(0)));
        }
        return 0;
    }

    static void printSummary(PrintWriter out, Path file, ImportResult result) {
        ImportRun r = result.run();
        out.printf(Locale.ROOT, "imported %s as source '%s' in %.1f s%n", file, r.source(), result.millis() / 1000.0);
        row(out, "rows read", r.rowsRead());
        row(out, "records new", r.recordsNew());
        row(out, "records updated", r.recordsUpdated());
        row(out, "records unchanged", r.recordsUnchanged());
        row(out, "profiles created", r.profilesCreated());
        row(out, "profiles merged", r.profilesMerged());
        row(out, "identifiers quarantined", r.identifiersQuarantined());
        out.printf(Locale.ROOT, "  %-24s %,10d%s%n", "rows rejected", r.rowsRejected(),
                r.rejectFile().isEmpty() ? "" : "  (see " + r.rejectFile() + ")");
        row(out, "rows suppressed", result.suppressed());
        if (!result.invalidValues().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            result.invalidValues().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(v));
            out.println("  values kept but not usable: " + sb
                    + (result.problemsFile().isEmpty() ? "" : "  (see " + result.problemsFile() + ")"));
        }
        if (result.placeholders() > 0) {
            out.printf(Locale.ROOT, "  placeholder identifiers ignored: %,d%n", result.placeholders());
        }
        List<String> attributes = new ArrayList<>();
        boolean links = false;
        for (Map.Entry<String, String> col : result.columns().entrySet()) {
            FieldKind kind = col.getValue().equals("record_id") ? FieldKind.ATTRIBUTE : FieldKind.parse(col.getValue());
            if (kind == FieldKind.ATTRIBUTE && !col.getValue().equals("record_id")) {
                attributes.add(col.getKey());
            }
            links |= ColumnMapping.links(kind);
        }
        if (!attributes.isEmpty()) {
            out.println("  columns kept as attributes: " + String.join(", ", attributes)
                    + " (--map COLUMN=KIND reads one as an identifier, a name...)");
        }
        if (!links) {
            out.println("  warning: no column is an identifier or a name, so no row can be linked to another;"
                    + " name them with --map COLUMN=KIND (e.g. --map \"Nro. Doc=document\")"
                    + headerHint(result.columns().keySet()));
        }
        ImportResult.Text text = result.text();
        if (text.windows1252Lines() > 0) {
            out.printf(Locale.ROOT, "  lines read as Windows-1252: %,d (not valid UTF-8; the first is line %,d;"
                    + " --encoding sets the file's encoding)%n", text.windows1252Lines(), text.firstWindows1252Line());
        } else if (!text.encoding().equals(TextDecoder.AUTO)) {
            out.printf(Locale.ROOT, "  read as %s%n", text.encoding());
        }
        if (result.matching().on()) {
            out.printf(Locale.ROOT, "  fuzzy matching: %,d comparisons; review queue: %,d open pairs%s%n",
                    result.matching().comparisons(), result.matching().openReviews(),
                    result.matching().openReviews() > 0 ? " (./idem review list)" : "");
        }
        double secs = Math.max(result.millis(), 1) / 1000.0;
        out.printf(Locale.ROOT, "  throughput: %,.0f rows/s%n", r.rowsRead() / secs);
    }

    static void printCheck(PrintWriter out, Path file, String source, FileCheck check) {
        out.printf(Locale.ROOT, "checked %s as source '%s': nothing was imported%n", file, source);
        row(out, "rows read", check.rowsRead());
        out.printf(Locale.ROOT, "  %-24s %,10d%s%n", "rows an import rejects", check.rowsRejected(),
                check.firstRejects().isEmpty() ? "" : "  (first: " + check.firstRejects().get(0) + ")");
        out.printf(Locale.ROOT, "  %-24s %-12s %9s %9s %11s %13s  %s%n", "column", "kind", "filled", "usable",
                "not usable", "placeholders", "e.g.");
        boolean links = false;
        for (FileCheck.Column c : check.columns()) {
            String example = c.example().length() > 30 ? c.example().substring(0, 29) + "…" : c.example();
            out.printf(Locale.ROOT, "  %-24s %-12s %,9d %,9d %,11d %,13d  %s%n", c.name(), c.kind(), c.filled(),
                    c.usable(), c.notUsable(), c.placeholders(), example);
            links |= !c.kind().equals("record_id") && ColumnMapping.links(FieldKind.parse(c.kind())) && c.usable() > 0;
        }
        for (String p : check.firstProblems()) {
            out.println("  not usable: " + p);
        }
        if (!links) {
            out.println("  warning: no usable identifier or name in any column, so no row could be linked to another;"
                    + " name the columns with --map COLUMN=KIND"
                    + headerHint(check.columns().stream().map(FileCheck.Column::name).toList()));
        }
    }

    /** A hint when the header looks like a row of data. */
    private static String headerHint(Iterable<String> names) {
        String value = ColumnMapping.valueLikeName(names);
        return value == null ? "" : "; the header holds '" + value + "', a value: does the file start without a"
                + " header row? (its first line is always read as the header)";
    }

    private static void row(PrintWriter out, String label, long value) {
        out.printf(Locale.ROOT, "  %-24s %,10d%n", label, value);
    }

    /** A progress bar on stderr, only when attached to a terminal. */
    static final class ProgressBar implements Importer.Progress {
        private final PrintWriter err;
        private long lastDraw;
        private boolean drawn;

        private ProgressBar(PrintWriter err) {
            this.err = err;
        }

        static ProgressBar forTerminal(PrintWriter err) {
            return new ProgressBar(System.console() != null ? err : null);
        }

        @Override
        public void update(long rows, long bytes, long total) {
            if (err == null) {
                return;
            }
            long now = System.currentTimeMillis();
            if (now - lastDraw < 200) {
                return;
            }
            lastDraw = now;
            int pct = total <= 0 ? 0 : (int) Math.min(100, bytes * 100 / total);
            int filled = pct * 30 / 100;
            err.printf(Locale.ROOT, "\r[%s%s] %3d%% %,d rows", "#".repeat(filled), " ".repeat(30 - filled), pct, rows);
            err.flush();
            drawn = true;
        }

        void finish() {
            if (err != null && drawn) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
        }
    }
}
