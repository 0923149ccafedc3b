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

    /**
     * The share of a city among the records with this postcode: how often two different people
     * with the postcode agree on the city too. Where a postcode is one town's, agreeing on both is
     * worth the postcode alone, not the two shares multiplied. Smoothed towards the city's own
     * share ({@link #CONDITIONAL_PSEUDO_RECORDS}), so that a few records look independent.
     * {@code NaN} when unknown: the city's own share applies.
     */
    default double cityGivenPostcode(String postcodeKey, String cityKey) {
        return Double.NaN;
    }

    /** Pseudo-records of {@link #cityGivenPostcode}. */
    int CONDITIONAL_PSEUDO_RECORDS = 20;

    /** No data: default {@code u} everywhere. */
    Frequencies NONE = (field, value) -> Double.NaN;
}
