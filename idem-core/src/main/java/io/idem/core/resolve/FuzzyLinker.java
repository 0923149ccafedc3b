package io.idem.core.resolve;

import io.idem.core.match.BlockIndex;
import io.idem.core.match.Blocking;
import io.idem.core.match.Decider;
import io.idem.core.match.Frequencies;
import io.idem.core.match.MEstimator;
import io.idem.core.match.MatchConfig;
import io.idem.core.match.MatchDecision;
import io.idem.core.match.MatchField;
import io.idem.core.match.MatchWeights;
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
import java.util.Optional;

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
    static final long[] NO_EDGES = new long[0];
    /**
     * Records in the index at which {@code m} is first estimated; it is estimated again each time the
     * index grows by half (by double past {@link #FINE_STEPS}), up to {@link #LAST_ESTIMATE}. A few
     * hundred records give a few hundred candidate pairs, and the smoothing towards the defaults
     * ({@link MEstimator}) keeps a small sample near them anyway.
     */
    static final int FIRST_ESTIMATE = 256;
    /** Below this many records the estimate is renewed each time they grow by half, above it when they double. */
    private static final int FINE_STEPS = 4_096;
    /**
     * Records after which the estimate is frozen (the last estimate is made at 8,748 records): their
     * candidate pairs (about 20,000 on the generator) pin a level seen in 1% of the matches down to
     * about 15% of its {@code m} (0.2 bits), and freezing bounds the cost: each estimate scores every candidate pair of the records
     * it is made on, and each changed estimate re-compares every record.
     */
    static final int LAST_ESTIMATE = 10_000;
    /** A new estimate changing no weight by more than this many bits is not worth re-comparing for. */
    private static final double MIN_CHANGE_BITS = 0.1;

    /**
     * A name alone links (see {@link #soleBearer}) only when at most this many records would carry it
     * by chance: 1 in 50. Tuned on the generator: 0.1 linked a few more tickets and mixed one more
     * profile.
     */
    static final double NAMESAKES = 0.02;
    private MatchConfig config;
    private Scorer scorer;
    /** The index size at which {@code m} is estimated next (see {@link #frozen}). */
    private int nextEstimate = FIRST_ESTIMATE;
    private Decider decider;
    private final List<Rec> recs;
    private final Map<String, Val> values;
    private BlockIndex blocks;
    private final HashMap<String, int[]> tokens = new HashMap<>();
    private final HashMap<String, int[]> postcodes = new HashMap<>();
    private final HashMap<String, int[]> cities = new HashMap<>();
    /** Records with both a postcode and a city: per postcode, per city, and in all ({@code ""}). */
    private final HashMap<String, HashMap<String, int[]>> places = new HashMap<>();
    private long named;
    private long postcoded;
    private long citied;
    private long comparisons;
    /** Records {@link #detach}ed: the keys they are still filed under, until {@link #add}. */
    private final java.util.HashMap<Integer, long[]> detached = new java.util.HashMap<>();
    /** The records {@link #detach}ed: every walk of a block skips them. */
    private final java.util.BitSet hidden = new java.util.BitSet();
    private int epoch;
    /**
     * Per record id, the {@link #epoch} of the last {@link #link} that met it: a candidate filed under
     * several of the record's keys is compared once. A dense array rather than a field of the record,
     * so a candidate seen again is skipped without touching its record.
     */
    private int[] marks;
    private final LinkedHashMap<String, PairReview> pendingReviews = new LinkedHashMap<>();
    /**
     * Records whose own edge list {@link #link} computed since the resolver last drained: their
     * stored links change ({@link StoredLinks}). A neighbour whose list only gained or lost the
     * linked record is not here: the linked record, written later, speaks for their pair.
     */
    final java.util.BitSet linked = new java.util.BitSet();
    private static final int CACHE_SIZE = 1 << 16;
    private final MatchRecord[] cached = new MatchRecord[CACHE_SIZE];
    private final Rec[] cachedOf = new Rec[CACHE_SIZE];
    private final String[] cachedMatch = new String[CACHE_SIZE];
    private final String[][] cachedIds = new String[CACHE_SIZE][];

    FuzzyLinker(MatchConfig config, List<Rec> recs, Map<String, Val> values, int expected) {
        this.config = config;
        // about eight blocking keys a record, most of them shared with other records
        this.blocks = new BlockIndex((int) Math.min(1 << 28, 2L * expected), (int) Math.min(1 << 29, 8L * expected));
        this.marks = new int[expected];
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

    /**
     * A candidate's decoded record, from a small direct-mapped cache by record id: records of a
     * busy block are candidates again and again (87% of
     * candidates were found here in a 300k-record import). An entry is valid while the record holds the
     * same encoded strings it was decoded from (a changed record gets new ones).
     */
    private MatchRecord candidate(int c, Rec cr) {
        int slot = c & (CACHE_SIZE - 1);
        if (cachedOf[slot] == cr && cachedMatch[slot] == cr.match && cachedIds[slot] == cr.ids) {
            return cached[slot];
        }
        MatchRecord m = matchRecord(cr);
        cachedOf[slot] = cr;
        cachedMatch[slot] = cr.match;
        cachedIds[slot] = cr.ids;
        cached[slot] = m;
        return m;
    }

    /**
     * {@link #add} for a record being loaded, whose comparison fields and blocking keys were decoded
     * on another thread ({@link Resolver#prepareLoad}).
     */
    void addLoaded(int id, MatchRecord m, long[] keys) {
        if (detached.containsKey(id)) {
            add(id);
            return;
        }
        recs.get(id).edges = null;
        count(m, 1);
        for (long k : keys) {
            blocks.add(k, id);
        }
    }

    /** Files a record under its blocking keys and counts its values. Its edges are left to compute. */
    void add(int id) {
        Rec r = recs.get(id);
        r.edges = null;
        long[] before = detached.remove(id);
        if (!config.enabled() || r.match == null) {
            if (before != null) {
                hidden.clear(id);
                for (long k : before) {
                    blocks.removeHidden(k, id);
                }
            }
            return;
        }
        MatchRecord m = candidate(id, r); // cached: link(id) usually follows
        count(m, 1);
        long[] keys = Blocking.keys(m);
        if (before == null) {
            for (long k : keys) {
                blocks.add(k, id);
            }
            return;
        }
        // filed again after detach: only the keys that changed move (both arrays are sorted, distinct)
        hidden.clear(id);
        int i = 0;
        int j = 0;
        while (i < before.length || j < keys.length) {
            if (j == keys.length || i < before.length && before[i] < keys[j]) {
                blocks.removeHidden(before[i++], id);
            } else if (i == before.length || keys[j] < before[i]) {
                blocks.add(keys[j++], id);
            } else {
                blocks.unhide(keys[j]);
                i++;
                j++;
            }
        }
    }

    /**
     * {@link #remove} for a record whose content is about to change and that {@link #add} files
     * again next: it is counted out of its blocks and skipped by every walk, but its postings stay,
     * so the keys the change leaves alone (its names and place, when a phone is read again) are not
     * walked to be removed and added back. At a million records a removal walks long lists.
     */
    void detach(int id, IntList seeds) {
        Rec r = recs.get(id);
        if (!config.enabled() || r.match == null) {
            return;
        }
        MatchRecord m = matchRecord(r);
        count(m, -1);
        long[] keys = Blocking.keys(m);
        for (long k : keys) {
            blocks.hide(k);
        }
        detached.put(id, keys);
        hidden.set(id);
        dropEdges(r, id, seeds);
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
        dropEdges(r, id, seeds);
    }

    /** Takes a record's edges off its neighbours, which go to {@code seeds}. */
    private void dropEdges(Rec r, int id, IntList seeds) {
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

    /** The index size of the estimate after the one at {@code n} records. */
    static int checkpointAfter(int n) {
        return n < FINE_STEPS ? n * 3 / 2 : n * 2;
    }

    /**
     * When the index reaches the next checkpoint, estimates {@code m} on it; when the weights change,
     * every record whose edges are known is compared again under the new weights and goes to
     * {@code seeds} for re-partitioning, so the decisions of the early records, made with the
     * defaults, do not outlive a better estimate.
     */
    void reestimate(IntList seeds) {
        if (!config.enabled() || recs.size() < nextEstimate || frozen()) {
            return;
        }
        int n = nextEstimate;
        nextEstimate = checkpointAfter(n);
        MatchWeights w = nextWeights(n);
        if (w == null) {
            return;
        }
        scorer = new Scorer(config.priorBits(), w);
        // reviews not yet stored were decided under the old weights: comparing again queues the current ones
        pendingReviews.clear();
        for (int id = 0; id < recs.size(); id++) {
            if (recs.get(id).edges != null) {
                relink(id, seeds);
                seeds.add(id);
            }
        }
    }

    /**
     * Whether {@code m} is estimated no more: past {@link #LAST_ESTIMATE} records, whether or not a
     * sample gave a trusted estimate (see {@link MEstimator#tryEstimate}); without one the defaults
     * stay. Going on until one does was tried: a base that starts with a long file of different
     * people (web orders, one per customer) gets its first matches only with the second file, and
     * an estimate made then re-compares every record. On the generator at 50,000 persons that
     * estimate (at 69,984 records) gave F1 0.9412 against 0.9424 with the defaults; at 250,000
     * persons it doubled the run's comparisons (8.5M to 15.1M) and time.
     */
    private boolean frozen() {
        return nextEstimate > LAST_ESTIMATE;
    }

    /**
     * The estimate at the checkpoint of {@code n} records, when it is trusted and moves some weight
     * by at least {@link #MIN_CHANGE_BITS} from the weights in use; null when the weights stay.
     */
    private MatchWeights nextWeights(int n) {
        MatchWeights w = estimateOn(n).orElse(null);
        if (w == null) {
            return null;
        }
        return w.distance(scorer.weights()) < MIN_CHANGE_BITS ? null : w;
    }

    /**
     * After loading records from the store (their edges are not known yet): the estimate of the last
     * checkpoint the index has passed whose sample gave one, so that edges computed from now on use
     * the weights a run that never stopped would use. (That run may have kept older weights when the
     * last estimate moved none by {@link #MIN_CHANGE_BITS}: a difference below that.)
     */
    void finishLoading() {
        if (!config.enabled()) {
            return;
        }
        List<Integer> passed = new ArrayList<>();
        while (nextEstimate <= recs.size() && !frozen()) {
            passed.add(nextEstimate);
            nextEstimate = checkpointAfter(nextEstimate);
        }
        for (int i = passed.size() - 1; i >= 0; i--) {
            Optional<MatchWeights> w = estimateOn(passed.get(i));
            if (w.isPresent()) {
                scorer = new Scorer(config.priorBits(), w.get());
                return;
            }
        }
    }

    /**
     * The estimate of {@code m} on the first {@code n} records of the index (by arrival): every
     * candidate pair among them, whether the exact rule links it or not, in blocks of at most
     * {@code maxBlock} of those records. A pure function of those records, so a run that stopped
     * and reloaded them gets the same weights: levels are compared without the data's frequencies
     * and household statuses (which depend on later records); only {@code m} is taken from the
     * pairs, and household sharing has its own level with default weights.
     */
    private Optional<MatchWeights> estimateOn(int n) {
        BlockIndex index = new BlockIndex();
        MatchRecord[] records = new MatchRecord[n];
        long[][] keys = new long[n][];
        for (int id = 0; id < n; id++) {
            Rec r = recs.get(id);
            if (r.match != null) {
                records[id] = matchRecord(r);
                keys[id] = Blocking.keys(records[id]);
                for (long k : keys[id]) {
                    index.add(k, id);
                }
            }
        }
        Scorer plain = new Scorer(config.priorBits());
        MEstimator estimator = new MEstimator();
        int[] seen = new int[n];
        for (int id = 0; id < n; id++) {
            if (records[id] == null) {
                continue;
            }
            for (long k : keys[id]) {
                if (index.size(k) > config.maxBlock()) {
                    continue;
                }
                for (int p = index.first(k); p >= 0; p = index.next(p)) {
                    int c = index.record(p);
                    if (c < id && seen[c] != id + 1) {
                        seen[c] = id + 1;
                        estimator.observe(plain.scoreToDecide(records[id], records[c], Frequencies.NONE));
                    }
                }
            }
        }
        return estimator.tryEstimate();
    }

    /** The weights in use. */
    MatchWeights weights() {
        return scorer.weights();
    }

    /** Compares a record with its blocking candidates: edges for matches, reviews for the unsure. */
    void link(int id) {
        link(id, Integer.MAX_VALUE);
    }

    /**
     * Compares every live record again, for a rematch: in arrival order, each with the records
     * before it, as an import compared them. The block index is emptied and each record filed back
     * after its own comparison, so a record meets the blocks as they were when it arrived (a block
     * too common to compare within now may not have been then), and no walk passes the records
     * after it. With a record detached (never between two resolution steps) the index stays and
     * later records are skipped in each walk instead.
     */
    void relinkAll(java.util.function.IntPredicate live) {
        if (!detached.isEmpty() || !hidden.isEmpty()) {
            for (int id = 0; id < recs.size(); id++) {
                if (live.test(id)) {
                    link(id, id);
                }
            }
            return;
        }
        int n = recs.size();
        blocks = null; // the old index goes before the new one grows
        blocks = new BlockIndex((int) Math.min(1 << 28, 2L * n), (int) Math.min(1 << 29, 8L * n));
        for (int id = 0; id < n; id++) {
            if (!live.test(id)) {
                continue;
            }
            link(id, id);
            Rec r = recs.get(id);
            if (r.match != null) {
                for (long k : Blocking.keys(candidate(id, r))) {
                    blocks.add(k, id);
                }
            }
        }
    }

    /**
     * {@link #link(int)} against the candidates with an id below {@code below} only: a rematch
     * compares each record with the records that arrived before it, as an import did, and each pair
     * once (a later record's own comparison adds its edge to the earlier one's list).
     */
    void link(int id, int below) {
        Rec r = recs.get(id);
        linked.set(id);
        if (r.match == null) {
            r.edges = NO_EDGES;
            return;
        }
        MatchRecord m = candidate(id, r);
        Scorer.Probe probe = scorer.probe(m, this);
        int mark = ++epoch;
        if (marks.length < recs.size()) {
            marks = java.util.Arrays.copyOf(marks, Math.max(recs.size(), marks.length * 2));
        }
        marks[id] = mark;
        String[] strong = strongIds(r);
        LongList found = new LongList();
        long[][] probeKeys = Blocking.probe(m);
        for (int ki = 0; ki < probeKeys[0].length + probeKeys[1].length; ki++) {
            boolean namePair = ki >= probeKeys[0].length;
            long k = namePair ? probeKeys[1][ki - probeKeys[0].length] : probeKeys[0][ki];
            int max = namePair ? Math.min(Blocking.NAME_BLOCK, config.maxBlock()) : config.maxBlock();
            for (int p = blocks.firstUpTo(k, max); p >= 0; p = blocks.next(p)) {
                int c = blocks.record(p);
                if (c >= below || marks[c] == mark || hidden.get(c)) {
                    continue;
                }
                marks[c] = mark;
                Rec cr = recs.get(c);
                if (carriesAny(cr, strong) || contains(r.cannot, c)) {
                    continue;
                }
                comparisons++;
                // null: certainly below the review threshold, nothing to keep
                Score s = scorer.scoreAtLeast(probe, candidate(c, cr), config.reviewThreshold());
                if (s == null) {
                    continue;
                }
                MatchDecision d = decider.decide(s);
                MatchRecord mc = candidate(c, cr);
                if (d.kind() == MatchDecision.Kind.MATCH
                        || d.kind() == MatchDecision.Kind.REVIEW && soleBearer(id, m, c, mc)) {
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

    /**
     * Whether a pair the score leaves in review is one person because the name says so: one record
     * (the bare one) carries a name of at least two tokens and nothing else (no identifier, birth
     * date or place: a ticket with just a name), the other is documented (a document, loyalty or
     * customer id) and carries every token of that name, the name is rare enough that at most
     * {@link #NAMESAKES} records would carry it by chance, and every other record carrying it is in
     * the documented record's profile or the bare record's own. A namesake anywhere in the index
     * leaves the pair in review. Bearers are the records filed under the name's first token pair.
     *
     * <p>Uniqueness alone is not enough: a namesake whose only records carry nothing but the name
     * (a ticket-only customer) is invisible: on the generator, whose names are uniform (a 2-token
     * name has about 0.3 namesakes among 20,000 records), linking every unique name took the mixed
     * profiles from 0.11% to 0.27%. Two people named Luis Alberto Paredes, both with tickets only,
     * are why only the two rarest tokens count.
     */
    private boolean soleBearer(int a, MatchRecord ma, int b, MatchRecord mb) {
        if (bare(recs.get(a), ma) && documented(recs.get(b))) {
            return onlyBearers(a, ma, b, mb);
        }
        if (bare(recs.get(b), mb) && documented(recs.get(a))) {
            return onlyBearers(b, mb, a, ma);
        }
        return false;
    }

    private boolean bare(Rec r, MatchRecord m) {
        return m.birth() == null && m.postcode() == null && m.city() == null && m.address() == null
                && r.ids.length == 0;
    }

    private boolean documented(Rec r) {
        return strongIds(r).length > 0;
    }

    private boolean onlyBearers(int bare, MatchRecord mBare, int other, MatchRecord mOther) {
        String[] name = distinct(mBare.nameTokens());
        if (name.length < 2 || !containsAll(mOther.nameTokens(), name)) {
            return false;
        }
        if (expectedNamesakes(name) > NAMESAKES) {
            return false;
        }
        long key = Blocking.namePairKey(name[0], name[1]);
        if (key == 0 || blocks.size(key) > config.maxBlock()) {
            return false;
        }
        String otherProfile = recs.get(other).profile;
        String bareProfile = recs.get(bare).profile;
        // the documented record may be arriving now, without a profile yet: records it shares a
        // linking identifier with are going to be in its profile
        String[] otherIds = linkingIds(recs.get(other));
        for (int p = blocks.first(key); p >= 0; p = blocks.next(p)) {
            int c = blocks.record(p);
            if (c == bare || c == other || hidden.get(c)) {
                continue;
            }
            Rec cr = recs.get(c);
            if (!containsAll(candidate(c, cr).nameTokens(), name)) {
                continue;
            }
            boolean mine = cr.profile != null && (cr.profile.equals(otherProfile) || cr.profile.equals(bareProfile))
                    || carriesAny(cr, otherIds);
            if (!mine) {
                return false;
            }
        }
        return true;
    }

    /** The record's identifiers with status {@link Status#OK}. */
    private String[] linkingIds(Rec r) {
        return java.util.Arrays.stream(r.ids).filter(x -> values.get(x).status == Status.OK).toArray(String[]::new);
    }

    /**
     * How many records would carry the name by chance: the records with a name times the shares of
     * its two rarest tokens. Only two: a third token (the second word of a compound first name, a
     * second surname) is counted as if it came with the others, which it often does
     * ({@code luis alberto}).
     */
    private double expectedNamesakes(String[] name) {
        double rarest = 1;
        double second = 1;
        for (String t : name) {
            double share = Math.max(1, count(tokens, t)) / (double) Math.max(1, named);
            if (share < rarest) {
                second = rarest;
                rarest = share;
            } else if (share < second) {
                second = share;
            }
        }
        return named * rarest * second;
    }

    private static String[] distinct(String[] tokens) {
        return java.util.Arrays.stream(tokens).distinct().toArray(String[]::new);
    }

    private static boolean containsAll(String[] tokens, String[] wanted) {
        for (String w : wanted) {
            if (!java.util.Arrays.asList(tokens).contains(w)) {
                return false;
            }
        }
        return true;
    }

    /** The score of two records with the current frequencies. */
    /**
     * The document guard's question (see {@link Partitioner}) for records {@code ia} and {@code ib},
     * which share a document under unrelated names: whether their score, every field counted, falls
     * short of the match threshold. False when either carries nothing to compare. A pair the score
     * leaves in review is queued for a person, as {@link #link} queues what it finds: {@code link}
     * never compares records that share a document, so without this the pair would be neither
     * joined nor asked about.
     */
    boolean scoredBelowMatch(int ia, Rec a, int ib, Rec b) {
        if (a.match == null || b.match == null) {
            return false;
        }
        MatchDecision d = decider.decide(score(a, b));
        if (d.kind() == MatchDecision.Kind.REVIEW && !contains(a.must, ib) && !contains(a.cannot, ib)) {
            PairReview review = PairReview.open(a.key, b.key, d.score().probability(), d.reason(),
                    System.currentTimeMillis());
            pendingReviews.put(review.id(), review);
        }
        return d.kind() != MatchDecision.Kind.MATCH;
    }

    /** New thresholds for the decisions made from now on; see {@link Resolver#retune}. */
    void retune(MatchConfig settings) {
        config = settings;
        decider = new Decider(settings);
    }

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

    java.util.Set<String> pendingReviewIds() {
        return new HashSet<>(pendingReviews.keySet());
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

    /**
     * 1 when people with different documents share the value (or it is quarantined, or a family's
     * address by its name), else unknown.
     */
    private double household(String key) {
        Val v = values.get(key);
        if (v == null) {
            return Double.NaN;
        }
        return v.status != Status.OK || v.docCount() >= 2 || v.family ? 1.0 : Double.NaN;
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
            if (m.postcode() != null) {
                String postcode = MatchRecord.postcodeKey(m.postcode());
                HashMap<String, int[]> towns = places.computeIfAbsent(postcode, k -> new HashMap<>(4));
                bump(towns, MatchRecord.cityKey(m.city()), delta);
                bump(towns, "", delta);
                if (towns.isEmpty()) {
                    places.remove(postcode);
                }
            }
        }
    }

    @Override
    public double cityGivenPostcode(String postcodeKey, String cityKey) {
        double city = share(MatchField.CITY, cityKey);
        HashMap<String, int[]> towns = places.get(postcodeKey);
        if (towns == null) {
            return city;
        }
        return (count(towns, cityKey) + CONDITIONAL_PSEUDO_RECORDS * city)
                / (count(towns, "") + CONDITIONAL_PSEUDO_RECORDS);
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

    /** An edge from a stored probability's float bits ({@link StoredLinks}). */
    static long edgeOfBits(int neighbour, int bits) {
        return ((long) neighbour << 32) | (bits & 0xffffffffL);
    }

    private static long edge(int neighbour, double probability) {
        return ((long) neighbour << 32) | (Float.floatToIntBits((float) probability) & 0xffffffffL);
    }

    static long[] append(long[] edges, long e) {
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
     * The record's identifiers that link on their own (a document, loyalty, customer or social id,
     * not an e-mail, phone or device) with status {@link Status#OK}: a candidate carrying one is
     * linked by the exact rule already and is not compared. A shared email, phone or device is
     * compared (the household guard may have refused it over names a typo made look different), and
     * so is a loyalty id seen with two documents: the exact rule does not follow it across different
     * documents, and the second one is often the first typed with a digit wrong, which only the
     * score can tell.
     */
    private String[] strongIds(Rec r) {
        String[] out = null;
        int n = 0;
        for (String x : r.ids) {
            if (!Partitioner.isWeak(x) && values.get(x).status == Status.OK) {
                if (out == null) {
                    out = new String[r.ids.length];
                }
                out[n++] = x;
            }
        }
        return out == null ? NO_IDS : java.util.Arrays.copyOf(out, n);
    }

    /**
     * Whether a record carries one of {@code keys}. By reference: every indexed record holds the
     * index's own instance of each identifier string (see {@code Resolver.describe}), so the
     * candidate's strings themselves are never read (they were a fifth of the matching time, in
     * cache misses).
     */
    private static boolean carriesAny(Rec b, String[] keys) {
        if (keys.length == 0) {
            return false;
        }
        for (String y : b.ids) {
            for (String x : keys) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final String[] NO_IDS = new String[0];

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
