package io.idem.core.store;

/**
 * Receives what other processes sharing a store committed since this process last caught up: each
 * changed record in its stored state, and each merged-away profile id. Delivery is at least once,
 * so a receiver must accept a change it already knows.
 */
public interface ChangeFeed {
    void record(KeyedRecord stored);

    void alias(String mergedAway, String survivor);

    /**
     * A profile another process erased: its records are gone from the store and must be forgotten
     * here too, and the erased identifiers are now suppressed. Stores shared by one process only
     * never call it.
     */
    default void erased(String profileId) {
    }

    /**
     * A person's decision (a review accepted or rejected, a split, a merge) another process made:
     * it must constrain resolution here too, or this process could undo it.
     */
    default void decision(PairReview decided) {
    }
}
