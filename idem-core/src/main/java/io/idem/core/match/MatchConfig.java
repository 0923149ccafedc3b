package io.idem.core.match;

import io.idem.core.IdemException;

/**
 * Settings of fuzzy matching.
 *
 * @param enabled whether records are compared at all (off: exact identifiers only)
 * @param matchThreshold match probability from which a pair is linked automatically
 * @param reviewThreshold match probability from which a pair below the match threshold goes to
 *     the review queue; below it the records are distinct
 * @param priorBits log2 of the prior odds that two records sharing a blocking key are one person
 * @param maxBlock blocks holding more records than this are too common to compare within (a key
 *     like a very common name with no other information); the records stay reachable through
 *     their other keys
 */
public record MatchConfig(boolean enabled, double matchThreshold, double reviewThreshold, double priorBits,
        int maxBlock) {

    public MatchConfig {
        if (!(matchThreshold > 0 && matchThreshold < 1)) {
            throw new IdemException.Configuration("'match.matchThreshold' must be between 0 and 1, was "
                    + matchThreshold);
        }
        if (!(reviewThreshold > 0 && reviewThreshold <= matchThreshold)) {
            throw new IdemException.Configuration("'match.reviewThreshold' must be above 0 and at most"
                    + " 'match.matchThreshold' (" + matchThreshold + "), was " + reviewThreshold);
        }
        if (maxBlock < 2) {
            throw new IdemException.Configuration("'match.maxBlock' must be at least 2, was " + maxBlock);
        }
    }

    /** Defaults tuned on the project's own generator (see BENCHMARKS.md), never on benchmark files. */
    public static MatchConfig defaults() {
        return new MatchConfig(true, 0.99, 0.25, -12, 30);
    }

    /** Exact identifiers only. */
    public static MatchConfig off() {
        return new MatchConfig(false, 0.99, 0.25, -12, 30);
    }

    public MatchConfig withThresholds(double match, double review) {
        return new MatchConfig(enabled, match, review, priorBits, maxBlock);
    }
}
