package io.idem.core.store;

/**
 * The linking status of one identifier value that is not plainly usable.
 *
 * @param identifier {@code kind:value}
 * @param status {@code quarantined} (never links), {@code shared} (carried by people with different
 *     documents; links only where a name decides) or {@code ok} (a former flag was lifted)
 * @param reason e.g. {@code 5 different documents}
 */
public record ValueFlag(String identifier, String status, String reason) {
}
