package io.idem.core.store;

import io.idem.core.model.RecordKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Store} deletes for the right to erasure, besides the re-partition of what remains.
 *
 * @param records the erased records: deleted with their identifier index rows and every review
 *     involving one of them
 * @param profileIds the profile ids that become unknown: aliases to or from them are deleted
 * @param identifiers every identifier ({@code kind:value}) the records carried: log reasons
 *     mentioning one get it replaced by {@code kind:[erased]}
 * @param unused the identifiers no remaining record carries: their flags are deleted
 * @param suppressions keyed hashes (hex) of identifiers that must never be imported again
 * @param entry the log line recording the erasure (no raw value in it)
 */
public record Erasure(List<RecordKey> records, Set<String> profileIds, List<String> identifiers,
        List<String> unused, List<String> suppressions, LogEntry entry) {

    public Erasure {
        records = List.copyOf(records);
        profileIds = Set.copyOf(profileIds);
        identifiers = List.copyOf(identifiers);
        unused = List.copyOf(unused);
        suppressions = List.copyOf(suppressions);
        Objects.requireNonNull(entry, "entry");
    }

    /** The scrubbed form of an identifier in log reasons. */
    public static String erased(String identifier) {
        return identifier.substring(0, identifier.indexOf(':') + 1) + "[erased]";
    }

    /** {@code text} with every erased identifier replaced by its {@link #erased} form. */
    public static String scrub(String text, List<String> identifiers) {
        String out = text;
        for (String v : identifiers) {
            if (out.contains(v)) {
                out = out.replace(v, erased(v));
            }
        }
        return out;
    }
}
