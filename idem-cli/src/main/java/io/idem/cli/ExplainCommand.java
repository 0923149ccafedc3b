package io.idem.cli;

import io.idem.core.Engine;
import io.idem.core.match.FieldScore;
import io.idem.core.match.MatchDecision;
import io.idem.core.model.RecordKey;
import io.idem.core.resolve.PairExplanation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", description = "Explain why two records are, or are not, one person: each compared field,"
        + " its level and weight, the total and the decision. Give the two records, or a review id for its pair.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE:RECORD_ID|REVIEW_ID")
    String first;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SOURCE:RECORD_ID")
    String second;

    @Option(names = "--json", description = "print the explanation as JSON")
    boolean json;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Engine engine = data.openEngineForReading()) {
            RecordKey a;
            RecordKey b;
            if (second == null) {
                // a review id, as `review list` prints it: its pair
                io.idem.core.store.PairReview r = engine.store().reviews().stream().filter(v -> v.id().equals(first))
                        .findFirst().orElseThrow(() -> new io.idem.core.IdemException.NotFound("no review " + first
                                + " (give a review id, or two records SOURCE:RECORD_ID)"));
                a = r.a();
                b = r.b();
            } else {
                a = RecordKey.parse(first);
                b = RecordKey.parse(second);
            }
            PairExplanation x = engine.explain(a, b);
            if (json) {
                out.println(Json.write(x));
            } else {
                print(out, x);
            }
        }
        return 0;
    }

    static void print(PrintWriter out, PairExplanation x) {
        out.printf(Locale.ROOT, "%s (profile %s)%n%s (profile %s)%n%n", x.a(), x.profileA(), x.b(), x.profileB());
        out.printf(Locale.ROOT, "  %-12s %-32s %7s  %s%n", "field", "level", "weight", "values");
        for (FieldScore f : x.score().fields()) {
            out.printf(Locale.ROOT, "  %-12s %-32s %+7.1f  %s%n", f.field().label(), f.level().label(), f.weight(),
                    f.detail());
        }
        out.printf(Locale.ROOT, "  %-12s %-32s %+7.1f  match probability %.4f%n", "total", "", x.score().weight(),
                x.score().probability());
        out.println();
        out.println("fuzzy decision: " + switch (x.decision()) {
            case MATCH -> "match (linked automatically)";
            case REVIEW -> "review (between the review and the match thresholds: a person decides)";
            case DISTINCT -> "distinct (below the review threshold)";
        });
        if (!x.sharedIdentifiers().isEmpty()) {
            out.println("shared identifiers (exact rule): " + String.join(", ", x.sharedIdentifiers()));
        }
        if (!x.review().isEmpty()) {
            out.println("review: " + x.review() + " by a person, which overrides the score");
        }
        out.println("outcome: " + (x.sameProfile() ? "same profile" : "different profiles")
                + (x.sameProfile() == (x.decision() == MatchDecision.Kind.MATCH) || !x.sharedIdentifiers().isEmpty()
                        ? "" : " (decided by the other records of the profiles)"));
    }
}
