package io.idem.core.store;

import io.idem.core.model.RecordKey;

/**
 * What the engine loads at start for each record: its key, profile and the compact resolution keys
 * the engine computed when the record was written (see {@code ResolutionKeys}). Loading these
 * instead of whole records keeps start-up fast.
 *
 * <p>{@code links} are the record's fuzzy match edges as the engine last wrote them (which records
 * it matched, with what probability, and when it was written), so that an engine loading the store
 * keeps the decisions the writing engine made instead of scoring the pairs again against other
 * value frequencies: after a crash, a re-import then ends in exactly the profiles of a clean run.
 * Opaque to stores, plain text (record-key hashes and numbers, nothing personal); {@code null} when
 * not known, and the engine compares the record again when it needs its edges.
 */
public record KeyedRecord(RecordKey key, String profileId, String keys, String links) {
    /** A record whose links are not known: written before links were stored, or never compared. */
    public KeyedRecord(RecordKey key, String profileId, String keys) {
        this(key, profileId, keys, null);
    }
}
