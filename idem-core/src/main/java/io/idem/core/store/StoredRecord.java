package io.idem.core.store;

import io.idem.core.model.SourceRecord;
import java.util.Objects;

/**
 * A record as stored: the record itself, the profile it currently belongs to, and the engine's
 * compact resolution keys (opaque to stores; empty when read back without them). Why a record is
 * in its profile is derived when the profile is shown, not stored, so that a record joining a
 * profile never rewrites the others.
 */
public record StoredRecord(SourceRecord record, String profileId, String keys) {
    public StoredRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(profileId, "profileId");
        keys = keys == null ? "" : keys;
    }

    public StoredRecord(SourceRecord record, String profileId) {
        this(record, profileId, "");
    }
}
