package io.idem.core.match;

import java.util.Locale;

/**
 * The weights the scorer uses: per field and level {@code log2(m / u)}, with {@code m} either the
 * defaults ({@link Weights#mu}) or estimated on the data ({@link MEstimator}), and {@code u} always the
 * default, or for exact names, postcodes and cities the value's share in the data. Logarithms are
 * computed once here, not per comparison.
 *
 * <p>A level whose default weight is negative (a disagreement) keeps a weight of at most
 * {@value #MAX_DISAGREEMENT} bits (or its default, if that is closer to 0) whatever the estimate
 * says: data where most duplicates disagree on a field may make a disagreement weak evidence
 * against, never evidence for. Likewise a level whose default weight is positive (an agreement,
 * however partial) never weighs below 0: data that rarely shows a kind of agreement among its
 * duplicates (no phonetic variants of first names, say) makes it weak evidence, not evidence
 * against.
 */
public final class MatchWeights {
    /** The most a disagreement may weigh, in bits. */
    static final double MAX_DISAGREEMENT = -1;
    private static final int FIELDS = MatchField.values().length;
    private static final int LEVELS = Level.values().length;
    private static final MatchWeights DEFAULTS = of(table(0, false), 0);

    private final double[][] m;
    /** Candidate pairs the estimate was made from; 0 for the defaults. */
    private final long pairs;
    /** log2(m) per field and level. */
    private final double[][] log2m;
    /** log2(m / u) with the default u, capped for disagreements; NaN where the level does not apply. */
    private final double[][] bits;

    private MatchWeights(double[][] m, long pairs) {
        this.m = m;
        this.pairs = pairs;
        this.log2m = new double[FIELDS][LEVELS];
        this.bits = new double[FIELDS][LEVELS];
        for (MatchField f : MatchField.values()) {
            for (Level l : Level.values()) {
                double[] mu = Weights.mu(f, l);
                int i = f.ordinal();
                int j = l.ordinal();
                if (mu == null || l == Level.MISSING) {
                    log2m[i][j] = Double.NaN;
                    bits[i][j] = l == Level.MISSING ? 0 : Double.NaN;
                    continue;
                }
                log2m[i][j] = log2(m[i][j]);
                bits[i][j] = cap(f, l, log2m[i][j] - log2(mu[1]));
            }
        }
    }

    /** The defaults of {@link Weights}. */
    public static MatchWeights defaults() {
        return DEFAULTS;
    }

    static MatchWeights of(double[][] m, long pairs) {
        return new MatchWeights(m, pairs);
    }

    /** Candidate pairs {@code m} was estimated from; 0 for the defaults. */
    public long pairs() {
        return pairs;
    }

    /** The default {@code m} per field and level, normalised to sum to 1 per field (0 where a level does not apply). */
    static double[][] defaultM() {
        return table(0, true);
    }

    /** The default {@code u} per field and level, normalised to sum to 1 per field (0 where a level does not apply). */
    static double[][] defaultU() {
        return table(1, true);
    }

    /**
     * The default {@code m} ({@code which} 0) or {@code u} (1) per field and level as {@link Weights}
     * gives it, optionally normalised per field. The default weights themselves use the table as given
     * (phones and emails list {@code m} for "equal" and "equal but shared" separately, which are one
     * agreement with different {@code u}).
     */
    private static double[][] table(int which, boolean normalise) {
        double[][] out = new double[FIELDS][LEVELS];
        for (MatchField f : MatchField.values()) {
            double sum = 0;
            for (Level l : Level.values()) {
                double[] mu = l == Level.MISSING ? null : Weights.mu(f, l);
                if (mu != null) {
                    out[f.ordinal()][l.ordinal()] = mu[which];
                    sum += mu[which];
                }
            }
            for (int j = 0; j < LEVELS && normalise; j++) {
                out[f.ordinal()][j] /= sum;
            }
        }
        return out;
    }

    /** The {@code m} of a level. */
    public double m(MatchField field, Level level) {
        return m[field.ordinal()][level.ordinal()];
    }

    /** Whether the level is one of the field's (missing always is). */
    public boolean applies(MatchField field, Level level) {
        return !Double.isNaN(bits[field.ordinal()][level.ordinal()]);
    }

    /** The weight in bits of a level; {@code share} (NaN when unknown) replaces {@code u} where it applies. */
    public double bits(MatchField field, Level level, double share) {
        double b = bits[field.ordinal()][level.ordinal()];
        if (Double.isNaN(b)) {
            throw new IllegalArgumentException(field + " has no level " + level);
        }
        if (!Double.isNaN(share) && Weights.usesShare(field, level)) {
            return log2m[field.ordinal()][level.ordinal()] - log2(Math.max(Weights.MIN_U, Math.min(Weights.MAX_U, share)));
        }
        return b;
    }

    /** The largest difference, in bits, between the weights of two tables. */
    public double distance(MatchWeights other) {
        double d = 0;
        for (int i = 0; i < FIELDS; i++) {
            for (int j = 0; j < LEVELS; j++) {
                if (!Double.isNaN(bits[i][j])) {
                    d = Math.max(d, Math.abs(bits[i][j] - other.bits[i][j]));
                }
            }
        }
        return d;
    }

    private static double cap(MatchField f, Level l, double estimated) {
        double[] mu = Weights.mu(f, l);
        double byDefault = log2(mu[0]) - log2(mu[1]);
        if (byDefault < 0) {
            return Math.min(estimated, Math.max(byDefault, MAX_DISAGREEMENT));
        }
        return byDefault > 0 ? Math.max(estimated, 0) : estimated;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** One line per field: every level's weight in bits, for logs and the evaluator. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(pairs == 0 ? "default weights\n"
                : String.format(Locale.ROOT, "m estimated on %,d candidate pairs%n", pairs));
        for (MatchField f : MatchField.values()) {
            sb.append(String.format(Locale.ROOT, "%-11s", f.label()));
            for (Level l : Level.values()) {
                double b = bits[f.ordinal()][l.ordinal()];
                if (l != Level.MISSING && !Double.isNaN(b)) {
                    sb.append(String.format(Locale.ROOT, "  %s %+.1f (m %.3f)", l.name().toLowerCase(Locale.ROOT), b,
                            m[f.ordinal()][l.ordinal()]));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
