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

    private final double priorBits;
    private final MatchWeights weights;
    /** The strongest weight an address agreement can have. */
    private final double maxAddress;
    /** Per name field (given, family): the strongest weight of a level that needs no equal token. */
    private final double[] maxWithoutEqualToken = new double[2];

    /**
     * @param priorBits log2 of the prior odds that two compared records are one person, for data of up
     *     to {@code 2^-priorBits} records
     */
    public Scorer(double priorBits) {
        this(priorBits, MatchWeights.defaults());
    }

    /** A scorer with weights estimated on the data ({@link MEstimator}). */
    public Scorer(double priorBits, MatchWeights weights) {
        this.priorBits = priorBits;
        this.weights = weights;
        double address = 0;
        for (Level l : Level.values()) {
            if (weights.applies(MatchField.ADDRESS, l)) {
                address = Math.max(address, weights.bits(MatchField.ADDRESS, l, Double.NaN));
            }
        }
        this.maxAddress = address;
        for (MatchField field : new MatchField[] {MatchField.GIVEN_NAME, MatchField.FAMILY_NAME}) {
            double bound = 0; // missing
            for (Level l : Level.values()) {
                if (weights.applies(field, l) && l != Level.EXACT && l != Level.PARTIAL) {
                    bound = Math.max(bound, weights.bits(field, l, Double.NaN));
                }
            }
            maxWithoutEqualToken[nameIndex(field)] = bound;
        }
    }

    private static int nameIndex(MatchField field) {
        return field == MatchField.GIVEN_NAME ? 0 : 1;
    }

    public MatchWeights weights() {
        return weights;
    }

    /** The score of a pair with every field's compared values, as explanations show them. */
    public Score score(MatchRecord a, MatchRecord b, Frequencies freq) {
        return score(a, b, freq, true);
    }

    /**
     * The same score without the compared values ({@link FieldScore#detail} is empty): what linking
     * needs to decide, without building a dozen strings per compared pair.
     */
    public Score scoreToDecide(MatchRecord a, MatchRecord b, Frequencies freq) {
        return score(a, b, freq, false);
    }

    /**
     * A record about to be compared with many candidates ({@link #scoreAtLeast}): the most evidence
     * its names can add to any pair, and the prior, looked up once.
     */
    public final class Probe {
        final MatchRecord record;
        final Frequencies freq;
        /** The largest weight the two name fields together can have in a pair with this record. */
        final double nameBound;
        /** The prior log-odds, in bits, at this population. */
        final double prior;
        /** Per name field (given, family), the share of each of the record's name tokens, NaN when unknown. */
        final double[][] tokenShares;
        /** Shares of the record's postcode, its city, and its city among its postcode's records, looked up once. */
        private double postcodeShare = UNSET;
        private double cityShare = UNSET;
        private double cityShareInPostcode = UNSET;

        private Probe(MatchRecord record, Frequencies freq) {
            this.record = record;
            this.freq = freq;
            String[] tokens = record.nameTokens();
            this.tokenShares = new double[2][tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                tokenShares[0][i] = freq.share(MatchField.GIVEN_NAME, tokens[i]);
                tokenShares[1][i] = freq.share(MatchField.FAMILY_NAME, tokens[i]);
            }
            this.nameBound = nameBound(MatchField.GIVEN_NAME, tokenShares[0])
                    + nameBound(MatchField.FAMILY_NAME, tokenShares[1]);
            this.prior = prior(freq);
        }

        /** {@link #postcodeShareOf} of the record's postcode. */
        double postcodeShare() {
            if (postcodeShare == UNSET) {
                postcodeShare = postcodeShareOf(record, freq);
            }
            return postcodeShare;
        }

        /** {@link #cityShareOf} of the record's city, with or without an equal postcode. */
        double cityShare(Level postcode) {
            if (postcode == Level.EXACT) {
                if (cityShareInPostcode == UNSET) {
                    cityShareInPostcode = cityShareOf(record, postcode, freq);
                }
                return cityShareInPostcode;
            }
            if (cityShare == UNSET) {
                cityShare = cityShareOf(record, postcode, freq);
            }
            return cityShare;
        }

        /**
         * The most evidence the two name fields can add to a pair of this record with {@code b}, at
         * most {@link #nameBound}. An exact or partial agreement needs every token of the shorter name
         * to equal a token of the longer, so with no token equal to one of {@code b}'s neither field
         * can reach those levels; with some, their weight is at most the one of the rarest token the
         * two records have in common. With no name on either side, both fields are missing (0).
         */
        double pairNameBound(MatchRecord b) {
            String[] x = record.nameTokens();
            String[] y = b.nameTokens();
            if (x.length == 0 || y.length == 0) {
                return 0; // both name fields missing in every reading
            }
            double minG = Double.NaN;
            double minF = Double.NaN;
            boolean equal = false;
            for (int i = 0; i < x.length; i++) {
                for (String t : y) {
                    if (x[i].equals(t)) {
                        equal = true;
                        minG = minShare(minG, tokenShares[0][i]);
                        minF = minShare(minF, tokenShares[1][i]);
                        break;
                    }
                }
            }
            if (!equal) {
                return maxWithoutEqualToken[0] + maxWithoutEqualToken[1];
            }
            return Math.max(maxWithoutEqualToken[0], equalBound(MatchField.GIVEN_NAME, minG))
                    + Math.max(maxWithoutEqualToken[1], equalBound(MatchField.FAMILY_NAME, minF));
        }
    }

    private static double minShare(double min, double s) {
        return !Double.isNaN(s) && (Double.isNaN(min) || s < min) ? s : min;
    }

    /** The strongest weight of an exact or partial agreement whose rarest equal token has share {@code min}. */
    private double equalBound(MatchField field, double min) {
        double bound = Double.NEGATIVE_INFINITY;
        for (Level l : new Level[] {Level.EXACT, Level.PARTIAL}) {
            if (weights.applies(field, l)) {
                bound = Math.max(bound, weights.bits(field, l, Double.NaN));
                if (!Double.isNaN(min)) {
                    bound = Math.max(bound, weights.bits(field, l, min));
                }
            }
        }
        return bound;
    }

    /** Prepares {@code a} for {@link #scoreAtLeast} with the frequencies of the moment. */
    public Probe probe(MatchRecord a, Frequencies freq) {
        return new Probe(a, freq);
    }

    /** Margin, in bits, below which a pair is not given up on: floating-point sums differ by far less. */
    private static final double EXIT_MARGIN = 1e-6;

    /**
     * The score of {@code (probe record, b)} exactly as {@link #scoreToDecide} computes it, or
     * {@code null} when its probability is certainly below {@code minProbability}: the cheap fields
     * (identifiers, birth date, gender, then place) are compared first, and the pair is given up as
     * soon as even the best outcome of the fields left (each at its strongest level, the names at
     * the strongest weight the probe's own name tokens allow) cannot bring it to
     * {@code minProbability}. A pair that is not given up is scored in full, so its score, and any
     * decision on it, is the same as {@link #scoreToDecide}'s.
     */
    public Score scoreAtLeast(Probe probe, MatchRecord b, double minProbability) {
        if (!(minProbability > 0 && minProbability < 1)) {
            return scoreToDecide(probe.record, b, probe.freq);
        }
        MatchRecord a = probe.record;
        Frequencies freq = probe.freq;
        double need = Math.log(minProbability / (1 - minProbability)) / Math.log(2) - probe.prior - EXIT_MARGIN;
        FieldScore[] f = new FieldScore[FIELD_COUNT];
        f[BIRTH] = field(MatchField.BIRTH_DATE, Comparators.date(a.birth(), b.birth()), Double.NaN);
        f[DOCUMENT] = field(MatchField.DOCUMENT, Comparators.documents(a.documents(), b.documents()), Double.NaN);
        f[PHONE] = identifier(MatchField.PHONE, Comparators.phones(a.phones(), b.phones()), a.phones(), b.phones(),
                freq, false);
        f[EMAIL] = identifier(MatchField.EMAIL, emailLevel(a, b), a.emails(), b.emails(),
                freq, false);
        f[GENDER] = field(MatchField.GENDER, Comparators.gender(a.gender(), b.gender()), Double.NaN);
        double sure = f[BIRTH].weight() + f[DOCUMENT].weight() + f[PHONE].weight() + f[EMAIL].weight()
                + f[GENDER].weight();
        if (sure + PLACE_CAP + probe.nameBound < need) {
            return null;
        }
        Level postcode = Comparators.postcode(a.postcode(), b.postcode());
        f[POSTCODE] = field(MatchField.POSTCODE, postcode, postcode == Level.EXACT ? probe.postcodeShare() : Double.NaN);
        Level city = Comparators.city(a.city(), b.city());
        f[CITY] = field(MatchField.CITY, city, city == Level.EXACT ? probe.cityShare(postcode) : Double.NaN);
        double placeBound = Math.min(PLACE_CAP, positive(f[POSTCODE]) + positive(f[CITY]) + maxAddress)
                + negative(f[POSTCODE]) + negative(f[CITY]);
        if (sure + placeBound + probe.nameBound < need) {
            return null;
        }
        f[ADDRESS] = field(MatchField.ADDRESS, Comparators.address(a.address(), b.address()), Double.NaN);
        double place = Math.min(PLACE_CAP, positive(f[POSTCODE]) + positive(f[CITY]) + positive(f[ADDRESS]))
                + negative(f[POSTCODE]) + negative(f[CITY]) + negative(f[ADDRESS]);
        if (sure + place + probe.nameBound < need || sure + place + probe.pairNameBound(b) < need) {
            return null;
        }
        List<FieldScore> out = new ArrayList<>(10);
        names(a, b, freq, out, false);
        out.add(f[BIRTH]);
        out.add(f[DOCUMENT]);
        out.add(f[PHONE]);
        out.add(f[EMAIL]);
        out.add(f[ADDRESS]);
        out.add(f[POSTCODE]);
        out.add(f[CITY]);
        out.add(f[GENDER]);
        return total(out, freq);
    }

    private static final int BIRTH = 0;
    private static final int DOCUMENT = 1;
    private static final int PHONE = 2;
    private static final int EMAIL = 3;
    private static final int ADDRESS = 4;
    private static final int POSTCODE = 5;
    private static final int CITY = 6;
    private static final int GENDER = 7;
    private static final int FIELD_COUNT = 8;

    private static double positive(FieldScore f) {
        return f.weight() > 0 ? f.weight() : 0;
    }

    private static double negative(FieldScore f) {
        return f.weight() < 0 ? f.weight() : 0;
    }

    /**
     * The most a name field can weigh in a pair with a record whose name tokens have the given
     * shares: its strongest level, or an exact (or partial) agreement at the share of the record's
     * rarest token. An exact or partial agreement takes its {@code u} from tokens of the shorter name
     * that are all equal to tokens of the longer, so they are tokens of the record whichever is
     * shorter: their share is at least the least share among its tokens.
     */
    private double nameBound(MatchField field, double[] shares) {
        double min = Double.NaN;
        for (double s : shares) {
            min = minShare(min, s);
        }
        return Math.max(maxWithoutEqualToken[nameIndex(field)], equalBound(field, min));
    }

    private FieldScore field(MatchField field, Level level, double share) {
        return new FieldScore(field, level, weights.bits(field, level, share), "");
    }

    /**
     * {@link Comparators#emails(String[], String[], String[], String[])}, with the names looked at
     * only when the addresses agree short of equal (rarely).
     */
    private static Level emailLevel(MatchRecord a, MatchRecord b) {
        Level l = Comparators.emails(a.emails(), b.emails());
        return l == Level.SAME_LOCAL || l == Level.ONE_EDIT || l == Level.CLOSE
                ? Comparators.emails(a.emails(), a.nameTokens(), b.emails(), b.nameTokens()) : l;
    }

    /** The {@code u} of an equal postcode: its share. */
    private static double postcodeShareOf(MatchRecord a, Frequencies freq) {
        return freq.share(MatchField.POSTCODE, Comparators.postcodeCore(a.postcode()));
    }

    /** Not yet looked up ({@link Probe}); shares are never negative. */
    private static final double UNSET = -1;

    /**
     * The {@code u} of an equal city: its share among the records with the equal postcode when the
     * postcodes are equal too (a postcode is mostly one town's: the city then adds little), else
     * its share among all records.
     */
    private static double cityShareOf(MatchRecord a, Level postcode, Frequencies freq) {
        String cityKey = Comparators.cityCore(a.city());
        if (postcode == Level.EXACT) {
            double conditional = freq.cityGivenPostcode(Comparators.postcodeCore(a.postcode()), cityKey);
            if (!Double.isNaN(conditional)) {
                return conditional;
            }
        }
        return freq.share(MatchField.CITY, cityKey);
    }

    private double prior(Frequencies freq) {
        return Math.min(priorBits, -Math.log(Math.max(1, freq.population())) / Math.log(2));
    }

    private Score total(List<FieldScore> out, Frequencies freq) {
        capPlace(out);
        double total = 0;
        for (FieldScore f : out) {
            total += f.weight();
        }
        double prior = prior(freq);
        double probability = 1.0 / (1.0 + Math.pow(2, -(total + prior)));
        return new Score(out, total, probability);
    }

    private Score score(MatchRecord a, MatchRecord b, Frequencies freq, boolean explain) {
        List<FieldScore> out = new ArrayList<>(10);
        names(a, b, freq, out, explain);
        add(out, MatchField.BIRTH_DATE, Comparators.date(a.birth(), b.birth()), Double.NaN, explain, a.birth(),
                b.birth());
        add(out, MatchField.DOCUMENT, Comparators.documents(a.documents(), b.documents()), Double.NaN, explain,
                a.documents(), b.documents());
        identifier(out, MatchField.PHONE, Comparators.phones(a.phones(), b.phones()), a.phones(), b.phones(), freq,
                explain);
        identifier(out, MatchField.EMAIL, emailLevel(a, b), a.emails(), b.emails(), freq,
                explain);
        add(out, MatchField.ADDRESS, Comparators.address(a.address(), b.address()), Double.NaN, explain, a.address(),
                b.address());
        Level postcode = Comparators.postcode(a.postcode(), b.postcode());
        add(out, MatchField.POSTCODE, postcode, postcode == Level.EXACT ? postcodeShareOf(a, freq) : Double.NaN,
                explain, a.postcode(), b.postcode());
        Level city = Comparators.city(a.city(), b.city());
        add(out, MatchField.CITY, city, city == Level.EXACT ? cityShareOf(a, postcode, freq) : Double.NaN, explain,
                a.city(), b.city());
        add(out, MatchField.GENDER, Comparators.gender(a.gender(), b.gender()), Double.NaN, explain, a.gender(),
                b.gender());
        return total(out, freq);
    }

    // ------------------------------------------------------------------ names

    /**
     * One reading of a name: which tokens are the first name ({@code [gFrom, gTo)}) and which the
     * surname ({@code [fFrom, fTo)}), as ranges of the record's name tokens (see {@link #nameTokens}).
     */
    private record View(int gFrom, int gTo, int fFrom, int fTo, boolean swapped) {
    }

    private static final View[] EMPTY_VIEWS = {new View(0, 0, 0, 0, false)};

    /** The record's name tokens: first name then surname when labelled, else the full name. */
    private static String[] nameTokens(MatchRecord r) {
        return r.nameTokens();
    }

    /**
     * The comparison of two records' name tokens, each token pair compared at most once whatever the
     * readings tried, and each token's frequency looked up at most once per field.
     */
    private static final class NamePair {
        final String[] a;
        final String[] b;
        private final Level[] ab;
        private final Level[] ba;
        private final double[][] shareA = new double[2][];
        private final double[][] shareB = new double[2][];
        private final Frequencies freq;
        private static final double UNKNOWN = Double.POSITIVE_INFINITY;

        NamePair(String[] a, String[] b, Frequencies freq) {
            this.a = a;
            this.b = b;
            this.ab = new Level[a.length * b.length];
            this.ba = new Level[a.length * b.length];
            this.freq = freq;
        }

        /** {@link Comparators#token} of a's token i and b's token j, in that order. */
        private Level ab(int i, int j) {
            int k = i * b.length + j;
            Level l = ab[k];
            return l != null ? l : (ab[k] = Comparators.token(a[i], b[j]));
        }

        /** {@link Comparators#token} of b's token j and a's token i, in that order. */
        private Level ba(int j, int i) {
            int k = i * b.length + j;
            Level l = ba[k];
            return l != null ? l : (ba[k] = Comparators.token(b[j], a[i]));
        }

        /** {@link Comparators#tokens} of a's tokens {@code [xf, xt)} and b's {@code [yf, yt)}. */
        Level tokens(int xf, int xt, int yf, int yt) {
            int nx = xt - xf;
            int ny = yt - yf;
            if (nx == 0 || ny == 0) {
                return Level.MISSING;
            }
            boolean aSmall = nx <= ny;
            int worst = Integer.MAX_VALUE;
            int sf = aSmall ? xf : yf;
            int st = aSmall ? xt : yt;
            int lf = aSmall ? yf : xf;
            int lt = aSmall ? yt : xt;
            for (int s = sf; s < st; s++) {
                int best = 0;
                for (int l = lf; l < lt; l++) {
                    best = Math.max(best, Comparators.rank(aSmall ? ab(s, l) : ba(s, l)));
                    if (best == Comparators.EXACT_RANK) {
                        break;
                    }
                }
                if (best == 0) {
                    return Level.DIFFERENT;
                }
                worst = Math.min(worst, best);
            }
            Level level = Comparators.level(worst);
            return (st - sf) < (lt - lf) && level == Level.EXACT ? Level.PARTIAL : level;
        }

        /** The share of the rarest token of the shorter name (a's when as long): what an exact agreement is worth. */
        double share(MatchField field, int xf, int xt, int yf, int yt) {
            boolean aSmall = xt - xf <= yt - yf;
            int f = field == MatchField.GIVEN_NAME ? 0 : 1;
            double[] cache;
            String[] tokens;
            if (aSmall) {
                cache = shareA[f] != null ? shareA[f] : (shareA[f] = nan(a.length));
                tokens = a;
            } else {
                cache = shareB[f] != null ? shareB[f] : (shareB[f] = nan(b.length));
                tokens = b;
            }
            int from = aSmall ? xf : yf;
            int to = aSmall ? xt : yt;
            double min = Double.NaN;
            for (int i = from; i < to; i++) {
                if (Double.isNaN(cache[i])) {
                    double looked = freq.share(field, tokens[i]);
                    cache[i] = Double.isNaN(looked) ? UNKNOWN : looked; // NaN in the cache means "not looked up"
                }
                double s = cache[i] == UNKNOWN ? Double.NaN : cache[i];
                if (!Double.isNaN(s) && (Double.isNaN(min) || s < min)) {
                    min = s;
                }
            }
            return min;
        }

        private static double[] nan(int n) {
            double[] d = new double[n];
            java.util.Arrays.fill(d, Double.NaN);
            return d;
        }
    }

    /**
     * Tries every reading of both names (labelled as given, labelled but swapped, and the plausible
     * splits of an unlabelled full name) and keeps the one with the most evidence.
     */
    private void names(MatchRecord a, MatchRecord b, Frequencies freq, List<FieldScore> out, boolean explain) {
        NamePair p = new NamePair(nameTokens(a), nameTokens(b), freq);
        View[] va = views(a);
        View[] vb = views(b);
        double best = Double.NEGATIVE_INFINITY;
        View bestA = null;
        View bestB = null;
        Level bestG = null;
        Level bestF = null;
        for (View x : va) {
            for (View y : vb) {
                Level g = p.tokens(x.gFrom(), x.gTo(), y.gFrom(), y.gTo());
                Level f = p.tokens(x.fFrom(), x.fTo(), y.fFrom(), y.fTo());
                double w = weights.bits(MatchField.GIVEN_NAME, g, g == Level.EXACT || g == Level.PARTIAL
                                ? p.share(MatchField.GIVEN_NAME, x.gFrom(), x.gTo(), y.gFrom(), y.gTo()) : Double.NaN)
                        + weights.bits(MatchField.FAMILY_NAME, f, f == Level.EXACT || f == Level.PARTIAL
                                ? p.share(MatchField.FAMILY_NAME, x.fFrom(), x.fTo(), y.fFrom(), y.fTo()) : Double.NaN)
                        - (x.swapped() != y.swapped() ? SWAP_COST : 0);
                if (w > best) {
                    best = w;
                    bestA = x;
                    bestB = y;
                    bestG = g;
                    bestF = f;
                }
            }
        }
        double shareG = p.share(MatchField.GIVEN_NAME, bestA.gFrom(), bestA.gTo(), bestB.gFrom(), bestB.gTo());
        double shareF = p.share(MatchField.FAMILY_NAME, bestA.fFrom(), bestA.fTo(), bestB.fFrom(), bestB.fTo());
        boolean swapped = bestA.swapped() != bestB.swapped();
        out.add(new FieldScore(MatchField.GIVEN_NAME, bestG, weights.bits(MatchField.GIVEN_NAME, bestG, shareG),
                explain ? detail(join(p.a, bestA.gFrom(), bestA.gTo()), join(p.b, bestB.gFrom(), bestB.gTo()))
                        + (swapped ? " (first name and surname swapped)" : "") : ""));
        out.add(new FieldScore(MatchField.FAMILY_NAME, bestF,
                weights.bits(MatchField.FAMILY_NAME, bestF, shareF) - (swapped ? SWAP_COST : 0),
                explain ? detail(join(p.a, bestA.fFrom(), bestA.fTo()), join(p.b, bestB.fFrom(), bestB.fTo())) : ""));
    }

    private static String join(String[] t, int from, int to) {
        return String.join(" ", java.util.Arrays.asList(t).subList(from, to));
    }

    private static View[] views(MatchRecord r) {
        int g = r.given().length;
        int f = r.family().length;
        if (g + f > 0) {
            return new View[] {new View(0, g, g, g + f, false), new View(g, g + f, 0, g, true)};
        }
        int n = r.full().length;
        if (n == 0) {
            return EMPTY_VIEWS;
        } else if (n == 1) {
            return new View[] {new View(0, 1, 0, 0, false), new View(0, 0, 0, 1, false)};
        } else if (n == 2) {
            return new View[] {new View(0, 1, 1, 2, false), new View(1, 2, 0, 1, false)};
        }
        // first name(s) then surname(s), or surname(s) first as clerks often type
        return new View[] {new View(0, 1, 1, n, false), new View(0, 2, 2, n, false), new View(n - 1, n, 0, n - 1, false),
            new View(n - 2, n, 0, n - 2, false)};
    }

    // ------------------------------------------------------------------ other fields

    private void identifier(List<FieldScore> out, MatchField field, Level level, String[] a, String[] b,
            Frequencies freq, boolean explain) {
        out.add(identifier(field, level, a, b, freq, explain));
    }

    private FieldScore identifier(MatchField field, Level level, String[] a, String[] b, Frequencies freq,
            boolean explain) {
        if (level == Level.EXACT) {
            for (String v : a) {
                for (String w : b) {
                    if (v.equals(w) && freq.share(field, v) >= 0.5) {
                        level = Level.SHARED;
                    }
                }
            }
        }
        return new FieldScore(field, level, weights.bits(field, level, Double.NaN),
                explain ? detail(text(a), text(b)) : "");
    }

    /** Adds a field's score; {@code a} and {@code b} are its values (a string or an array of strings, may be null). */
    private void add(List<FieldScore> out, MatchField field, Level level, double share, boolean explain, Object a,
            Object b) {
        out.add(new FieldScore(field, level, weights.bits(field, level, share),
                explain ? detail(text(a), text(b)) : ""));
    }

    private static String text(Object v) {
        return v instanceof String[] values ? String.join("|", values) : (String) v;
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
