package io.idem.core.store;

/**
 * Receives what other processes sharing a store committed since this process last caught up: each
 * changed record in its stored state, and each merged-away profile id. Delivery is at least once,
 * so a receiver must accept a change it already knows.
 */
public interface ChangeFeed {
    void record(KeyedRecord stored);

    void alias(String mergedAway, String survivor);
}
