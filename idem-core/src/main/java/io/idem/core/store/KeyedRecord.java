package io.idem.core.store;

import io.idem.core.model.RecordKey;

/**
 * What the engine loads at start for each record: its key, profile and the compact resolution keys
 * the engine computed when the record was written (see {@code ResolutionKeys}). Loading these
 * instead of whole records keeps start-up fast.
 */
public record KeyedRecord(RecordKey key, String profileId, String keys) {
}
