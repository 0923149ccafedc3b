package io.idem.core.match;

/**
 * The comparison of one attribute of two records.
 *
 * @param field what was compared
 * @param level how well it agrees
 * @param weight the log2 likelihood ratio it adds to the score (positive: evidence of one person)
 * @param detail the compared values, as an analyst would read them (e.g. {@code gonzales ~ gonzalez})
 */
public record FieldScore(MatchField field, Level level, double weight, String detail) {
}
