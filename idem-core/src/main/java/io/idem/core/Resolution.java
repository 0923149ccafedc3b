package io.idem.core;

import io.idem.core.model.RecordKey;

/**
 * What resolving one record did.
 *
 * @param key the record
 * @param profileId the live profile the record belongs to
 * @param effect what the record did to profiles
 */
public record Resolution(RecordKey key, String profileId, Effect effect) {

    /** The effect of one record on profiles. */
    public enum Effect {
        /** a profile was created for it */
        CREATED,
        /** it joined (or updated) an existing profile */
        ENRICHED,
        /** it proved two or more profiles are one person: they were merged */
        MERGED,
        /** the same record with the same content was already stored */
        UNCHANGED
    }
}
