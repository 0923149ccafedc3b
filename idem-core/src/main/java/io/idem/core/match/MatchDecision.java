package io.idem.core.match;

/**
 * What to do with a compared pair.
 *
 * @param kind link automatically, ask a person, or keep apart
 * @param score the score that decided
 */
public record MatchDecision(Kind kind, Score score) {
    public enum Kind { MATCH, REVIEW, DISTINCT }

    /** Why, in an analyst's words: the probability and the attributes that decided. */
    public String reason() {
        return score.summary();
    }
}
