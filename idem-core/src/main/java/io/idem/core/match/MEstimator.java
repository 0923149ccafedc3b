package io.idem.core.match;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private static final int FIELDS = MatchField.values().length;
    private static final int LEVELS = Level.values().length;

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

    /** The level of every field, 4 bits each, in {@link MatchField} order. */
    static long pattern(List<FieldScore> fields) {
        long p = 0;
        for (FieldScore f : fields) {
            p |= (long) f.level().ordinal() << (4 * f.field().ordinal());
        }
        // fields that were not scored at all count as missing
        for (MatchField f : MatchField.values()) {
            boolean present = false;
            for (FieldScore s : fields) {
                present |= s.field() == f;
            }
            if (!present) {
                p |= (long) Level.MISSING.ordinal() << (4 * f.ordinal());
            }
        }
        return p;
    }

    static Level level(long pattern, MatchField field) {
        return Level.values()[(int) (pattern >>> (4 * field.ordinal())) & 0xF];
    }

    /** The {@code m} estimated from the observed patterns, as weights; the defaults when nothing was observed. */
    public MatchWeights estimate() {
        if (patterns.isEmpty()) {
            return MatchWeights.defaults();
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
        return MatchWeights.of(m, observed);
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
