package io.idem.bench;

import io.idem.core.Engine;
import io.idem.core.eval.PairwiseMetrics;
import io.idem.core.generate.Generator;
import io.idem.core.ingest.CsvReader;
import io.idem.core.ingest.ImportRequest;
import io.idem.core.match.MatchConfig;
import io.idem.core.model.FieldKind;
import io.idem.core.model.RecordKey;
import io.idem.core.normalize.Normalizers;
import io.idem.core.resolve.ResolverConfig;
import io.idem.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Accuracy evaluation: runs the real engine, through the same import path as {@code ./idem import},
 * on a labelled data set in a fresh temporary SQLite store, and prints pairwise precision, recall
 * and F1 over the pairs of records that end in one profile, the share of profiles mixing two true
 * persons, the comparisons fuzzy matching made and the time the imports took.
 *
 * <pre>./bench evaluate febrl1|febrl2|febrl3|febrl4|fake1000|generator|all [--datasets DIR] [--persons N] [--show N]</pre>
 *
 * <p>{@code --show N} prints up to N missed and N wrong pairs with their explanation, for tuning;
 * {@code --diagnose} where the missed pairs are (never compared, scored below a threshold, which fields);
 * {@code --match P} sets the match threshold, {@code --exact-only} turns fuzzy matching off.
 */
final class Evaluate {
    /** The {@code --map} overrides README documents for FEBRL files. */
    static final Map<String, FieldKind> FEBRL_MAP = febrlMap();

    /** One import of a data set: file, source name, record id column, overrides. */
    record Part(Path file, String source, String idColumn, Map<String, FieldKind> overrides) {
    }

    /** A labelled data set: what to import and the true person of every record. */
    record Dataset(String name, List<Part> parts, Map<RecordKey, String> truth) {
    }

    /** What one evaluation measured. */
    record Result(String dataset, PairwiseMetrics metrics, long comparisons, int openReviews, double seconds,
            PairwiseMetrics withEvidence, Reviewed reviewed) {
        Result(String dataset, PairwiseMetrics metrics, long comparisons, int openReviews, double seconds) {
            this(dataset, metrics, comparisons, openReviews, seconds, null, null);
        }

        @Override
        public String toString() {
            String line = String.format(Locale.ROOT, "%-10s records %,7d  profiles %,7d  precision %.4f  recall %.4f  F1 %.4f"
                    + "  mixed %.3f%%  comparisons %,10d  reviews %,6d  %.2f s", dataset, metrics.records(),
                    metrics.profiles(), metrics.precision(), metrics.recall(), metrics.f1(), 100 * metrics.mixedShare(),
                    comparisons, openReviews, seconds);
            if (reviewed != null) {
                line += String.format(Locale.ROOT, "%n%-10s   after a reviewer decides the %,d open pairs (%,d pairs of profiles)"
                        + " as the truth says, through `review decide`'s path: profiles %,d  precision %.4f  recall %.4f"
                        + "  F1 %.4f  mixed %.3f%%", dataset, reviewed.pairs(), reviewed.questions(),
                        reviewed.metrics().profiles(), reviewed.metrics().precision(), reviewed.metrics().recall(),
                        reviewed.metrics().f1(), 100 * reviewed.metrics().mixedShare());
            }
            if (withEvidence == null) {
                return line;
            }
            // a second, labelled line; the plain numbers above stay the headline
            long without = metrics.truePairs() - withEvidence.truePairs();
            return line + String.format(Locale.ROOT, "%n%-10s   only true pairs with linking evidence (%,d of %,d true pairs,"
                    + " %.1f%%, have none: groups of records carrying only device ids or nothing at all): precision %.4f  recall %.4f  F1 %.4f", dataset,
                    without, metrics.truePairs(), 100.0 * without / Math.max(1, metrics.truePairs()),
                    withEvidence.precision(), withEvidence.recall(), withEvidence.f1());
        }
    }

    /** The profiles once every open review is decided as the truth says ({@code --reviewed}). */
    record Reviewed(int pairs, long questions, PairwiseMetrics metrics) {
    }

    private Evaluate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ./bench evaluate DATASET [--datasets DIR] [--persons N] [--show N] [--match P] [--review P] [--exact-only] [--diagnose] [--reviewed]");
        }
        Path datasets = Path.of("../shared/datasets");
        int persons = 5_000;
        int show = 0;
        boolean diagnose = false;
        boolean reviewed = false;
        ResolverConfig config = ResolverConfig.defaults();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--datasets" -> datasets = Path.of(args[++i]);
                case "--persons" -> persons = Integer.parseInt(args[++i]);
                case "--show" -> show = Integer.parseInt(args[++i]);
                case "--diagnose" -> diagnose = true;
                case "--reviewed" -> reviewed = true;
                case "--match" -> config = config.withMatch(config.match().withThresholds(
                        Double.parseDouble(args[++i]), config.match().reviewThreshold()));
                case "--exact-only" -> config = config.withMatch(MatchConfig.off());
                case "--review" -> config = config.withMatch(config.match().withThresholds(
                        config.match().matchThreshold(), Double.parseDouble(args[++i])));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> names = args[0].equals("all")
                ? List.of("febrl1", "febrl2", "febrl3", "febrl4", "fake1000", "generator") : List.of(args[0]);
        Path work = Files.createTempDirectory("idem-evaluate");
        try {
            for (String name : names) {
                Dataset d = dataset(name, datasets, persons, work.resolve("generated"));
                System.out.println(run(d, config, work.resolve("store-" + name), show, diagnose, reviewed));
            }
        } finally {
            ImportBenchmark.deleteTree(work);
        }
    }

    /** The pairs of profiles the open pairs are between: pairs between the same two are one question. */
    static long questions(List<io.idem.core.store.PairReview> open, Map<RecordKey, String> predicted) {
        return open.stream().map(r -> {
            String pa = predicted.get(r.a());
            String pb = predicted.get(r.b());
            return pa.compareTo(pb) < 0 ? pa + " " + pb : pb + " " + pa;
        }).distinct().count();
    }

    /**
     * Decides every open review as the truth says, most likely first, through the engine's batch of
     * decisions (what `review decide` runs), and scores the profiles that result.
     */
    static Reviewed decideAsTheTruthSays(Engine engine, List<io.idem.core.store.PairReview> open,
            Map<RecordKey, String> truth, Map<RecordKey, String> predicted) {
        long questions = questions(open, predicted);
        List<Engine.ReviewDecision> decisions = open.stream().map(r -> new Engine.ReviewDecision(r.id(),
                truth.get(r.a()) != null && truth.get(r.a()).equals(truth.get(r.b()))
                        ? io.idem.core.store.PairReview.ACCEPTED : io.idem.core.store.PairReview.REJECTED)).toList();
        engine.decideReviews(decisions);
        Map<RecordKey, String> after = new HashMap<>();
        engine.store().scan(r -> after.put(r.record().key(), r.profileId()));
        return new Reviewed(open.size(), questions, PairwiseMetrics.of(truth, after));
    }

    /** Imports a data set into a fresh store under {@code storeDir} and scores the profiles. */
    static Result run(Dataset d, ResolverConfig config, Path storeDir, int show) throws IOException {
        return run(d, config, storeDir, show, false, false);
    }

    /**
     * As {@link #run(Dataset, ResolverConfig, Path, int)}; {@code diagnose} also prints where the
     * missed pairs are ({@link Diagnosis}); {@code reviewed} also decides every open review as the
     * truth says, as a reviewer would with `review decide`, and scores the profiles again.
     */
    static Result run(Dataset d, ResolverConfig config, Path storeDir, int show, boolean diagnose, boolean reviewed)
            throws IOException {
        ImportBenchmark.deleteTree(storeDir);
        Normalizers normalizers = new Normalizers("AR");
        Map<RecordKey, String> predicted = new HashMap<>();
        long t0 = System.nanoTime();
        try (Engine engine = Engine.open(SqliteStore.open(storeDir), config)) {
            for (Part p : d.parts()) {
                engine.importFile(new ImportRequest(p.file(), p.source(), p.idColumn(), p.overrides(),
                        storeDir.resolve("rejects-" + p.source() + ".csv")), normalizers, null);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            engine.store().scan(r -> predicted.put(r.record().key(), r.profileId()));
            if (show > 0) {
                Mistakes.print(engine, d.truth(), predicted, show);
            }
            List<io.idem.core.store.PairReview> open = engine.openReviews();
            long same = open.stream().filter(r -> d.truth().get(r.a()) != null
                    && d.truth().get(r.a()).equals(d.truth().get(r.b()))).count();
            if (!open.isEmpty()) {
                // how useful the queue is: the share of open pairs that really are one person
                // and how much work it is: pairs between the same two profiles are one question
                long questions = questions(open, predicted);
                System.out.printf(java.util.Locale.ROOT,
                        "%-10s review queue: %,d open pairs, %.1f%% of them one person, between %,d pairs of profiles%n",
                        d.name(), open.size(), 100.0 * same / open.size(), questions);
            }
            if (diagnose && !open.isEmpty()) {
                Diagnosis.reviewCalibration(d.name(), open, d.truth());
            }
            if (diagnose) {
                Map<RecordKey, io.idem.core.model.SourceRecord> records = Diagnosis.records(engine);
                System.out.print(engine.resolver().matchWeights());
                Diagnosis.print(d.name(), engine, records, d.truth(), predicted, config.match().maxBlock());
                Diagnosis.pieces(d.name(), records, d.truth(), predicted, config.placeholders());
            }
            Map<RecordKey, String> evidence = Diagnosis.Evidence.withEvidence(d.truth(),
                    Diagnosis.Evidence.summaries(engine, config.placeholders()));
            Reviewed after = reviewed ? decideAsTheTruthSays(engine, open, d.truth(), predicted) : null;
            return new Result(d.name(), PairwiseMetrics.of(d.truth(), predicted), engine.resolver().comparisons(),
                    open.size(), seconds, evidence == d.truth() ? null : PairwiseMetrics.of(evidence, predicted), after);
        } finally {
            ImportBenchmark.deleteTree(storeDir);
        }
    }

    static Dataset dataset(String name, Path datasets, int persons, Path generated) throws IOException {
        Function<String, String> febrlTruth = id -> id.substring(0, id.indexOf('-', 4));
        return switch (name) {
            case "febrl1" -> febrl(name, datasets.resolve("febrl1/dataset1.csv"), febrlTruth);
            case "febrl2" -> febrl(name, datasets.resolve("febrl2/dataset2.csv"), febrlTruth);
            case "febrl3" -> febrl(name, datasets.resolve("febrl3/dataset3.csv"), febrlTruth);
            case "febrl4" -> {
                Dataset a = febrl("febrl4a", datasets.resolve("febrl4/dataset4a.csv"), febrlTruth);
                Dataset b = febrl("febrl4b", datasets.resolve("febrl4/dataset4b.csv"), febrlTruth);
                Map<RecordKey, String> truth = new HashMap<>(a.truth());
                truth.putAll(b.truth());
                List<Part> parts = new ArrayList<>(a.parts());
                parts.addAll(b.parts());
                yield new Dataset(name, parts, truth);
            }
            case "fake1000" -> {
                Path file = datasets.resolve("splink_fake_1000/fake_1000.csv");
                yield new Dataset(name, List.of(new Part(file, name, "unique_id", Map.of("cluster", FieldKind.IGNORE))),
                        column(file, name, "unique_id", "cluster", Function.identity()));
            }
            case "generator" -> generator(persons, generated);
            default -> throw new IllegalArgumentException("unknown data set '" + name
                    + "'; expected febrl1, febrl2, febrl3, febrl4, fake1000, generator or all");
        };
    }

    private static Dataset febrl(String source, Path file, Function<String, String> truthOf) throws IOException {
        return new Dataset(source, List.of(new Part(file, source, "rec_id", FEBRL_MAP)),
                column(file, source, "rec_id", "rec_id", truthOf));
    }

    /** The project's generator: six channels imported in the demo's order, with its truth.csv. */
    static Dataset generator(int persons, Path dir) throws IOException {
        Generator.Summary summary = new Generator(42).generate(persons, dir);
        List<Part> parts = new ArrayList<>();
        for (String channel : ImportBenchmark.CHANNELS) {
            parts.add(new Part(dir.resolve(channel + ".csv"), channel, "id", Map.of()));
        }
        Map<RecordKey, String> truth = new HashMap<>();
        readCsv(summary.truthFile(), (header, row) -> truth.put(new RecordKey(row[0], row[1]), row[2]));
        return new Dataset("generator", parts, truth);
    }

    private static Map<RecordKey, String> column(Path file, String source, String idColumn, String truthColumn,
            Function<String, String> truthOf) throws IOException {
        Map<RecordKey, String> truth = new HashMap<>();
        readCsv(file, (header, row) -> {
            String id = row[header.indexOf(idColumn)].trim();
            truth.put(new RecordKey(source, id), truthOf.apply(row[header.indexOf(truthColumn)].trim()));
        });
        return truth;
    }

    private interface RowSink {
        void row(List<String> header, String[] row);
    }

    private static void readCsv(Path file, RowSink sink) throws IOException {
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            List<String> header = new ArrayList<>();
            for (String h : csv.header()) {
                header.add(h.trim());
            }
            CsvReader.Row row;
            while ((row = csv.next()) != null) {
                sink.row(header, row.fields());
            }
        }
    }

    private static Map<String, FieldKind> febrlMap() {
        Map<String, FieldKind> m = new LinkedHashMap<>();
        m.put("given_name", FieldKind.FIRST_NAME);
        m.put("surname", FieldKind.LAST_NAME);
        m.put("soc_sec_id", FieldKind.DOCUMENT);
        m.put("date_of_birth", FieldKind.BIRTH_DATE);
        m.put("suburb", FieldKind.CITY);
        m.put("address_1", FieldKind.ADDRESS);
        m.put("address_2", FieldKind.IGNORE);
        m.put("state", FieldKind.REGION);
        m.put("street_number", FieldKind.STREET_NUMBER);
        m.put("postcode", FieldKind.POSTCODE);
        return m;
    }
}
