package io.idem.core.store;

import io.idem.core.model.SourceRecord;
import java.util.Objects;

/**
 * A record as stored: the record itself, the profile it currently belongs to, the reason it was
 * linked there (an identifier such as {@code email:ana@example.com}, or empty when alone), and the
 * engine's compact resolution keys (opaque to stores; empty when read back without them).
 */
public record StoredRecord(SourceRecord record, String profileId, String linkReason, String keys) {
    public StoredRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(profileId, "profileId");
        linkReason = linkReason == null ? "" : linkReason;
        keys = keys == null ? "" : keys;
    }

    public StoredRecord(SourceRecord record, String profileId, String linkReason) {
        this(record, profileId, linkReason, "");
    }
}
