package io.idem.core.normalize;

/** Turns one raw value of a known kind into its normalised form. Implementations are thread-safe. */
@FunctionalInterface
public interface Normalizer {
    Normalized normalize(String raw);
}
