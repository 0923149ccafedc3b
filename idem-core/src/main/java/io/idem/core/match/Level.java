package io.idem.core.match;

/**
 * How well one attribute of two records agrees. Not every level applies to every field; see
 * {@link Comparators} for which comparisons produce which level.
 */
public enum Level {
    /** Equal after normalisation. */
    EXACT("exact"),
    /** Names that sound the same in Spanish ({@code Gonzales} / {@code González}). */
    PHONETIC("sounds alike"),
    /** Names with a small spelling difference (Jaro-Winkler at least 0.92, or one edit). */
    CLOSE("close spelling"),
    /** Names or addresses that are only somewhat alike (Jaro-Winkler at least 0.85). */
    SIMILAR("similar"),
    /** One side is part of the other: a compound first name or surname given in part. */
    PARTIAL("one part of a compound"),
    /** One side is the initial of the other. */
    INITIAL("initial"),
    /** Identifiers one edit or one transposition apart (a document typed with a digit wrong). */
    ONE_EDIT("one edit apart"),
    /** Birth dates with day and month swapped. */
    SWAPPED("day and month swapped"),
    /** Birth dates with exactly one of year, month or day different. */
    ONE_OFF("one component off"),
    /** Birth dates less than a year apart, neither equal nor one component off (a date remembered roughly). */
    NEAR("less than a year apart"),
    /**
     * Birth dates whose digits ({@code YYYYMMDD}) differ in two places, neither equal, one component
     * off nor less than a year apart: a date with two digits typed wrong ({@code 1974-10-05} /
     * {@code 1984-10-03}).
     */
    TWO_DIGITS("two digits apart"),
    /** Phones with the same last 8 digits (area code written differently). */
    SAME_NUMBER("same last 8 digits"),
    /** Emails with the same local part at another domain. */
    SAME_LOCAL("same local part, other domain"),
    /**
     * Emails that agree only in what their owners' names spell: {@code maria.gonzalez@gmail.com} and
     * {@code mariagonzalez@hotmail.com} for two records both named María González. The names have
     * already counted that agreement; namesakes choose such addresses as often as one person does.
     */
    SPELLED("agree only in what the names spell"),
    /** Equal, but the value is shared by a household (a family email, a home landline). */
    SHARED("equal but shared by a household"),
    /** Present on both and different. */
    DIFFERENT("different"),
    /** Missing on one side or both: never evidence either way. */
    MISSING("missing");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
