package io.idem.core.match;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates the Fellegi-Sunter {@code m} probabilities (how often each level occurs among pairs that
 * are one person) from the data itself, by expectation-maximisation over the comparison patterns of
 * candidate pairs: the pairs blocking brings together, including those the exact rule links anyway
 * (they are the clearest matches and tell most about how one person's records differ).
 *
 * <p>Each observed pair is reduced to its pattern, the level of every field. EM alternates between
 * the probability that each pattern is a match, given the current {@code m}, {@code u} and match
 * share, and new {@code m}, {@code u} and share from those probabilities. Fields are assumed
 * independent given the match status, as the scorer assumes. Only {@code m} leaves the estimator:
 * the {@code u} it fits describes non-matching <em>candidate</em> pairs (which share a blocking
 * key, so they agree on names far more often than two random records), while the scorer's
 * {@code u} must describe random pairs; those stay the defaults and the value frequencies.
 *
 * <p>Why this is safe on small or odd data: the estimate starts from the defaults and is smoothed
 * towards them as if {@value #PSEUDO_MATCHES} matching pairs with the default distribution had been
 * seen ({@link Weights#mu}); a disagreement never becomes evidence for a match (see
 * {@link MatchWeights}).
 */
public final class MEstimator {
    /** Weight of the defaults, in matching pairs: with fewer real matches the defaults dominate. */
    static final int PSEUDO_MATCHES = 100;
    private static final int ITERATIONS = 40;
    /** Clear matches (see {@link #tryEstimate}) a sample needs before EM is run on it. */
    static final int MIN_CLEAR = 50;
    /** Default weight, in bits, from which a pair counts as a clear match. */
    static final double CLEAR_BITS = 20;
    private static final int FIELDS = MatchField.values().length;
    private static final int LEVELS = Level.values().length;
    /** Bits per field in a pattern: enough for every level, and every field fits in a long. */
    static final int BITS = 5;

    static {
        if (LEVELS > 1 << BITS || MatchField.values().length * BITS > Long.SIZE) {
            throw new AssertionError("a pattern of levels does not fit in a long");
        }
    }

    private final Map<Long, long[]> patterns = new HashMap<>();
    private long observed;

    /** Counts the pattern of one scored pair. */
    public void observe(Score score) {
        observe(pattern(score.fields()));
    }

    void observe(long pattern) {
        patterns.computeIfAbsent(pattern, k -> new long[1])[0]++;
        observed++;
    }

    /** Pairs observed so far. */
    public long observed() {
        return observed;
    }

    /** The level of every field, {@value #BITS} bits each, in {@link MatchField} order. */
    static long pattern(List<FieldScore> fields) {
        long p = 0;
        for (FieldScore f : fields) {
            p |= (long) f.level().ordinal() << (BITS * f.field().ordinal());
        }
        // fields that were not scored at all count as missing
        for (MatchField f : MatchField.values()) {
            boolean present = false;
            for (FieldScore s : fields) {
                present |= s.field() == f;
            }
            if (!present) {
                p |= (long) Level.MISSING.ordinal() << (BITS * f.ordinal());
            }
        }
        return p;
    }

    static Level level(long pattern, MatchField field) {
        return Level.values()[(int) (pattern >>> (BITS * field.ordinal())) & ((1 << BITS) - 1)];
    }

    /** The {@code m} estimated from the observed patterns, as weights; the defaults when nothing was observed or the estimate is not trusted. */
    public MatchWeights estimate() {
        return tryEstimate().orElse(MatchWeights.defaults());
    }

    /**
     * The {@code m} estimated from the observed patterns, or nothing when the sample cannot tell what
     * one person's records look like:
     * <ul>
     * <li>fewer than {@value #MIN_CLEAR} of its pairs are clear matches under the default weights
     * (at least {@value #CLEAR_BITS} bits: an equal document, or a name, a birth date and more).
     * EM always splits the pairs in two classes; without matches to find it splits the non-matches,
     * for example into pairs from one place and the rest (seen on the generator at 50,000 persons,
     * whose first 9,000 records are web orders of different people);</li>
     * <li>the class EM calls matches disagrees on given names, or on surnames, at least as often as
     * it agrees on them, even partially (a phonetic or close spelling, an initial's full name counts
     * as agreeing): one person's records mostly carry one name, give or take typos, so whatever
     * EM found is not one person. On the generator at 50,000 persons the class it found agreed
     * on postcode and city in 95% of its pairs and on the given name in 3%.</li>
     * </ul>
     */
    public Optional<MatchWeights> tryEstimate() {
        if (patterns.isEmpty()) {
            return Optional.empty();
        }
        MatchWeights defaults = MatchWeights.defaults();
        long clear = 0;
        for (Map.Entry<Long, long[]> e : patterns.entrySet()) {
            double bits = 0;
            for (MatchField f : MatchField.values()) {
                Level l = level(e.getKey(), f);
                bits += defaults.applies(f, l) ? defaults.bits(f, l, Double.NaN) : 0;
            }
            if (bits >= CLEAR_BITS) {
                clear += e.getValue()[0];
            }
        }
        if (clear < MIN_CLEAR) {
            return Optional.empty();
        }
        double[][] m0 = MatchWeights.defaultM();
        int n = patterns.size();
        int[][] levels = new int[n][FIELDS];
        double[] counts = new double[n];
        int i = 0;
        for (Map.Entry<Long, long[]> e : patterns.entrySet()) {
            for (MatchField f : MatchField.values()) {
                levels[i][f.ordinal()] = level(e.getKey(), f).ordinal();
            }
            counts[i++] = e.getValue()[0];
        }
        double[][] m = copy(m0);
        // start from the default u of random pairs: it separates the classes clearly (a pair agreeing
        // on a name, a birth date and an address is a match whatever its document says), and EM then
        // moves u to what non-matching candidate pairs look like
        double[][] u = MatchWeights.defaultU();
        double share = 0.5;
        int missing = Level.MISSING.ordinal();
        for (int it = 0; it < ITERATIONS; it++) {
            double[][] gm = new double[FIELDS][LEVELS];
            double[][] gu = new double[FIELDS][LEVELS];
            double matches = 0;
            double total = 0;
            for (int p = 0; p < n; p++) {
                double logM = Math.log(share);
                double logU = Math.log(1 - share);
                for (int f = 0; f < FIELDS; f++) {
                    int l = levels[p][f];
                    if (l != missing && m0[f][l] > 0) {
                        logM += Math.log(m[f][l]);
                        logU += Math.log(u[f][l]);
                    }
                }
                double g = 1 / (1 + Math.exp(Math.max(-700, Math.min(700, logU - logM))));
                double c = counts[p];
                matches += g * c;
                total += c;
                for (int f = 0; f < FIELDS; f++) {
                    int l = levels[p][f];
                    if (l != missing && m0[f][l] > 0) {
                        gm[f][l] += g * c;
                        gu[f][l] += (1 - g) * c;
                    }
                }
            }
            share = Math.max(1e-4, Math.min(1 - 1e-4, matches / total));
            for (int f = 0; f < FIELDS; f++) {
                double sm = 0;
                double su = 0;
                for (int l = 0; l < LEVELS; l++) {
                    sm += gm[f][l];
                    su += gu[f][l];
                }
                for (int l = 0; l < LEVELS; l++) {
                    if (m0[f][l] > 0) {
                        m[f][l] = (gm[f][l] + PSEUDO_MATCHES * m0[f][l]) / (sm + PSEUDO_MATCHES);
                        u[f][l] = (gu[f][l] + 1.0 / LEVELS) / (su + 1);
                    }
                }
            }
        }
        for (MatchField f : new MatchField[] {MatchField.GIVEN_NAME, MatchField.FAMILY_NAME}) {
            double agree = 0;
            double disagree = 0;
            for (Level l : Level.values()) {
                if (l != Level.MISSING && defaults.applies(f, l)) {
                    if (defaults.bits(f, l, Double.NaN) > 0) {
                        agree += m[f.ordinal()][l.ordinal()];
                    } else {
                        disagree += m[f.ordinal()][l.ordinal()];
                    }
                }
            }
            if (agree <= disagree) {
                return Optional.empty();
            }
        }
        return Optional.of(MatchWeights.of(m, observed));
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
