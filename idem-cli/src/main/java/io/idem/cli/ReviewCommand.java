package io.idem.cli;

import io.idem.core.Engine;
import io.idem.core.IdemException;
import io.idem.core.ingest.Csv;
import io.idem.core.ingest.CsvReader;
import io.idem.core.model.RecordKey;
import io.idem.core.normalize.Names;
import io.idem.core.match.Score;
import io.idem.core.store.PairReview;
import io.idem.core.store.ReviewQueue;
import io.idem.core.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "review", description = "The review queue: pairs fuzzy matching was unsure about.",
        subcommands = {ReviewCommand.ListCommand.class, ReviewCommand.AcceptCommand.class,
                ReviewCommand.RejectCommand.class, ReviewCommand.DecideCommand.class})
final class ReviewCommand {

    @Command(name = "list", description = "Open pairs still in different profiles, most likely match first.")
    static final class ListCommand implements Callable<Integer> {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "pairs to show (default: ${DEFAULT-VALUE}; 0: all)")
        int limit;

        @Option(names = "--json", description = "print the pairs as JSON")
        boolean json;

        @Option(names = "--csv", description = "print the pairs as CSV for a spreadsheet: id,score,a,b,evidence,"
                + "a_values,b_values,decision (each record's fields as received; decision left empty: fill it with"
                + " accept or reject and give the file to `review decide`)")
        boolean csv;

        @Option(names = "--by-profile", description = "one line per pair of profiles: its most likely pair, and how"
                + " many more pairs ask the same question (rejecting one rejects them all)")
        boolean byProfile;

        @Option(names = "--evidence", description = "only the pairs with evidence beyond their names (an identifier,"
                + " a birth date, a place...): the ones a reviewer can check")
        boolean evidence;

        @Mixin
        DataOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            data.resolverConfig(); // the settings are checked as every command checks them, though listing uses none
            // read from the store: listing needs no engine (at a million records, loading one takes 12 s)
            try (Store store = data.openStore()) {
                ReviewQueue queue = ReviewQueue.read(store);
                List<PairReview> all = queue.open();
                List<PairReview> open = evidence ? all.stream().filter(r -> !Score.namesOnly(r.reason())).toList() : all;
                long namesOnly = all.stream().filter(r -> Score.namesOnly(r.reason())).count();
                // the open pairs per pair of profiles, most likely first (open is sorted so)
                Map<String, List<PairReview>> questions = new LinkedHashMap<>();
                for (PairReview r : open) {
                    String pa = queue.profileOf(r.a());
                    String pb = queue.profileOf(r.b());
                    questions.computeIfAbsent(pa.compareTo(pb) < 0 ? pa + " " + pb : pb + " " + pa,
                            k -> new ArrayList<>()).add(r);
                }
                List<PairReview> candidates = byProfile ? questions.values().stream().map(l -> l.get(0)).toList() : open;
                List<PairReview> shown = limit <= 0 ? candidates
                        : candidates.subList(0, Math.min(limit, candidates.size()));
                if (json) {
                    out.println(Json.write(shown));
                    return 0;
                }
                if (csv) {
                    out.print(Csv.line("id", "score", "a", "b", "evidence", "a_values", "b_values", "decision"));
                    for (PairReview r : shown) {
                        out.print(Csv.line(r.id(), String.format(Locale.ROOT, "%.3f", r.score()), r.a().toString(),
                                r.b().toString(), r.reason(), values(store, r.a()), values(store, r.b()), ""));
                    }
                    out.flush();
                    return 0;
                }
                out.printf(Locale.ROOT, "%,d open pairs between %,d pairs of profiles%s%s%n", open.size(),
                        questions.size(), evidence ? String.format(Locale.ROOT,
                                " with evidence beyond their names (%,d share nothing but a name)", namesOnly) : namesOnly > 0 ? "; " + String.format(Locale.ROOT,
                                "%,d", namesOnly) + " of them share nothing but a name (--evidence leaves them out)" : "",
                        shown.size() < candidates.size() ? " (showing " + shown.size() + ", see --limit)" : "");
                Map<String, Integer> more = new HashMap<>();
                for (List<PairReview> l : questions.values()) {
                    more.put(l.get(0).id(), l.size() - 1);
                }
                for (PairReview r : shown) {
                    int others = byProfile ? more.get(r.id()) : 0;
                    out.printf(Locale.ROOT, "%s  %.3f  %s ~ %s  %s%s%n", r.id(), r.score(), r.a(), r.b(), r.reason(),
                            others > 0 ? "  (+" + others + " more between these profiles)" : "");
                }
                if (!shown.isEmpty()) {
                    out.println("next: ./idem explain ID (or A B), then ./idem review accept ID or ./idem review reject ID");
                }
            }
            return 0;
        }
    }

    /** A record's fields as received, {@code column=value; ...}: what a reviewer compares. */
    static String values(Store store, RecordKey key) {
        return store.record(key).map(r -> r.record().fields().stream()
                .filter(f -> !f.raw().isEmpty())
                .map(f -> f.column() + "=" + f.raw())
                .collect(Collectors.joining("; "))).orElse("");
    }

    /** Prints what each decision did, as accept and reject always have. */
    static void report(PrintWriter out, Engine engine, List<Engine.ReviewOutcome> outcomes) {
        for (Engine.ReviewOutcome o : outcomes) {
            PairReview r = o.decided();
            String pa = engine.resolver().profileOf(r.a());
            String pb = engine.resolver().profileOf(r.b());
            String what = PairReview.ACCEPTED.equals(r.status()) ? "now profile " + pa
                    : "profiles " + pa + " and " + pb + (o.alsoRejected().isEmpty() ? ""
                            : "; also rejected, between the same profiles: "
                                    + o.alsoRejected().stream().map(PairReview::id).collect(Collectors.joining(" ")));
            out.printf(Locale.ROOT, "%s %s: %s ~ %s; %s%n", r.id(), r.status(), r.a(), r.b(), what);
        }
    }

    /** Accept and reject share everything but the decision. */
    abstract static class Decide implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ID", description = "review ids, as `review list` prints them;"
                + " several are decided in the order given, as one change")
        List<String> ids = new ArrayList<>();

        @Option(names = "--all", description = "every open pair `review list` shows with the same filters"
                + " (--min-score, --max-score, --evidence), most likely first, as one change")
        boolean all;

        @Option(names = "--min-score", paramLabel = "P", description = "with --all: only pairs scored at least P")
        Double minScore;

        @Option(names = "--max-score", paramLabel = "P", description = "with --all: only pairs scored below P")
        Double maxScore;

        @Option(names = "--evidence", description = "with --all: only pairs with evidence beyond their names")
        boolean evidence;

        @Mixin
        DataOptions data;

        @Spec
        CommandSpec spec;

        abstract String status();

        @Override
        public Integer call() {
            if (all == !ids.isEmpty()) {
                throw new IdemException.InvalidInput("give review ids, or --all (with --min-score, --max-score,"
                        + " --evidence to choose), not " + (all ? "both" : "neither"));
            }
            if (!all && (minScore != null || maxScore != null || evidence)) {
                throw new IdemException.InvalidInput("--min-score, --max-score and --evidence choose pairs for --all");
            }
            try (Engine engine = data.openEngine()) {
                List<String> chosen = ids;
                if (all) {
                    chosen = engine.openReviews().stream()
                            .filter(r -> minScore == null || r.score() >= minScore)
                            .filter(r -> maxScore == null || r.score() < maxScore)
                            .filter(r -> !evidence || !Score.namesOnly(r.reason()))
                            .map(PairReview::id).toList();
                }
                List<Engine.ReviewDecision> decisions = chosen.stream()
                        .map(id -> new Engine.ReviewDecision(id, status())).toList();
                List<Engine.ReviewOutcome> outcomes = engine.decideReviews(decisions);
                report(spec.commandLine().getOut(), engine, outcomes);
                if (all) {
                    long alike = outcomes.stream().mapToLong(o -> o.alsoRejected().size()).sum();
                    spec.commandLine().getOut().printf(Locale.ROOT, "%,d pairs %s%s%n", outcomes.size(), status(),
                            alike > 0 ? String.format(Locale.ROOT, " (%,d more rejected with them)", alike) : "");
                }
            }
            return 0;
        }
    }

    @Command(name = "accept", description = "The pair is one person: their profiles merge.")
    static final class AcceptCommand extends Decide {
        @Override
        String status() {
            return PairReview.ACCEPTED;
        }
    }

    @Command(name = "reject", description = "The pair is two people: never merged automatically again. The other"
            + " open pairs between the same two profiles are rejected with it.")
    static final class RejectCommand extends Decide {
        @Override
        String status() {
            return PairReview.REJECTED;
        }
    }

    /**
     * Decisions made in a spreadsheet: the file `review list --csv` writes, its decision column
     * filled in. Lines that cannot be applied are reported with their line and reason and the rest
     * is applied, as one change, in the file's order.
     */
    @Command(name = "decide", description = "Apply the decisions of a file: a CSV (or .xlsx) with an id column and a"
            + " decision column (accept, same, yes, si / reject, different, no; empty: undecided), as `review list"
            + " --csv` writes it. Lines that cannot be applied are reported with their line and reason (exit code 2)"
            + " and the rest is applied, in the file's order, as one change.")
    static final class DecideCommand implements Callable<Integer> {
        private static final Set<String> SAME = Set.of("accept", "accepted", "same", "yes", "y", "si", "s",
                "true", "1", "match", "merge");
        private static final Set<String> DIFFERENT = Set.of("reject", "rejected", "different", "no", "n", "false",
                "0", "distinct");

        @Parameters(index = "0", paramLabel = "FILE", description = "the decisions")
        Path file;

        @Option(names = "--encoding", paramLabel = "NAME", description = "the file's character set (default: UTF-8,"
                + " or Windows-1252 for lines that are not UTF-8, as a spreadsheet saves them)")
        String encoding;

        @Mixin
        DataOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Engine.ReviewDecision> decisions = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            long undecided = 0;
            try (CsvReader csv = CsvReader.open(file, encoding)) {
                String[] header = csv.header();
                int idColumn = column(header, "id");
                int decisionColumn = column(header, "decision");
                if (idColumn < 0 || decisionColumn < 0) {
                    throw new IdemException.InvalidInput(file + ": the header needs an 'id' and a 'decision' column"
                            + " (as `review list --csv` writes them), not " + String.join(",", header));
                }
                CsvReader.Row row;
                while ((row = csv.next()) != null) {
                    String[] f = row.fields();
                    String problem = row.error();
                    String id = idColumn < f.length ? f[idColumn].trim() : "";
                    String said = decisionColumn < f.length ? f[decisionColumn].trim() : "";
                    String word = Names.comparisonForm(said);
                    if (problem == null && id.isEmpty()) {
                        problem = "no review id";
                    } else if (problem == null && word.isEmpty()) {
                        undecided++;
                        continue;
                    } else if (problem == null && !SAME.contains(word) && !DIFFERENT.contains(word)) {
                        problem = "decision '" + said + "' is neither accept (same, yes, si) nor reject (different, no)";
                    }
                    if (problem != null) {
                        problems.add(file + ":" + row.line() + ": " + problem);
                        continue;
                    }
                    decisions.add(new Engine.ReviewDecision(id, SAME.contains(word) ? PairReview.ACCEPTED
                            : PairReview.REJECTED));
                    lines.add(row.line());
                }
            }
            try (Engine engine = data.openEngine()) {
                Set<String> queued = new HashSet<>();
                engine.store().reviews().forEach(r -> queued.add(r.id()));
                List<Engine.ReviewDecision> known = new ArrayList<>();
                for (int i = 0; i < decisions.size(); i++) {
                    if (queued.contains(decisions.get(i).reviewId())) {
                        known.add(decisions.get(i));
                    } else {
                        problems.add(file + ":" + lines.get(i) + ": no review " + decisions.get(i).reviewId());
                    }
                }
                List<Engine.ReviewOutcome> outcomes = engine.decideReviews(known);
                report(out, engine, outcomes);
                long accepted = outcomes.stream().filter(o -> PairReview.ACCEPTED.equals(o.decided().status())).count();
                long alsoRejected = outcomes.stream().mapToLong(o -> o.alsoRejected().size()).sum();
                problems.sort(null);
                for (String p : problems) {
                    err.println(p);
                }
                out.printf(Locale.ROOT, "%,d accepted, %,d rejected (%,d more rejected with them), %,d left undecided,"
                        + " %,d lines not applied%n", accepted, outcomes.size() - accepted, alsoRejected, undecided,
                        problems.size());
            }
            return problems.isEmpty() ? 0 : 2;
        }

        private static int column(String[] header, String name) {
            for (int i = 0; i < header.length; i++) {
                if (header[i].trim().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
