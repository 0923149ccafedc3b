package io.idem.core.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fellegi-Sunter scoring of a pair of records, a pure function of the two records, the value
 * frequencies and the prior. Each attribute is compared into a graded {@link Level}; the level's
 * weight is {@code log2(m / u)}; the weights are summed with the prior log-odds into a match
 * probability. The prior log-odds are the configured prior, or {@code -log2(population)} when the
 * data holds more records than that prior stands for: among a million people an exact name
 * agreement is worth as much as among four thousand, but there are 250 times more namesakes to
 * tell apart. Missing attributes weigh 0. Agreements on address, postcode and city are
 * correlated (one household shares all three), so together they add at most {@link #PLACE_CAP} bits.
 */
public final class Scorer {
    /** Most evidence, in bits, that address, postcode and city may add together. */
    static final double PLACE_CAP = 12;
    /** Preference, in bits, for reading structured names as labelled rather than swapped. */
    private static final double SWAP_COST = 1;
    private static final String[] NONE = new String[0];

    private final double priorBits;

    /**
     * @param priorBits log2 of the prior odds that two compared records are one person, for data of up
     *     to {@code 2^-priorBits} records
     */
    public Scorer(double priorBits) {
        this.priorBits = priorBits;
    }

    public Score score(MatchRecord a, MatchRecord b, Frequencies freq) {
        List<FieldScore> out = new ArrayList<>(10);
        names(a, b, freq, out);
        add(out, MatchField.BIRTH_DATE, Comparators.date(a.birth(), b.birth()), Double.NaN, a.birth(), b.birth());
        add(out, MatchField.DOCUMENT, Comparators.documents(a.documents(), b.documents()), Double.NaN,
                String.join("|", a.documents()), String.join("|", b.documents()));
        identifier(out, MatchField.PHONE, Comparators.phones(a.phones(), b.phones()), a.phones(), b.phones(), freq);
        identifier(out, MatchField.EMAIL, Comparators.emails(a.emails(), b.emails()), a.emails(), b.emails(), freq);
        add(out, MatchField.ADDRESS, Comparators.address(a.address(), b.address()), Double.NaN, a.address(),
                b.address());
        String pa = Comparators.postcodeCore(a.postcode());
        add(out, MatchField.POSTCODE, Comparators.postcode(a.postcode(), b.postcode()),
                pa == null ? Double.NaN : freq.share(MatchField.POSTCODE, pa), a.postcode(), b.postcode());
        String ca = Comparators.cityCore(a.city());
        add(out, MatchField.CITY, Comparators.city(a.city(), b.city()),
                ca == null ? Double.NaN : freq.share(MatchField.CITY, ca), a.city(), b.city());
        add(out, MatchField.GENDER, Comparators.gender(a.gender(), b.gender()), Double.NaN, a.gender(), b.gender());
        capPlace(out);
        double total = 0;
        for (FieldScore f : out) {
            total += f.weight();
        }
        double prior = Math.min(priorBits, -Math.log(Math.max(1, freq.population())) / Math.log(2));
        double probability = 1.0 / (1.0 + Math.pow(2, -(total + prior)));
        return new Score(out, total, probability);
    }

    // ------------------------------------------------------------------ names

    /** One reading of a name: which tokens are the first name and which the surname. */
    private record View(String[] given, String[] family, boolean swapped) {
    }

    /**
     * Tries every reading of both names (labelled as given, labelled but swapped, and the plausible
     * splits of an unlabelled full name) and keeps the one with the most evidence.
     */
    private static void names(MatchRecord a, MatchRecord b, Frequencies freq, List<FieldScore> out) {
        List<View> va = views(a);
        List<View> vb = views(b);
        double best = Double.NEGATIVE_INFINITY;
        View bestA = null;
        View bestB = null;
        Level[] levels = new Level[2];
        double[] shares = new double[2];
        for (View x : va) {
            for (View y : vb) {
                Level g = Comparators.tokens(x.given(), y.given());
                Level f = Comparators.tokens(x.family(), y.family());
                double w = Weights.bits(MatchField.GIVEN_NAME, g, share(freq, MatchField.GIVEN_NAME, x.given(), y.given()))
                        + Weights.bits(MatchField.FAMILY_NAME, f,
                                share(freq, MatchField.FAMILY_NAME, x.family(), y.family()))
                        - (x.swapped() != y.swapped() ? SWAP_COST : 0);
                if (w > best) {
                    best = w;
                    bestA = x;
                    bestB = y;
                    levels[0] = g;
                    levels[1] = f;
                }
            }
        }
        shares[0] = share(freq, MatchField.GIVEN_NAME, bestA.given(), bestB.given());
        shares[1] = share(freq, MatchField.FAMILY_NAME, bestA.family(), bestB.family());
        String swapNote = bestA.swapped() != bestB.swapped() ? " (first name and surname swapped)" : "";
        out.add(new FieldScore(MatchField.GIVEN_NAME, levels[0],
                Weights.bits(MatchField.GIVEN_NAME, levels[0], shares[0]),
                detail(String.join(" ", bestA.given()), String.join(" ", bestB.given())) + swapNote));
        out.add(new FieldScore(MatchField.FAMILY_NAME, levels[1],
                Weights.bits(MatchField.FAMILY_NAME, levels[1], shares[1])
                        - (bestA.swapped() != bestB.swapped() ? SWAP_COST : 0),
                detail(String.join(" ", bestA.family()), String.join(" ", bestB.family()))));
    }

    /** The share of the rarest token of the shorter name: what an exact agreement is worth. */
    private static double share(Frequencies freq, MatchField field, String[] x, String[] y) {
        String[] small = x.length <= y.length ? x : y;
        double min = Double.NaN;
        for (String t : small) {
            double s = freq.share(field, t);
            if (!Double.isNaN(s) && (Double.isNaN(min) || s < min)) {
                min = s;
            }
        }
        return min;
    }

    private static List<View> views(MatchRecord r) {
        List<View> out = new ArrayList<>(4);
        if (r.given().length + r.family().length > 0) {
            out.add(new View(r.given(), r.family(), false));
            out.add(new View(r.family(), r.given(), true));
            return out;
        }
        String[] t = r.full();
        int n = t.length;
        if (n == 0) {
            out.add(new View(NONE, NONE, false));
        } else if (n == 1) {
            out.add(new View(t, NONE, false));
            out.add(new View(NONE, t, false));
        } else if (n == 2) {
            out.add(new View(new String[] {t[0]}, new String[] {t[1]}, false));
            out.add(new View(new String[] {t[1]}, new String[] {t[0]}, false));
        } else {
            // first name(s) then surname(s), or surname(s) first as clerks often type
            out.add(new View(slice(t, 0, 1), slice(t, 1, n), false));
            out.add(new View(slice(t, 0, 2), slice(t, 2, n), false));
            out.add(new View(slice(t, n - 1, n), slice(t, 0, n - 1), false));
            out.add(new View(slice(t, n - 2, n), slice(t, 0, n - 2), false));
        }
        return out;
    }

    private static String[] slice(String[] t, int from, int to) {
        return java.util.Arrays.copyOfRange(t, from, to);
    }

    // ------------------------------------------------------------------ other fields

    private static void identifier(List<FieldScore> out, MatchField field, Level level, String[] a, String[] b,
            Frequencies freq) {
        if (level == Level.EXACT) {
            for (String v : a) {
                for (String w : b) {
                    if (v.equals(w) && freq.share(field, v) >= 0.5) {
                        level = Level.SHARED;
                    }
                }
            }
        }
        add(out, field, level, Double.NaN, String.join("|", a), String.join("|", b));
    }

    private static void add(List<FieldScore> out, MatchField field, Level level, double share, String a, String b) {
        out.add(new FieldScore(field, level, Weights.bits(field, level, share), detail(a, b)));
    }

    private static String detail(String a, String b) {
        String x = a == null || a.isEmpty() ? "-" : a;
        String y = b == null || b.isEmpty() ? "-" : b;
        return x + " ~ " + y;
    }

    /** Scales the positive place weights down so that together they add at most {@link #PLACE_CAP}. */
    private static void capPlace(List<FieldScore> out) {
        double positive = 0;
        for (FieldScore f : out) {
            if (isPlace(f.field()) && f.weight() > 0) {
                positive += f.weight();
            }
        }
        if (positive <= PLACE_CAP) {
            return;
        }
        double factor = PLACE_CAP / positive;
        for (int i = 0; i < out.size(); i++) {
            FieldScore f = out.get(i);
            if (isPlace(f.field()) && f.weight() > 0) {
                out.set(i, new FieldScore(f.field(), f.level(), f.weight() * factor, f.detail()));
            }
        }
    }

    private static boolean isPlace(MatchField f) {
        return f == MatchField.ADDRESS || f == MatchField.POSTCODE || f == MatchField.CITY;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Scorer[prior %.1f bits]", priorBits);
    }
}
