package io.idem.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One imported row, stored as received plus its normalised form. Records are the truth; profiles
 * are derived from them.
 *
 * @param ingestedAt epoch millis when this version of the record was received
 */
public record SourceRecord(RecordKey key, List<Field> fields, long ingestedAt) {
    public SourceRecord {
        Objects.requireNonNull(key, "key");
        fields = List.copyOf(fields);
    }

    /** The valid identifiers of this record, sorted and without duplicates. */
    public List<Identifier> identifiers() {
        TreeSet<Identifier> ids = new TreeSet<>();
        for (Field f : fields) {
            if (f.kind().isIdentifier() && f.valid()) {
                ids.add(new Identifier(f.kind(), f.normalized()));
            }
        }
        return new ArrayList<>(ids);
    }

    /** The first valid normalised value of a kind, or {@code null}. */
    public String first(FieldKind kind) {
        for (Field f : fields) {
            if (f.kind() == kind && f.valid()) {
                return f.normalized();
            }
        }
        return null;
    }

    /** The first raw (as received) non-blank value of a kind, or {@code null}. */
    public String firstRaw(FieldKind kind) {
        for (Field f : fields) {
            if (f.kind() == kind && !f.raw().isBlank()) {
                return f.raw();
            }
        }
        return null;
    }

    /** Same content (fields) as another version of the record, ignoring the ingestion time. */
    public boolean sameContent(SourceRecord other) {
        return other != null && key.equals(other.key) && fields.equals(other.fields);
    }
}
