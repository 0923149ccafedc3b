package io.idem.core;

/**
 * What an erasure removed: counts only, never a value.
 *
 * @param profileId the profile erased
 * @param requestedId the id asked for when it was a merged-away id of that profile, else {@code null}
 * @param records records deleted
 * @param events of those, records that carried an event
 * @param identifiers distinct identifiers the records carried
 * @param suppressed identifiers added to the suppression list (those no remaining record carries)
 * @param rejectLines lines removed from the reject files
 */
public record ErasureReport(String profileId, String requestedId, int records, int events, int identifiers,
        int suppressed, int rejectLines) {
}
