package io.idem.cli;

import io.idem.core.Engine;
import io.idem.core.match.Score;
import io.idem.core.store.PairReview;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                ReviewCommand.RejectCommand.class})
final class ReviewCommand {

    @Command(name = "list", description = "Open pairs still in different profiles, most likely match first.")
    static final class ListCommand implements Callable<Integer> {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "pairs to show (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "print the pairs as JSON")
        boolean json;

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
            try (Engine engine = data.openEngine()) {
                List<PairReview> all = engine.openReviews();
                List<PairReview> open = evidence ? all.stream().filter(r -> !Score.namesOnly(r.reason())).toList() : all;
                long namesOnly = all.stream().filter(r -> Score.namesOnly(r.reason())).count();
                // the open pairs per pair of profiles, most likely first (open is sorted so)
                Map<String, List<PairReview>> questions = new LinkedHashMap<>();
                for (PairReview r : open) {
                    String pa = engine.resolver().profileOf(r.a());
                    String pb = engine.resolver().profileOf(r.b());
                    questions.computeIfAbsent(pa.compareTo(pb) < 0 ? pa + " " + pb : pb + " " + pa,
                            k -> new ArrayList<>()).add(r);
                }
                List<PairReview> candidates = byProfile ? questions.values().stream().map(l -> l.get(0)).toList() : open;
                List<PairReview> shown = candidates.subList(0, Math.min(limit, candidates.size()));
                if (json) {
                    out.println(Json.write(shown));
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
                    out.println("next: ./idem explain A B, then ./idem review accept ID or ./idem review reject ID");
                }
            }
            return 0;
        }
    }

    /** Accept and reject share everything but the decision. */
    abstract static class Decide implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "review id, as `review list` prints it")
        String id;

        @Mixin
        DataOptions data;

        @Spec
        CommandSpec spec;

        abstract PairReview decide(Engine engine);

        abstract String outcome(Engine engine, PairReview r);

        @Override
        public Integer call() {
            try (Engine engine = data.openEngine()) {
                PairReview r = decide(engine);
                spec.commandLine().getOut().printf(Locale.ROOT, "%s %s: %s ~ %s; %s%n", r.id(), r.status(), r.a(), r.b(),
                        outcome(engine, r));
            }
            return 0;
        }
    }

    @Command(name = "accept", description = "The pair is one person: their profiles merge.")
    static final class AcceptCommand extends Decide {
        @Override
        PairReview decide(Engine engine) {
            return engine.acceptReview(id);
        }

        @Override
        String outcome(Engine engine, PairReview r) {
            return "now profile " + engine.resolver().profileOf(r.a());
        }
    }

    @Command(name = "reject", description = "The pair is two people: never merged automatically again. The other"
            + " open pairs between the same two profiles are rejected with it.")
    static final class RejectCommand extends Decide {
        /** Open pairs the rejection settles too, looked up before it is made. */
        private List<PairReview> alike = List.of();

        @Override
        PairReview decide(Engine engine) {
            alike = engine.reviewsDecidedWith(id);
            return engine.rejectReview(id);
        }

        @Override
        String outcome(Engine engine, PairReview r) {
            return "profiles " + engine.resolver().profileOf(r.a()) + " and " + engine.resolver().profileOf(r.b())
                    + (alike.isEmpty() ? "" : "; also rejected, between the same profiles: "
                            + alike.stream().map(PairReview::id).collect(Collectors.joining(" ")));
        }
    }
}
