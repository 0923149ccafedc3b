package io.idem.core.resolve;

import io.idem.core.match.BlockIndex;
import io.idem.core.match.Blocking;
import io.idem.core.match.Decider;
import io.idem.core.match.Frequencies;
import io.idem.core.match.MatchConfig;
import io.idem.core.match.MatchDecision;
import io.idem.core.match.MatchField;
import io.idem.core.match.MatchRecord;
import io.idem.core.match.Scorer;
import io.idem.core.match.Score;
import io.idem.core.resolve.Resolver.Rec;
import io.idem.core.resolve.Resolver.Val;
import io.idem.core.store.PairReview;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fuzzy layer of resolution: files every record under its blocking keys, compares a record
 * with the records sharing a key, and keeps the pairs scoring at least the match threshold as
 * edges of the record graph ({@link Rec#edges}), which {@link Resolver} follows and
 * {@link Partitioner} uses after exact identifiers. Pairs between the review and the match
 * threshold are queued for review. Value frequencies (names, postcodes, cities) are counted here
 * and serve as {@link Frequencies} for scoring.
 *
 * <p>Edges are computed when a record arrives or changes, and, for records loaded from the store,
 * the first time their component is re-partitioned.
 */
final class FuzzyLinker implements Frequencies {
    private static final long[] NO_EDGES = new long[0];

    private final MatchConfig config;
    private final Scorer scorer;
    private final Decider decider;
    private final List<Rec> recs;
    private final Map<String, Val> values;
    private final BlockIndex blocks = new BlockIndex();
    private final HashMap<String, int[]> tokens = new HashMap<>();
    private final HashMap<String, int[]> postcodes = new HashMap<>();
    private final HashMap<String, int[]> cities = new HashMap<>();
    private long named;
    private long postcoded;
    private long citied;
    private long comparisons;
    private int epoch;
    private final LinkedHashMap<String, PairReview> pendingReviews = new LinkedHashMap<>();

    FuzzyLinker(MatchConfig config, List<Rec> recs, Map<String, Val> values) {
        this.config = config;
        this.scorer = new Scorer(config.priorBits());
        this.decider = new Decider(config);
        this.recs = recs;
        this.values = values;
    }

    boolean enabled() {
        return config.enabled();
    }

    long comparisons() {
        return comparisons;
    }

    MatchRecord matchRecord(Rec r) {
        return MatchRecord.decode(r.match, r.ids);
    }

    /** Files a record under its blocking keys and counts its values. Its edges are left to compute. */
    void add(int id) {
        Rec r = recs.get(id);
        r.edges = null;
        if (!config.enabled() || r.match == null) {
            return;
        }
        MatchRecord m = matchRecord(r);
        count(m, 1);
        for (long k : Blocking.keys(m)) {
            blocks.add(k, id);
        }
    }

    /**
     * Takes a record out of the index before its content changes (call before its keys are
     * replaced); its former neighbours go to {@code seeds}, they need re-partitioning.
     */
    void remove(int id, IntList seeds) {
        Rec r = recs.get(id);
        if (!config.enabled() || r.match == null) {
            return;
        }
        MatchRecord m = matchRecord(r);
        count(m, -1);
        for (long k : Blocking.keys(m)) {
            blocks.remove(k, id);
        }
        if (r.edges != null) {
            for (long e : r.edges) {
                int n = neighbour(e);
                removeEdge(recs.get(n), id);
                seeds.add(n);
            }
        }
        r.edges = null;
    }

    /** The record's match edges, computing them first if they are not known. */
    long[] edges(int id) {
        Rec r = recs.get(id);
        if (!config.enabled()) {
            return NO_EDGES;
        }
        if (r.edges == null) {
            link(id);
        }
        return r.edges;
    }

    /**
     * Compares a record again, after something its scores depend on changed (an identifier it
     * carries became shared or quarantined); its former neighbours go to {@code seeds}.
     */
    void relink(int id, IntList seeds) {
        Rec r = recs.get(id);
        if (!config.enabled() || r.edges == null) {
            return;
        }
        for (long e : r.edges) {
            int n = neighbour(e);
            removeEdge(recs.get(n), id);
            seeds.add(n);
        }
        link(id);
    }

    /** Compares a record with its blocking candidates: edges for matches, reviews for the unsure. */
    void link(int id) {
        Rec r = recs.get(id);
        if (r.match == null) {
            r.edges = NO_EDGES;
            return;
        }
        MatchRecord m = matchRecord(r);
        int mark = ++epoch;
        r.fuzzyMark = mark;
        LongList found = new LongList();
        for (long k : Blocking.keys(m)) {
            if (blocks.size(k) > config.maxBlock()) {
                continue;
            }
            for (int p = blocks.first(k); p >= 0; p = blocks.next(p)) {
                int c = blocks.record(p);
                Rec cr = recs.get(c);
                if (cr.fuzzyMark == mark) {
                    continue;
                }
                cr.fuzzyMark = mark;
                if (sharesIdentifier(r, cr) || contains(r.cannot, c)) {
                    continue;
                }
                comparisons++;
                MatchDecision d = decider.decide(scorer.score(m, matchRecord(cr), this));
                if (d.kind() == MatchDecision.Kind.MATCH) {
                    long edge = edge(c, d.score().probability());
                    found.add(edge);
                    if (cr.edges != null) {
                        removeEdge(cr, id);
                        cr.edges = append(cr.edges, edge(id, d.score().probability()));
                    }
                } else if (d.kind() == MatchDecision.Kind.REVIEW && !contains(r.must, c)) {
                    PairReview review = PairReview.open(r.key, cr.key, d.score().probability(), d.reason(),
                            System.currentTimeMillis());
                    pendingReviews.put(review.id(), review);
                }
            }
        }
        r.edges = found.toArray();
    }

    /** The score of two records with the current frequencies. */
    Score score(Rec a, Rec b) {
        return scorer.score(matchRecord(a), matchRecord(b), this);
    }

    MatchDecision decide(Score score) {
        return decider.decide(score);
    }

    List<PairReview> drainReviews() {
        List<PairReview> out = new ArrayList<>(pendingReviews.values());
        pendingReviews.clear();
        return out;
    }

    void queue(PairReview review) {
        pendingReviews.put(review.id(), review);
    }

    // ------------------------------------------------------------------ frequencies

    @Override
    public double share(MatchField field, String value) {
        return switch (field) {
            case GIVEN_NAME, FAMILY_NAME -> Frequencies.smoothed(field, count(tokens, value), named);
            case POSTCODE -> Frequencies.smoothed(field, count(postcodes, value), postcoded);
            case CITY -> Frequencies.smoothed(field, count(cities, value), citied);
            case PHONE -> household("phone:" + value);
            case EMAIL -> household("email:" + value);
            default -> Double.NaN;
        };
    }

    @Override
    public long population() {
        return named;
    }

    /** 1 when people with different documents share the value (or it is quarantined), else unknown. */
    private double household(String key) {
        Val v = values.get(key);
        if (v == null) {
            return Double.NaN;
        }
        return v.status != Status.OK || v.docCount() >= 2 ? 1.0 : Double.NaN;
    }

    private void count(MatchRecord m, int delta) {
        HashSet<String> distinct = new HashSet<>(List.of(m.nameTokens()));
        for (String t : distinct) {
            bump(tokens, t, delta);
        }
        if (!distinct.isEmpty()) {
            named += delta;
        }
        if (m.postcode() != null) {
            bump(postcodes, MatchRecord.postcodeKey(m.postcode()), delta);
            postcoded += delta;
        }
        if (m.city() != null) {
            bump(cities, MatchRecord.cityKey(m.city()), delta);
            citied += delta;
        }
    }

    private static void bump(HashMap<String, int[]> counts, String key, int delta) {
        int[] c = counts.computeIfAbsent(key, k -> new int[1]);
        c[0] += delta;
        if (c[0] <= 0) {
            counts.remove(key);
        }
    }

    private static int count(HashMap<String, int[]> counts, String key) {
        int[] c = counts.get(key);
        return c == null ? 0 : c[0];
    }

    // ------------------------------------------------------------------ edges

    static int neighbour(long edge) {
        return (int) (edge >>> 32);
    }

    static double probability(long edge) {
        return Float.intBitsToFloat((int) edge);
    }

    private static long edge(int neighbour, double probability) {
        return ((long) neighbour << 32) | (Float.floatToIntBits((float) probability) & 0xffffffffL);
    }

    private static long[] append(long[] edges, long e) {
        long[] out = java.util.Arrays.copyOf(edges, edges.length + 1);
        out[edges.length] = e;
        return out;
    }

    private static void removeEdge(Rec r, int neighbour) {
        if (r.edges == null) {
            return;
        }
        for (int i = 0; i < r.edges.length; i++) {
            if (neighbour(r.edges[i]) == neighbour) {
                long[] out = new long[r.edges.length - 1];
                System.arraycopy(r.edges, 0, out, 0, i);
                System.arraycopy(r.edges, i + 1, out, i, out.length - i);
                r.edges = out;
                return;
            }
        }
    }

    static boolean contains(int[] arr, int v) {
        if (arr != null) {
            for (int x : arr) {
                if (x == v) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Records sharing a document, loyalty, customer or social id are linked by the exact rule
     * already. (A shared email, phone or device is compared: the household guard may have refused
     * it over names a typo made look different.)
     */
    private boolean sharesIdentifier(Rec a, Rec b) {
        for (String x : a.ids) {
            if (Partitioner.isWeak(x)) {
                continue;
            }
            for (String y : b.ids) {
                if (x.equals(y) && values.get(x).status != Status.QUARANTINED) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A growable list of longs. */
    private static final class LongList {
        private long[] items = NO_EDGES;
        private int size;

        void add(long v) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, Math.max(4, size * 2));
            }
            items[size++] = v;
        }

        long[] toArray() {
            return size == 0 ? NO_EDGES : java.util.Arrays.copyOf(items, size);
        }
    }
}
