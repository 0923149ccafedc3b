package io.idem.core.match;

/** The person attributes fuzzy matching compares, in the order explanations list them. */
public enum MatchField {
    GIVEN_NAME("given name"),
    FAMILY_NAME("surname"),
    BIRTH_DATE("birth date"),
    DOCUMENT("document"),
    PHONE("phone"),
    EMAIL("email"),
    ADDRESS("address"),
    POSTCODE("postcode"),
    CITY("city"),
    GENDER("gender");

    private final String label;

    MatchField(String label) {
        this.label = label;
    }

    /** Words an analyst reads, e.g. {@code birth date}. */
    public String label() {
        return label;
    }
}
