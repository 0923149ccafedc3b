package io.idem.core.match;

/** Turns a score into a decision with the configured match and review thresholds. */
public final class Decider {
    private final double match;
    private final double review;

    public Decider(MatchConfig config) {
        this.match = config.matchThreshold();
        this.review = config.reviewThreshold();
    }

    public MatchDecision decide(Score score) {
        MatchDecision.Kind kind = score.probability() >= match ? MatchDecision.Kind.MATCH
                : score.probability() >= review ? MatchDecision.Kind.REVIEW : MatchDecision.Kind.DISTINCT;
        return new MatchDecision(kind, score);
    }
}
