package io.idem.cli;

import io.idem.core.Engine;
import io.idem.core.eval.PairwiseMetrics;
import io.idem.core.generate.Generator;
import io.idem.core.ingest.CsvReader;
import io.idem.core.ingest.ImportRequest;
import io.idem.core.ingest.ImportResult;
import io.idem.core.model.RecordKey;
import io.idem.core.normalize.Normalizers;
import io.idem.core.store.ImportRun;
import io.idem.core.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", description = "Generate a realistic multichannel base, import it channel by channel,"
        + " and show what idem did.")
final class DemoCommand implements Callable<Integer> {
    /** The order a retailer typically loads its channels in. */
    static final List<String> CHANNELS = List.of("ecommerce", "concurso", "tienda", "fidelizacion", "app", "callcenter");

    @Option(names = "--persons", defaultValue = "2000", paramLabel = "N",
            description = "people to generate (default: ${DEFAULT-VALUE})")
    int persons;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S")
    long seed;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path input = data.data.resolve("demo-input");
        var summary = new Generator(seed).generate(persons, input);
        out.printf(Locale.ROOT, "1. generated %,d records of %,d people in %s (one CSV per channel + truth.csv)%n",
                summary.totalRecords(), persons, input);
        out.println("2. importing channel by channel into " + data.data + ":");
        out.printf(Locale.ROOT, "   %-13s %8s %8s %9s %8s %8s %11s %8s%n", "channel", "rows", "new", "profiles+",
                "merged", "enriched", "quarantined", "rejected");
        Normalizers normalizers = new Normalizers("AR");
        try (Engine engine = data.openEngine()) {
            for (String channel : CHANNELS) {
                Path file = input.resolve(channel + ".csv");
                if (!Files.exists(file)) {
                    continue;
                }
                Path rejects = data.data.resolve("rejects").resolve("demo-" + channel + ".csv");
                ImportResult res = engine.importFile(new ImportRequest(file, channel, "id", Map.of(), rejects),
                        normalizers, null);
                ImportRun r = res.run();
                long enriched = r.recordsNew() - r.profilesCreated();
                out.printf(Locale.ROOT, "   %-13s %,8d %,8d %,9d %,8d %,8d %,11d %,8d%n", channel, r.rowsRead(),
                        r.recordsNew(), r.profilesCreated(), r.profilesMerged(), Math.max(0, enriched),
                        r.identifiersQuarantined(), r.rowsRejected());
            }
            Store store = engine.store();
            Map<RecordKey, String> truth = readTruth(summary.truthFile());
            Map<RecordKey, String> predicted = new HashMap<>();
            store.scan(r -> predicted.put(r.record().key(), r.profileId()));
            // the generator's anonymous visitors (app installs that never log in) are truth ids of
            // their own, but not customers: counted apart
            long people = truth.values().stream().filter(t -> !t.startsWith("visitor-")).distinct().count();
            long visitors = truth.values().stream().filter(t -> t.startsWith("visitor-")).distinct().count();
            PairwiseMetrics m = PairwiseMetrics.of(truth, predicted);
            out.printf(Locale.ROOT, "3. result: %,d records -> %,d profiles for %,d real customers and %,d anonymous"
                    + " app visitors%n", predicted.size(), m.profiles(), people, visitors);
            out.printf(Locale.ROOT, "   against the generator's truth: precision %.4f, recall %.4f, F1 %.4f;"
                    + " profiles mixing two people: %d (%.2f%%)%n", m.precision(), m.recall(), m.f1(),
                    m.mixedProfiles(), 100 * m.mixedShare());
            out.printf(Locale.ROOT, "   exact identifiers and fuzzy matching (%,d comparisons); %,d unsure pairs wait"
                    + " in the review queue; app events of devices that never log in carry no one's name and"
                    + " stay apart%n", engine.resolver().comparisons(), engine.openReviews().size());
            String example = exampleEmail(input.resolve("ecommerce.csv"));
            out.println("4. look next:");
            if (example != null) {
                out.println("   ./idem profile --email '" + example + "' --data " + data.data);
            }
            out.println("   ./idem review list --by-profile --data " + data.data + "    (then ./idem explain A B)");
            out.println("   ./idem review list --csv --limit 0 --data " + data.data + " > queue.csv    (decide in a"
                    + " spreadsheet, then ./idem review decide queue.csv --data " + data.data + ")");
            out.println("   ./idem rematch --dry-run --matching try.conf --data " + data.data + "    (try.conf: a"
                    + " line such as match_threshold = 0.95; what those settings would change)");
            out.println("   ./idem stats --data " + data.data);
            out.println("   ./idem export profiles --data " + data.data + " > profiles.csv");
            out.println("   ./idem export records --data " + data.data + " > records.csv");
            out.println("   ./idem export problems --data " + data.data + "    (values kept but not usable, placeholders)");
            out.println("   ./idem import YOUR_FILE.csv --source NAME --id COLUMN --dry-run    (what your columns give)");
        }
        return 0;
    }

    static Map<RecordKey, String> readTruth(Path truthFile) throws IOException {
        Map<RecordKey, String> truth = new HashMap<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(truthFile, StandardCharsets.UTF_8))) {
            csv.header();
            CsvReader.Row row;
            while ((row = csv.next()) != null) {
                truth.put(new RecordKey(row.fields()[0], row.fields()[1]), row.fields()[2]);
            }
        }
        return truth;
    }

    private static String exampleEmail(Path ecommerce) throws IOException {
        if (!Files.exists(ecommerce)) {
            return null;
        }
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(ecommerce, StandardCharsets.UTF_8))) {
            String[] header = csv.header();
            int col = List.of(header).indexOf("email");
            CsvReader.Row row;
            while (col >= 0 && (row = csv.next()) != null) {
                String e = row.fields().length > col ? row.fields()[col].trim() : "";
                if (e.contains("@") && !e.contains("test")) {
                    return e.toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }
}
