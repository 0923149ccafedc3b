package io.idem.core.match;

/**
 * How common a value is in the data, which turns the {@code u} probability of an exact agreement
 * into a data-driven one: agreeing on {@code garcia} counts less than agreeing on {@code villalba}.
 */
@FunctionalInterface
public interface Frequencies {
    /**
     * For names, postcode and city: the share in [0, 1] of records carrying this value. For phones
     * and emails: 1 when a household shares the value (carriers with different documents), so an
     * agreement on it is weak evidence. {@code NaN} when unknown: the default {@code u} applies.
     */
    double share(MatchField field, String value);

    /**
     * A share estimated from counts, smoothed towards the field's default {@code u} as if
     * {@value #PSEUDO_RECORDS} records with the default distribution had been seen first, so that a
     * handful of records does not make a name look rare or common.
     */
    static double smoothed(MatchField field, long count, long total) {
        double u0 = Weights.mu(field, Level.EXACT)[1];
        return (count + PSEUDO_RECORDS * u0) / (total + PSEUDO_RECORDS);
    }

    /** Pseudo-records of {@link #smoothed}. */
    int PSEUDO_RECORDS = 500;

    /**
     * How many records with a name the data holds: the more people, the more namesakes, so the prior
     * odds of a match shrink (see {@link Scorer}). 0 when unknown.
     */
    default long population() {
        return 0;
    }

    /** No data: default {@code u} everywhere. */
    Frequencies NONE = (field, value) -> Double.NaN;
}
