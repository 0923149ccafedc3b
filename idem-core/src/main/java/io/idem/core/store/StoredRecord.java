package io.idem.core.store;

import io.idem.core.model.SourceRecord;
import java.util.Objects;

/**
 * A record as stored: the record itself, the profile it currently belongs to, and the reason it
 * was linked there (an identifier such as {@code email:ana@example.com}, or {@code new}).
 */
public record StoredRecord(SourceRecord record, String profileId, String linkReason) {
    public StoredRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(profileId, "profileId");
        linkReason = linkReason == null ? "" : linkReason;
    }
}
