package io.idem.core.model;

import java.util.Objects;

/**
 * One value of a record: the column it came from, its kind, the value as received, its normalised
 * form ({@code null} when empty or invalid) and, when invalid, the reason.
 */
public record Field(String column, FieldKind kind, String raw, String normalized, String problem) {
    public Field {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(raw, "raw");
    }

    public boolean valid() {
        return normalized != null && problem == null;
    }
}
