package io.idem.core.store;

import java.util.Objects;

/**
 * One line of the append-only resolution log.
 *
 * @param at epoch millis
 * @param action what happened: {@code merge}, {@code split}, {@code quarantine}, {@code shared}
 * @param profileId the profile the entry is about (for a merge: the survivor)
 * @param otherId the other profile involved (for a merge: the merged-away id), or empty
 * @param reason why, in words a marketing analyst can read (e.g. {@code shared email:ana@x.com})
 * @param actor who caused it, e.g. {@code import:ecommerce}
 */
public record LogEntry(long at, String action, String profileId, String otherId, String reason, String actor) {
    public LogEntry {
        Objects.requireNonNull(action, "action");
        profileId = profileId == null ? "" : profileId;
        otherId = otherId == null ? "" : otherId;
        reason = reason == null ? "" : reason;
        actor = actor == null ? "" : actor;
    }
}
