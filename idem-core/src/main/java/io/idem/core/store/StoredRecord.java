package io.idem.core.store;

import io.idem.core.model.SourceRecord;
import java.util.Objects;

/**
 * A record as stored: the record itself, the profile it currently belongs to, and the engine's
 * compact resolution keys (opaque to stores; empty when read back without them). Why a record is
 * in its profile is derived when the profile is shown, not stored, so that a record joining a
 * profile never rewrites the others.
 *
 * @param links the engine's fuzzy match links of the record as of this write (opaque to stores,
 *     see {@link KeyedRecord#links}), or {@code null} when not known
 */
public record StoredRecord(SourceRecord record, String profileId, String keys, String links) {
    public StoredRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(profileId, "profileId");
        keys = keys == null ? "" : keys;
    }

    /** A record whose fuzzy links are not known (see {@link KeyedRecord#links}). */
    public StoredRecord(SourceRecord record, String profileId, String keys) {
        this(record, profileId, keys, null);
    }

    public StoredRecord(SourceRecord record, String profileId) {
        this(record, profileId, "");
    }
}
