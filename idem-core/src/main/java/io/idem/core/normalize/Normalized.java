package io.idem.core.normalize;

/**
 * The outcome of normalising one raw value: a normalised {@code value}, or a {@code problem}
 * explaining why the value was rejected, or neither when the input was empty.
 */
public record Normalized(String value, String problem) {
    /** Blank input: nothing to normalise and nothing wrong. */
    public static final Normalized EMPTY = new Normalized(null, null);

    public static Normalized ok(String value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null; use EMPTY");
        }
        return new Normalized(value, null);
    }

    public static Normalized invalid(String reason) {
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        return new Normalized(null, reason);
    }

    public boolean valid() {
        return value != null && problem == null;
    }

    public boolean empty() {
        return value == null && problem == null;
    }
}
