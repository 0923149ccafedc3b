package io.idem.core.model;

import java.util.Objects;

/** A normalised identifier value of one kind, e.g. {@code email:ana@example.com}. */
public record Identifier(FieldKind kind, String value) implements Comparable<Identifier> {
    public Identifier {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (!kind.isIdentifier()) {
            throw new IllegalArgumentException(kind + " is not an identifier kind");
        }
    }

    /** {@code kind:value}, the form used in indexes and reports. */
    public String key() {
        return kind.key() + ":" + value;
    }

    @Override
    public int compareTo(Identifier o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return key();
    }
}
