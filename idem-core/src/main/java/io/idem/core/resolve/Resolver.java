package io.idem.core.resolve;

import io.idem.core.IdemException;
import io.idem.core.match.MatchDecision;
import io.idem.core.match.Score;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Households;
import io.idem.core.normalize.Names;
import io.idem.core.privacy.HashedInput;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.LogEntry;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.PairReview;
import io.idem.core.store.ValueFlag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The deterministic resolution engine. It keeps in memory what resolution needs (identifier index,
 * record to profile assignment, value statistics) and turns incoming records into {@link ChangeSet}s
 * for a store.
 *
 * <p>Guarantee: the partition of records into profiles is a function of the set of records only,
 * never of the order they arrived in. Whenever a record arrives or changes, the whole connected
 * component it belongs to is re-partitioned from scratch by {@link Partitioner}, whose only inputs
 * are the records of the component and the status of their identifier values, both of which are
 * order independent.
 *
 * <p>Not thread-safe: one writer drives it.
 */
public final class Resolver {

    /** What happened to one incoming record. */
    public enum Outcome { NEW, UPDATED, UNCHANGED }

    private ResolverConfig config;
    private final ArrayList<Rec> recs;
    private final KeyIndex byKey;
    private final HashMap<String, Val> values;
    private final HashMap<String, IntList> profiles;
    private final HashSet<String> retired;
    private final HashMap<String, String> sourceNames = new HashMap<>();
    private int epoch;
    private boolean digestsSeen;
    /** The index's value for each identifier of the record {@link #describe} last filled ({@code null}: new). */
    private Val[] described = new Val[8];
    private final FuzzyLinker fuzzy;
    private static final String[] NO_STRINGS = new String[0];
    /** No placeholder mask: {@link #describe} checks each new identifier itself. */
    private static final long UNKNOWN_PLACEHOLDERS = -1L;
    /** One instance of each name token, shared by every record carrying it. */
    private final HashMap<String, String> tokenPool = new HashMap<>();

    // the batch being accumulated
    private final LinkedHashMap<Integer, Payload> pendingPayload = new LinkedHashMap<>();
    /** Records whose profile may have changed in this batch, by id (drained in id order). */
    private final java.util.BitSet pendingTouched = new java.util.BitSet();
    private final LinkedHashMap<String, String> pendingAliases = new LinkedHashMap<>();
    private final List<LogEntry> pendingLog = new ArrayList<>();
    private final LinkedHashMap<String, ValueFlag> pendingFlags = new LinkedHashMap<>();
    private long createdInBatch;
    private long mergedInBatch;
    private long quarantinedInBatch;
    private String actor = "";
    private int erasedRecords;
    /**
     * The write sequence of the next change set's links ({@link StoredLinks#seq}): increases with
     * every drain that writes links, and continues after the highest one loaded.
     */
    private long linkSeq = 1;
    /**
     * While loading, until {@link #finishLoading} restores them: per record id, the write sequence of
     * its stored links (0: not known) and, for the records with edges, the links themselves.
     */
    private long[] loadedSeqs;
    private StoredLinks[] loadedLinks;
    /**
     * The open queued pairs (review id to the two records' ids, packed), kept from {@link #loadQueue}
     * on by every drain; {@code null} until loaded or after {@link #forgetQueue}. At a million
     * records the store holds about 200,000 queued pairs, most joined since by other evidence:
     * reading them all for every look at the queue took 1.1-1.6 s.
     */
    private HashMap<String, Long> queue;
    /** While loading with fuzzy matching on: each record's key hash ({@link StoredLinks#hash}), by id. */
    private long[] loadedHashes;
    /**
     * Per record id, for the reconciliation rate ({@link #eventSnapshot}): whether its keys say if it
     * carries an event (keys written before they did: not until learnt), whether it does, and whether
     * it carries a usable identifier other than a device id (a known person's).
     */
    private final java.util.BitSet eventKnown = new java.util.BitSet();
    private final java.util.BitSet event = new java.util.BitSet();
    private final java.util.BitSet personal = new java.util.BitSet();
    /** Live records per source. */
    private final HashMap<String, long[]> bySource = new HashMap<>();
    /** During a rematch: records whose edge list changed, and records re-partitioned so far. */
    private java.util.BitSet rematchLinks;
    private java.util.BitSet rematchDone;
    private int rematchCursor;

    /**
     * When false every record goes through {@link Partitioner}, even where {@link #joinSimple} could
     * decide without it; tests compare both ways.
     */
    private final boolean shortcuts;
    private long shortcutsTaken;

    public Resolver(ResolverConfig config) {
        this(config, true, 0);
    }

    /**
     * A resolver whose indexes have room for {@code expectedRecords} records before they grow. A
     * hash table grows all at once: at 400,000 entries a {@code HashMap} takes about 19 ms to
     * double, at 800,000 about 50 ms, and the resolving thread (every API call) waits meanwhile;
     * a server reserves room for what it holds plus what it expects to take in.
     */
    public Resolver(ResolverConfig config, int expectedRecords) {
        this(config, true, expectedRecords);
    }

    Resolver(ResolverConfig config, boolean shortcuts) {
        this(config, shortcuts, 0);
    }

    private Resolver(ResolverConfig config, boolean shortcuts, int expected) {
        this.config = config;
        this.shortcuts = shortcuts;
        this.recs = new ArrayList<>(expected);
        this.byKey = new KeyIndex(recs, expected);
        // about three identifiers a record at most (a web order: document, email, phone)
        this.values = new HashMap<>(capacity(3L * expected));
        this.profiles = new HashMap<>(capacity(expected));
        this.retired = new HashSet<>(capacity(expected / 4));
        this.fuzzy = new FuzzyLinker(config.match(), recs, values, expected);
    }

    /** A {@code HashMap} capacity that holds {@code n} entries without growing. */
    private static int capacity(long n) {
        return (int) Math.min(1 << 30, Math.max(16, n * 4 / 3 + 1));
    }

    // ------------------------------------------------------------------ loading

    /** Adds a stored record as it is, without resolving. Call {@link #finishLoading()} after the last. */
    public void load(KeyedRecord stored) {
        load(prepareLoad(stored));
    }

    /**
     * A stored record made ready to load by {@link #prepareLoad}: its decoded keys, which of its
     * identifiers are placeholders, and, with fuzzy matching on, its comparison fields and blocking
     * keys. The decoding is about half of what loading a store costs.
     */
    public static final class Loading {
        private final KeyedRecord stored;
        private final ResolutionKeys keys;
        private final long placeholders;
        /** Identifiers left once the placeholders are dropped: what {@link #match} was decoded with. */
        private final int kept;
        private final io.idem.core.match.MatchRecord match;
        private final long[] blocks;
        /** The stored links' write sequence (0: not known) and, when they hold edges, the links. */
        private final long linkSeq;
        private final StoredLinks links;
        private final long keyHash;

        private Loading(KeyedRecord stored, ResolutionKeys keys, long placeholders, int kept,
                io.idem.core.match.MatchRecord match, long[] blocks, long linkSeq, StoredLinks links, long keyHash) {
            this.stored = stored;
            this.keyHash = keyHash;
            this.linkSeq = linkSeq;
            this.links = links;
            this.keys = keys;
            this.placeholders = placeholders;
            this.kept = kept;
            this.match = match;
            this.blocks = blocks;
        }
    }

    /**
     * Decodes what {@link #load(Loading)} needs of a stored record. Like {@link #prepare}, a pure
     * function of the record, the (fixed) blocklist and the matching settings, safe to call from any
     * thread: the engine decodes stored records on one thread while another files them.
     */
    public Loading prepareLoad(KeyedRecord stored) {
        ResolutionKeys keys = ResolutionKeys.decode(stored.keys());
        String[] ids = keys.ids();
        long placeholders = placeholders(keys);
        int kept = ids.length - Long.bitCount(placeholders);
        // hashed here, so the filing thread's lookups find the hashes cached
        stored.key().recordId().hashCode();
        stored.key().source().hashCode();
        stored.profileId().hashCode();
        io.idem.core.match.MatchRecord match = null;
        long[] blocks = null;
        if (fuzzy.enabled() && !keys.match().isEmpty()) {
            String[] usable = ids;
            if (kept < ids.length) {
                usable = new String[kept];
                int n = 0;
                for (int i = 0; i < ids.length; i++) {
                    if (i >= Long.SIZE || (placeholders & (1L << i)) == 0) {
                        usable[n++] = ids[i];
                    }
                }
            }
            match = io.idem.core.match.MatchRecord.decode(keys.match(), usable);
            blocks = io.idem.core.match.Blocking.keys(match);
        }
        long linkSeq = 0;
        StoredLinks links = null;
        long keyHash = 0;
        if (fuzzy.enabled()) {
            keyHash = StoredLinks.hash(stored.key());
            linkSeq = StoredLinks.seqOf(stored.links());
            // most records have no edge: their sequence is all there is to read
            if (linkSeq > 0 && stored.links().indexOf(';') >= 0) {
                links = StoredLinks.decode(stored.links());
                linkSeq = links == null ? 0 : linkSeq;
            }
        }
        return new Loading(stored, keys, placeholders, kept, match, blocks, linkSeq, links, keyHash);
    }

    /** Adds a record decoded by {@link #prepareLoad}, without resolving. */
    public void load(Loading loading) {
        KeyedRecord stored = loading.stored;
        Rec r = new Rec(intern(stored.key()));
        describe(r, loading.keys, loading.placeholders);
        int id = recs.size();
        IntList members = profiles.get(stored.profileId());
        if (members == null) {
            members = new IntList();
            profiles.put(stored.profileId(), members);
            r.profile = stored.profileId();
        } else {
            // the profile's id string once, not once per record (about 37 MB at 1M records)
            r.profile = recs.get(members.get(0)).profile;
        }
        r.persistedProfile = r.profile;
        recs.add(r);
        byKey.add(id);
        members.add(id);
        noteFlags(id, r, loading.keys.event());
        countSource(r.key.source(), 1);
        if (fuzzy.enabled()) {
            if (loadedSeqs == null || loadedSeqs.length <= id) {
                int size = Math.max(id + 1, loadedSeqs == null ? 1024 : loadedSeqs.length * 2);
                loadedSeqs = java.util.Arrays.copyOf(loadedSeqs == null ? new long[0] : loadedSeqs, size);
                loadedLinks = java.util.Arrays.copyOf(loadedLinks == null ? new StoredLinks[0] : loadedLinks, size);
                loadedHashes = java.util.Arrays.copyOf(loadedHashes == null ? new long[0] : loadedHashes, size);
            }
            loadedSeqs[id] = loading.linkSeq;
            loadedLinks[id] = loading.links;
            loadedHashes[id] = loading.keyHash;
        }
        for (int i = 0; i < r.ids.length; i++) {
            // describe looked each value up already; only a new one is looked up again (a record
            // could carry it twice)
            Val v = described[i];
            if (v == null) {
                v = values.get(r.ids[i]);
                if (v == null) {
                    v = newVal(r.ids[i]);
                }
            }
            r.ids[i] = v.key;
            v.add(id);
        }
        if (loading.match != null && r.match != null && r.ids.length == loading.kept) {
            fuzzy.addLoaded(id, loading.match, loading.blocks);
        } else {
            // a placeholder already in the index (never while loading a store) was kept: decode again
            fuzzy.add(id);
        }
        if (loading.linkSeq > 0) {
            // known, and none unless restoreLinks finds some (set here, while the record is at hand)
            r.edges = FuzzyLinker.NO_EDGES;
        }
    }

    /** Remembers a merged-away profile id so it is never handed out again. */
    public void loadRetired(String profileId) {
        retired.add(profileId);
    }

    /**
     * Replaces what resolution knows of one record with its stored state, written by another
     * process sharing the store (see {@code Store.exclusive}). Idempotent: refreshing a record with
     * the state it already has changes nothing.
     */
    public void refresh(KeyedRecord stored) {
        int existing = byKey.get(stored.key());
        if (existing < 0) {
            load(stored);
            for (String v : recs.get(recs.size() - 1).ids) {
                Val val = values.get(v);
                val.status = computeStatus(val);
            }
            return;
        }
        int id = existing;
        Rec r = recs.get(id);
        HashSet<Val> touched = new HashSet<>();
        for (String v : r.ids) {
            Val val = values.get(v);
            val.remove(id);
            touched.add(val);
        }
        IntList members = profiles.get(r.profile);
        if (members != null) {
            members.remove(id);
            if (members.size() == 0) {
                profiles.remove(r.profile);
            }
        }
        fuzzy.detach(id, new IntList());
        ResolutionKeys keys = ResolutionKeys.decode(stored.keys());
        describe(r, keys);
        noteFlags(id, r, keys.event());
        fuzzy.add(id);
        for (int i = 0; i < r.ids.length; i++) {
            Val val = values.get(r.ids[i]);
            if (val == null) {
                val = newVal(r.ids[i]);
            }
            r.ids[i] = val.key;
            val.add(id);
            touched.add(val);
        }
        r.profile = stored.profileId();
        r.persistedProfile = stored.profileId();
        profiles.computeIfAbsent(r.profile, k -> new IntList()).add(id);
        for (Val val : touched) {
            val.status = computeStatus(val);
        }
    }

    /** Computes identifier statuses after loading. */
    public void finishLoading() {
        // each value's status reads its records and writes only the value: both cores share them
        values.values().parallelStream().forEach(v -> v.status = computeStatus(v));
        fuzzy.finishLoading();
        restoreLinks();
    }

    /**
     * Gives the loaded records the edges the engine that wrote them had (see {@link StoredLinks}):
     * for a pair both records stored, the list of the one written later decides whether it is an
     * edge; a record whose links are not known keeps {@code null} edges and is compared again when
     * they are needed. A record-key hash two loaded records share (never seen: 64 bits) leaves the
     * records naming it, and the two, not known.
     */
    private void restoreLinks() {
        long[] seqs = loadedSeqs;
        StoredLinks[] loaded = loadedLinks;
        long[] keyHashes = loadedHashes;
        loadedSeqs = null;
        loadedLinks = null;
        loadedHashes = null;
        if (seqs == null) {
            return;
        }
        int n = Math.min(seqs.length, recs.size());
        boolean anyEdges = false;
        for (int id = 0; id < n; id++) {
            linkSeq = Math.max(linkSeq, seqs[id] + 1);
            anyEdges |= loaded[id] != null;
        }
        HashIds byHash = anyEdges ? new HashIds(keyHashes, loaded, n) : null;
        if (byHash != null) {
            for (int id = 0; id < n; id++) {
                StoredLinks l = loaded[id];
                if (l == null) {
                    continue;
                }
                // a record sharing its hash with another (64 bits: never seen) is found by neither
                boolean clear = byHash.get(keyHashes[id]) == HashIds.SHARED;
                for (long h : l.neighbours()) {
                    clear |= byHash.get(h) == HashIds.SHARED;
                }
                if (clear) {
                    seqs[id] = 0;
                    loaded[id] = null;
                    recs.get(id).edges = null;
                }
            }
        }
        for (int id = 0; id < n; id++) {
            StoredLinks l = loaded[id];
            if (l == null) {
                continue;
            }
            Rec r = recs.get(id);
            for (int i = 0; i < l.neighbours().length; i++) {
                int other = byHash.get(l.neighbours()[i]);
                if (other < 0) {
                    continue; // erased since, or never stored
                }
                long otherSeq = other < n ? seqs[other] : 0;
                if (otherSeq == 0 || l.seq() >= otherSeq) {
                    r.edges = FuzzyLinker.append(r.edges, FuzzyLinker.edgeOfBits(other, l.bits()[i]));
                }
                if (otherSeq > 0 && l.seq() > otherSeq) {
                    // the neighbour's own list is older and may not name this record yet
                    Rec or = recs.get(other);
                    or.edges = FuzzyLinker.append(or.edges, FuzzyLinker.edgeOfBits(id, l.bits()[i]));
                }
            }
        }
    }

    /**
     * Record ids by record-key hash, for {@link #restoreLinks}: only the hashes some loaded record
     * names as a neighbour (a sixth of the records on the generator), so the table stays small and
     * each record's lookup while it is built is a cache hit more often than not. Open addressing.
     */
    private static final class HashIds {
        static final int MISSING = -1;
        static final int SHARED = -2;
        private final long[] hashes;
        private final int[] ids;
        private final boolean[] used;
        private final int mask;

        HashIds(long[] keyHashes, StoredLinks[] loaded, int n) {
            int wanted = 0;
            for (int id = 0; id < n; id++) {
                wanted += loaded[id] == null ? 0 : loaded[id].neighbours().length;
            }
            int cap = Integer.highestOneBit(Math.max(16, wanted * 2 - 1)) << 1;
            hashes = new long[cap];
            ids = new int[cap];
            used = new boolean[cap];
            mask = cap - 1;
            for (int id = 0; id < n; id++) {
                if (loaded[id] != null) {
                    for (long h : loaded[id].neighbours()) {
                        int slot = slot(h);
                        used[slot] = true;
                        hashes[slot] = h;
                        ids[slot] = MISSING;
                    }
                }
            }
            for (int id = 0; id < n; id++) {
                int slot = slot(keyHashes[id]);
                if (used[slot]) {
                    ids[slot] = ids[slot] == MISSING ? id : SHARED;
                }
            }
        }

        private int slot(long h) {
            int i = (int) (h ^ (h >>> 29)) & mask;
            while (used[i] && hashes[i] != h) {
                i = (i + 1) & mask;
            }
            return i;
        }

        /** The record with this hash, {@link #MISSING} or {@link #SHARED}; only for named hashes. */
        int get(long h) {
            int slot = slot(h);
            return used[slot] ? ids[slot] : MISSING;
        }
    }

    // ------------------------------------------------------------------ resolving

    /** Sets who is causing the next changes, for the log (e.g. {@code import:ecommerce}). */
    public void actor(String who) {
        this.actor = who == null ? "" : who;
    }

    /**
     * What resolution derives from a record before resolving it: its keys, their stored form and
     * which identifiers are placeholders. A pure function of the record and the (fixed) blocklist,
     * so unlike everything else here it is safe to call from any thread: importers prepare records
     * on their normaliser threads and the resolving thread only resolves.
     */
    public Prepared prepare(SourceRecord record) {
        ResolutionKeys keys = ResolutionKeys.of(record);
        long placeholders = placeholders(keys);
        record.key().recordId().hashCode();
        return new Prepared(record, keys, keys.encode(), placeholders);
    }

    /**
     * Bit {@code i} set when identifier {@code i} of the keys is a placeholder (the first 64). Also
     * hashes the identifiers and name tokens: a String caches its hash, so computed here, on the
     * thread that prepares, the resolving thread's index lookups find it.
     */
    private long placeholders(ResolutionKeys keys) {
        String[] ids = keys.ids();
        long placeholders = 0;
        for (int i = 0; i < ids.length; i++) {
            ids[i].hashCode();
            if (i < Long.SIZE && isPlaceholder(ids[i])) {
                placeholders |= 1L << i;
            }
        }
        for (String token : keys.nameTokens()) {
            token.hashCode();
        }
        return placeholders;
    }

    /**
     * A record prepared for resolution ({@link #prepare}).
     *
     * @param placeholders bit {@code i} set when identifier {@code i} of the keys is a placeholder
     *     (identifiers past the 64th are checked when resolved)
     */
    public record Prepared(SourceRecord record, ResolutionKeys keys, String encodedKeys, long placeholders) {
        /** The same, with the record stamped with another ingestion time (not part of the keys). */
        public Prepared at(long ingestedAt) {
            return new Prepared(new SourceRecord(record.key(), record.fields(), ingestedAt), keys, encodedKeys,
                    placeholders);
        }
    }

    /** Resolves one incoming record; the effect is collected into the pending change set. */
    public Outcome upsert(SourceRecord record) {
        return upsert(prepare(record));
    }

    /**
     * Resolves one record prepared by {@link #prepare} (possibly on another thread); the effect is
     * collected into the pending change set.
     */
    public Outcome upsert(Prepared prepared) {
        SourceRecord record = prepared.record();
        int existing = byKey.get(record.key());
        ResolutionKeys keys = prepared.keys();
        long hash = keys.contentHash();
        Outcome outcome;
        int id;
        IntList seeds = new IntList();
        Touched touched = new Touched();
        if (existing >= 0) {
            id = existing;
            Rec r = recs.get(id);
            if (r.contentHash == hash) {
                return Outcome.UNCHANGED;
            }
            if (r.profile != null && resolvesAlike(r, keys, prepared.placeholders())) {
                // an amount, an event, an attribute changed; nothing resolution reads did: the
                // record keeps its profile and its fuzzy edges, and only its stored form changes.
                // Re-deciding it would re-score its pairs with today's weights: at 1M records,
                // 66 comparisons an update, and amounts alone split or merged a few profiles
                r.contentHash = hash;
                noteFlags(id, r, keys.event());
                pendingPayload.put(id, new Payload(record, prepared.encodedKeys(), true));
                pendingTouched.set(id);
                return Outcome.UPDATED;
            }
            outcome = Outcome.UPDATED;
            // the old profile must be re-partitioned too: the record may have lost the link
            if (r.profile != null) {
                seeds.addAll(profiles.get(r.profile));
            }
            for (String v : r.ids) {
                Val val = values.get(v);
                touched.add(val);
                val.remove(id);
                val.resetStats();
            }
            fuzzy.detach(id, seeds);
            describe(r, keys, prepared.placeholders());
        } else {
            outcome = Outcome.NEW;
            Rec r = new Rec(intern(record.key()));
            describe(r, keys, prepared.placeholders());
            id = recs.size();
            recs.add(r);
            byKey.add(id);
            countSource(r.key.source(), 1);
        }
        Rec r = recs.get(id);
        r.contentHash = hash;
        noteFlags(id, r, keys.event());
        for (int i = 0; i < r.ids.length; i++) {
            String v = r.ids[i];
            // describe looked each value up already; a repeated new value was created meanwhile
            Val val = described[i] != null ? described[i] : values.get(v);
            if (val == null) {
                val = newVal(v);
                val.status = Status.OK;
            }
            touched.add(val);
            val.add(id);
            val.addStats(r);
        }
        seeds.add(id);
        boolean statusChanged = false;
        for (int t = 0; t < touched.n; t++) {
            Val val = touched.vals[t];
            if (!val.statsValid) {
                val.status = computeStatus(val);
            } else {
                val.status = statusFromStats(val);
            }
            if (val.status != touched.before[t]) {
                statusChanged = true;
                seeds.addAll(val);
                flagChanged(val);
                for (int i = 0; i < val.size(); i++) {
                    if (val.get(i) != id) {
                        fuzzy.relink(val.get(i), seeds);
                    }
                }
            }
        }
        fuzzy.add(id);
        boolean reweighed = false;
        if (fuzzy.enabled()) {
            // with fuzzy matching off there is nothing to compare with (no record is filed)
            fuzzy.link(id);
            int seeded = seeds.size();
            fuzzy.reestimate(seeds);
            // new weights re-compared every record: the whole index must be re-partitioned
            reweighed = seeds.size() != seeded;
        }
        pendingPayload.put(id, new Payload(record, prepared.encodedKeys(), outcome == Outcome.UPDATED));
        if (outcome == Outcome.NEW && !statusChanged && !reweighed && shortcuts && joinSimple(id)) {
            shortcutsTaken++;
            return outcome;
        }
        repartition(seeds);
        return outcome;
    }

    /**
     * Whether a record's new keys give resolution exactly what its current ones do: the same usable
     * identifiers in the same order, the same name tokens and the same comparison fields (what
     * {@link #describe} would keep). Only its content hash then differs.
     */
    private boolean resolvesAlike(Rec r, ResolutionKeys keys, long placeholders) {
        String match = keys.match().isEmpty() || !fuzzy.enabled() ? null : keys.match();
        if (!java.util.Objects.equals(match, r.match) || !Arrays.equals(keys.nameTokens(), r.nameTokens)) {
            return false;
        }
        String[] ids = keys.ids();
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            boolean placeholder = placeholders == UNKNOWN_PLACEHOLDERS || i >= Long.SIZE
                    ? isPlaceholder(ids[i]) : (placeholders & (1L << i)) != 0;
            if (placeholder && values.get(ids[i]) == null) {
                continue;
            }
            if (n == r.ids.length || !ids[i].equals(r.ids[n])) {
                return false;
            }
            n++;
        }
        return n == r.ids.length;
    }

    /** The live profile of a record, or {@code null} when unknown. */
    public String profileOf(RecordKey key) {
        int id = byKey.get(key);
        return id < 0 ? null : recs.get(id).profile;
    }

    /** Live profile ids of the records carrying an identifier, in order. */
    public List<String> profilesWith(Identifier identifier) {
        Val v = values.get(identifier.key());
        TreeSet<String> out = new TreeSet<>();
        if (v != null) {
            for (int i = 0; i < v.size(); i++) {
                out.add(recs.get(v.get(i)).profile);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The values one record carried or carries, each with its status before the record changed:
     * a handful, so a list searched by identity rather than a map.
     */
    private static final class Touched {
        Val[] vals = new Val[8];
        Status[] before = new Status[8];
        int n;

        void add(Val v) {
            for (int i = 0; i < n; i++) {
                if (vals[i] == v) {
                    return;
                }
            }
            if (n == vals.length) {
                vals = Arrays.copyOf(vals, n * 2);
                before = Arrays.copyOf(before, n * 2);
            }
            vals[n] = v;
            before[n++] = v.status;
        }
    }

    /** New records placed without re-partitioning (see {@link #joinSimple}), for tests and tracing. */
    long shortcutsTaken() {
        return shortcutsTaken;
    }

    /** Pairs of records fuzzy matching has scored since this resolver started. */
    public long comparisons() {
        return fuzzy.comparisons();
    }

    /** The fuzzy matching weights in use: the defaults, or {@code m} estimated on the data. */
    public io.idem.core.match.MatchWeights matchWeights() {
        return fuzzy.weights();
    }

    /** Explains the pair: each compared field, its level and weight, the total and the decision. */
    public PairExplanation explain(RecordKey a, RecordKey b) {
        int ia = idOf(a);
        int ib = idOf(b);
        Rec ra = recs.get(ia);
        Rec rb = recs.get(ib);
        Score score = fuzzy.score(ra, rb);
        List<String> shared = new ArrayList<>();
        // a document the guard does not follow between these two (see Partitioner): unrelated names
        // and a score short of a match
        boolean guarded = fuzzy.enabled() && Partitioner.namesUnrelated(nameList(ra), nameList(rb))
                && fuzzy.decide(score).kind() != MatchDecision.Kind.MATCH;
        for (String v : ra.ids) {
            if (Arrays.asList(rb.ids).contains(v)) {
                Val val = values.get(v);
                shared.add(val.status != Status.OK ? v + " (" + val.status.name().toLowerCase(java.util.Locale.ROOT)
                        + ")" : guarded && v.startsWith("document:") ? v + " (unrelated names)" : v);
            }
        }
        String review = FuzzyLinker.contains(ra.must, ib) ? PairReview.ACCEPTED
                : FuzzyLinker.contains(ra.cannot, ib) ? PairReview.REJECTED : "";
        return new PairExplanation(ra.key, rb.key, score, fuzzy.decide(score).kind(), review, shared, ra.profile,
                rb.profile);
    }

    private static List<String[]> nameList(Rec r) {
        return r.nameTokens.length == 0 ? List.of() : List.<String[]>of(r.nameTokens);
    }

    /**
     * A person says the two records are one person: they are joined (unless a rejected pair forbids
     * it) and the change is collected into the pending change set, with {@code decided} queued.
     */
    public void accept(PairReview decided) {
        constrain(decided, true);
    }

    /**
     * A person says the two records are two people: they are never put in one profile
     * automatically again; profiles already joining them are split.
     */
    public void reject(PairReview decided) {
        constrain(decided, false);
    }

    /** Applies a decision read from the store at start, without resolving. */
    public void loadDecision(PairReview decided) {
        int ia = byKey.get(decided.a());
        int ib = byKey.get(decided.b());
        if (ia < 0 || ib < 0 || !decided.decided()) {
            return;
        }
        pin(ia, ib, PairReview.ACCEPTED.equals(decided.status()));
    }

    /**
     * Applies several person decisions at once (a manual split or merge) and re-partitions once.
     * Each decision is kept, so it survives restarts and is never overridden by automatic evidence.
     */
    public void decideAll(List<PairReview> decisions) {
        IntList seeds = new IntList();
        for (PairReview d : decisions) {
            int ia = idOf(d.a());
            int ib = idOf(d.b());
            pin(ia, ib, PairReview.ACCEPTED.equals(d.status()));
            seeds.add(ia);
            seeds.add(ib);
            fuzzy.queue(d);
        }
        if (seeds.size() > 0) {
            repartition(seeds);
        }
    }

    /** Record pairs across two sets that a person said are two people (to be lifted by a merge). */
    public List<RecordKey[]> rejectedBetween(List<RecordKey> left, List<RecordKey> right) {
        HashSet<Integer> rightIds = new HashSet<>();
        for (RecordKey k : right) {
            rightIds.add(idOf(k));
        }
        List<RecordKey[]> out = new ArrayList<>();
        for (RecordKey k : left) {
            Rec r = recs.get(idOf(k));
            if (r.cannot != null) {
                for (int c : r.cannot) {
                    if (rightIds.contains(c)) {
                        out.add(new RecordKey[] {k, recs.get(c).key});
                    }
                }
            }
        }
        return out;
    }

    private void constrain(PairReview decided, boolean same) {
        int ia = idOf(decided.a());
        int ib = idOf(decided.b());
        pin(ia, ib, same);
        IntList seeds = new IntList();
        seeds.add(ia);
        seeds.add(ib);
        repartition(seeds);
        fuzzy.queue(decided);
    }

    private void pin(int ia, int ib, boolean same) {
        Rec ra = recs.get(ia);
        Rec rb = recs.get(ib);
        ra.must = without(ra.must, ib);
        rb.must = without(rb.must, ia);
        ra.cannot = without(ra.cannot, ib);
        rb.cannot = without(rb.cannot, ia);
        if (same) {
            ra.must = with(ra.must, ib);
            rb.must = with(rb.must, ia);
        } else {
            ra.cannot = with(ra.cannot, ib);
            rb.cannot = with(rb.cannot, ia);
        }
    }

    private static int[] with(int[] arr, int v) {
        int[] out = arr == null ? new int[1] : Arrays.copyOf(arr, arr.length + 1);
        out[out.length - 1] = v;
        return out;
    }

    private static int[] without(int[] arr, int v) {
        if (!FuzzyLinker.contains(arr, v)) {
            return arr;
        }
        int[] out = Arrays.stream(arr).filter(x -> x != v).toArray();
        return out.length == 0 ? null : out;
    }

    private int idOf(RecordKey key) {
        int id = byKey.get(key);
        if (id < 0) {
            throw new IdemException.NotFound("no record " + key);
        }
        return id;
    }

    /** Indexes a new identifier value. */
    private Val newVal(String key) {
        Val v = new Val(key);
        values.put(key, v);
        if (key.indexOf(':' + HashedInput.PREFIX) >= 0) {
            digestsSeen = true;
        }
        return v;
    }

    /**
     * Whether any identifier in the digest form ({@code kind:sha256:HEX}) was ever indexed: when
     * not, nothing waits for a plain value and callers skip walking every identifier.
     */
    public boolean mayHoldDigests() {
        return digestsSeen;
    }

    /** Every identifier ({@code kind:value}) some record carries, in no particular order. */
    public void forEachIdentifier(java.util.function.Consumer<String> sink) {
        for (Val v : values.values()) {
            if (v.size() > 0) {
                sink.accept(v.key);
            }
        }
    }

    public List<RecordKey> recordsOf(String profileId) {
        IntList members = profiles.get(profileId);
        List<RecordKey> out = new ArrayList<>();
        if (members != null) {
            for (int i = 0; i < members.size(); i++) {
                out.add(recs.get(members.get(i)).key);
            }
        }
        out.sort(null);
        return out;
    }

    public int recordCount() {
        return recs.size() - erasedRecords;
    }

    public int profileCount() {
        return profiles.size();
    }

    /** Builds the change set accumulated since the last call and resets the accumulator. */
    public ChangeSet drain() {
        List<StoredRecord> records = new ArrayList<>();
        List<StoredRecord> replacements = new ArrayList<>();
        Map<RecordKey, String> moves = new HashMap<>();
        for (int id = pendingTouched.nextSetBit(0); id >= 0; id = pendingTouched.nextSetBit(id + 1)) {
            Rec r = recs.get(id);
            Payload payload = pendingPayload.get(id);
            if (payload != null) {
                StoredRecord sr = new StoredRecord(payload.record(), r.profile, payload.keys(), linksOf(r, linkSeq));
                (payload.replaced() ? replacements : records).add(sr);
            } else if (!r.profile.equals(r.persistedProfile)) {
                moves.put(r.key, r.profile);
            }
            r.persistedProfile = r.profile;
        }
        // records compared again without a change of their own (an identifier became shared, a new
        // estimate of m): only their links are written
        Map<RecordKey, String> links = new HashMap<>();
        java.util.BitSet linked = fuzzy.linked;
        for (int id = linked.nextSetBit(0); id >= 0; id = linked.nextSetBit(id + 1)) {
            Rec r = recs.get(id);
            if (r.profile != null && !pendingPayload.containsKey(id)) {
                links.put(r.key, linksOf(r, linkSeq));
            }
        }
        if (!linked.isEmpty()) {
            linkSeq++;
        }
        linked.clear();
        List<PairReview> reviews = fuzzy.drainReviews();
        if (queue != null) {
            reviews.forEach(this::track);
        }
        ChangeSet cs = new ChangeSet(records, replacements, moves, pendingAliases, pendingLog,
                new ArrayList<>(pendingFlags.values()), null, reviews, links);
        pendingPayload.clear();
        pendingTouched.clear();
        pendingAliases.clear();
        pendingLog.clear();
        pendingFlags.clear();
        return cs;
    }

    /** Whether {@link #loadQueue} was called since the last {@link #forgetQueue}. */
    public boolean queueLoaded() {
        return queue != null;
    }

    /**
     * Takes the store's review queue ({@code Store.reviewHeads()}: reasons are not needed); from
     * here on every drain keeps it, so {@link #queuedApart} needs no read of the store.
     */
    public void loadQueue(List<PairReview> reviews) {
        queue = new HashMap<>(capacity(reviews.size()));
        reviews.forEach(this::track);
    }

    /** Drops the queue (another process changed the store, records were erased): load it again. */
    public void forgetQueue() {
        queue = null;
    }

    private void track(PairReview r) {
        int ia = byKey.get(r.a());
        int ib = byKey.get(r.b());
        if (!PairReview.OPEN.equals(r.status()) || ia < 0 || ib < 0) {
            queue.remove(r.id());
        } else {
            queue.put(r.id(), ((long) ia << 32) | (ib & 0xffffffffL));
        }
    }

    /** The ids of the open queued pairs whose two records are in two profiles now, in no order. */
    public List<String> queuedApart() {
        if (queue == null) {
            throw new IllegalStateException("the review queue is not loaded");
        }
        List<String> out = new ArrayList<>();
        queue.forEach((id, pair) -> {
            String pa = recs.get((int) (pair >>> 32)).profile;
            String pb = recs.get((int) (long) pair).profile;
            if (pa != null && pb != null && !pa.equals(pb)) {
                out.add(id);
            }
        });
        return out;
    }

    /** A record's edges as stored ({@link StoredLinks}); {@code null} while they are not known. */
    private String linksOf(Rec r, long seq) {
        long[] edges = r.edges;
        if (edges == null) {
            return null;
        }
        long[] hashes = new long[edges.length];
        int[] bits = new int[edges.length];
        for (int i = 0; i < edges.length; i++) {
            hashes[i] = StoredLinks.hash(recs.get(FuzzyLinker.neighbour(edges[i])).key);
            bits[i] = (int) edges[i];
        }
        return StoredLinks.encode(seq, hashes, bits);
    }

    /** Counters since the last call: profiles created, merged away, identifiers quarantined. */
    public long[] drainCounters() {
        long[] out = {createdInBatch, mergedInBatch, quarantinedInBatch};
        createdInBatch = 0;
        mergedInBatch = 0;
        quarantinedInBatch = 0;
        return out;
    }

    /**
     * Forgets records (the right to erasure): they leave the identifier index, the fuzzy index,
     * their profile and every review pin, and the records they were connected to are re-partitioned
     * (a family member's shared email may stop being shared). The effect on the remaining records
     * is collected into the pending change set. An erased record's slot stays as an empty tombstone.
     *
     * @return the identifier values ({@code kind:value}) that no remaining record carries, sorted
     */
    public List<String> erase(Collection<RecordKey> keys) {
        queue = null; // the store deletes the erased records' reviews: read them again when asked
        IntList seeds = new IntList();
        LinkedHashMap<Val, Status> touched = new LinkedHashMap<>();
        for (RecordKey key : keys) {
            int id = byKey.remove(key);
            if (id < 0) {
                continue;
            }
            Rec r = recs.get(id);
            fuzzy.remove(id, seeds);
            IntList members = profiles.get(r.profile);
            if (members != null) {
                members.remove(id);
                seeds.addAll(members);
                if (members.size() == 0) {
                    profiles.remove(r.profile);
                }
            }
            for (String v : r.ids) {
                Val val = values.get(v);
                val.remove(id);
                touched.putIfAbsent(val, val.status);
            }
            for (int[] pins : new int[][] {r.must, r.cannot}) {
                for (int other : pins == null ? new int[0] : pins) {
                    recs.get(other).must = without(recs.get(other).must, id);
                    recs.get(other).cannot = without(recs.get(other).cannot, id);
                }
            }
            r.ids = NO_STRINGS;
            r.docs = NO_STRINGS;
            r.match = null;
            r.must = null;
            r.cannot = null;
            r.profile = null;
            pendingPayload.remove(id);
            pendingTouched.clear(id);
            erasedRecords++;
            countSource(r.key.source(), -1);
        }
        List<String> orphaned = new ArrayList<>();
        for (Map.Entry<Val, Status> e : touched.entrySet()) {
            Val val = e.getKey();
            if (val.size() == 0) {
                values.remove(val.key);
                pendingFlags.remove(val.key);
                orphaned.add(val.key);
                continue;
            }
            seeds.addAll(val);
            val.status = computeStatus(val);
            if (val.status != e.getValue()) {
                flagChanged(val);
                for (int i = 0; i < val.size(); i++) {
                    fuzzy.relink(val.get(i), seeds);
                }
            }
        }
        IntList live = new IntList();
        for (int i = 0; i < seeds.size(); i++) {
            if (recs.get(seeds.get(i)).profile != null) {
                live.add(seeds.get(i));
            }
        }
        if (live.size() > 0) {
            repartition(live);
        }
        java.util.Collections.sort(orphaned);
        return orphaned;
    }

    // ------------------------------------------------------------------ internals

    /**
     * The common case of a new record, decided without {@link Partitioner} when that is certain to
     * give the same answer: the record's component (what {@link #closure} would collect) is the
     * record alone, which then starts a profile, or the record plus the records of exactly one
     * profile, which it then joins. The latter needs a component in which no union can be refused:
     * at most one distinct document, names that could all be one person's two by two
     * ({@link Partitioner#couldBeOne}, so no two groups' names conflict), and no person decision.
     * Under those conditions the partitioner puts every record connected by usable identifiers or
     * match edges into one cluster (names that could be one are never unrelated either, so the
     * document guard refuses nothing), and the profile keeps its id; the profile was connected before (it is a partitioner cluster), and the record is
     * connected to it. Anything else (a second profile reached, a loaded record whose match edges
     * are not computed yet, a conflict) returns false and the caller re-partitions.
     *
     * @return true when the record was placed
     */
    private boolean joinSimple(int id) {
        Rec r = recs.get(id);
        boolean fuzzyOn = fuzzy.enabled();
        int mark = ++epoch;
        r.mark = mark;
        IntList stack = new IntList();
        stack.add(id);
        int visited = 0;
        String profile = null;
        String doc = null;
        List<String[]> names = new ArrayList<>(2);
        boolean family = false;
        boolean nameless = false;
        while (stack.size() > 0) {
            int cur = stack.pop();
            visited++;
            Rec cr = recs.get(cur);
            if (cr.must != null || cr.cannot != null) {
                return false;
            }
            if (cur != id) {
                if (cr.profile == null || (profile != null && !profile.equals(cr.profile))) {
                    return false;
                }
                profile = cr.profile;
            }
            for (String d : cr.docs) {
                if (doc == null) {
                    doc = d;
                } else if (!doc.equals(d)) {
                    return false;
                }
            }
            if (cr.nameTokens.length > 0 && !addName(names, cr.nameTokens)) {
                return false;
            }
            nameless |= cr.nameTokens.length == 0;
            for (String v : cr.ids) {
                Val val = values.get(v);
                if (val.status == Status.QUARANTINED || val.walked == mark) {
                    continue;
                }
                val.walked = mark;
                family |= val.family;
                for (int i = 0; i < val.size(); i++) {
                    visit(val.get(i), mark, stack);
                }
            }
            if (fuzzyOn) {
                if (cr.edges == null) {
                    return false;
                }
                for (long e : cr.edges) {
                    visit(FuzzyLinker.neighbour(e), mark, stack);
                }
            }
        }
        if (family && nameless) {
            // a family's address links only named records: the partitioner decides (Partitioner#partition)
            return false;
        }
        if (profile == null) {
            String created = newId(r.key);
            createdInBatch++;
            IntList list = new IntList();
            list.add(id);
            profiles.put(created, list);
            r.profile = created;
        } else {
            IntList members = profiles.get(profile);
            if (members == null || members.size() + 1 != visited) {
                return false;
            }
            members.add(id);
            r.profile = profile;
        }
        pendingTouched.set(id);
        return true;
    }

    /** Distinct names a component may hold for {@link #joinSimple}. */
    private static final int SHORTCUT_NAMES = 8;

    /**
     * Adds a name to the distinct names of a component when it could be one person's with each of
     * them ({@link Partitioner#couldBeOne}); false when it could not, or past
     * {@value #SHORTCUT_NAMES} distinct names (the partitioner decides then).
     */
    private static boolean addName(List<String[]> names, String[] name) {
        for (String[] n : names) {
            // tokens are pooled: one person's records mostly hold equal arrays, compared by reference
            if (n == name || Arrays.equals(n, name)) {
                return true;
            }
        }
        if (names.size() >= SHORTCUT_NAMES) {
            return false;
        }
        for (String[] n : names) {
            if (!Partitioner.couldBeOne(n, name)) {
                return false;
            }
        }
        names.add(name);
        return true;
    }

    private void noteFlags(int id, Rec r, Boolean carriesEvent) {
        eventKnown.set(id, carriesEvent != null);
        event.set(id, carriesEvent != null && carriesEvent);
        boolean known = false;
        for (String v : r.ids) {
            if (!v.startsWith(DEVICE_PREFIX)) {
                known = true;
                break;
            }
        }
        personal.set(id, known);
    }

    private static final String DEVICE_PREFIX = FieldKind.DEVICE_ID.key() + ":";

    private void countSource(String source, long delta) {
        long[] n = bySource.computeIfAbsent(source, k -> new long[1]);
        n[0] += delta;
        if (n[0] == 0) {
            bySource.remove(source);
        }
    }

    /**
     * Whether a stored record carries an event, read from the record itself by someone who had to
     * (its keys were written before they said): taken unless the keys of a later version said.
     */
    public void learnEvent(RecordKey key, boolean carriesEvent) {
        int id = byKey.get(key);
        if (id >= 0 && !eventKnown.get(id)) {
            eventKnown.set(id);
            event.set(id, carriesEvent);
        }
    }

    /**
     * What the stats need, copied so that they are counted without holding the engine: the records,
     * profiles and records per source, and for the reconciliation rate each record's profile,
     * whether it carries an event and whether it is a known person's (a usable identifier other than
     * a device id). {@code null} when some record's keys do not say whether it carries an event
     * ({@link #learnEvent} it first).
     */
    public EventSnapshot eventSnapshot() {
        String[] profileOf = new String[recs.size()];
        for (int id = 0; id < profileOf.length; id++) {
            String p = recs.get(id).profile;
            if (p != null && !eventKnown.get(id)) {
                return null;
            }
            profileOf[id] = p;
        }
        Map<String, Long> sources = new java.util.TreeMap<>();
        bySource.forEach((source, n) -> sources.put(source, n[0]));
        return new EventSnapshot(recordCount(), profiles.size(), sources, profileOf, (java.util.BitSet) event.clone(),
                (java.util.BitSet) personal.clone());
    }

    /** See {@link #eventSnapshot}. */
    public record EventSnapshot(long records, long profiles, Map<String, Long> recordsBySource, String[] profileOf,
            java.util.BitSet event, java.util.BitSet personal) {
        /**
         * Records carrying an event, and those of them in a profile with a known person's record:
         * a device's events count once a login or a purchase joined it to a person.
         */
        public long[] count() {
            Map<String, long[]> byProfile = new HashMap<>();
            for (int id = 0; id < profileOf.length; id++) {
                if (profileOf[id] == null) {
                    continue;
                }
                boolean e = event.get(id);
                boolean k = personal.get(id);
                if (!e && !k) {
                    continue;
                }
                long[] c = byProfile.computeIfAbsent(profileOf[id], p -> new long[2]);
                c[0] += e ? 1 : 0;
                c[1] |= k ? 1 : 0;
            }
            long events = 0;
            long known = 0;
            for (long[] c : byProfile.values()) {
                events += c[0];
                known += c[1] == 1 ? c[0] : 0;
            }
            return new long[] {events, known};
        }
    }

    /**
     * Whether {@link #retune} can take {@code settings}: they differ from this resolver's at most in
     * their thresholds. Fuzzy matching on or off changes what a loaded record keeps, so that needs a
     * resolver loaded under the new settings.
     */
    public boolean retunable(io.idem.core.match.MatchConfig settings) {
        io.idem.core.match.MatchConfig now = config.match();
        return now.enabled() == settings.enabled() && now.priorBits() == settings.priorBits()
                && now.maxBlock() == settings.maxBlock();
    }

    /**
     * New thresholds for every decision made from now on, as a resolver loaded under them would make
     * it. Nothing decided before is decided again: a {@link #startRematch} does that.
     */
    public void retune(io.idem.core.match.MatchConfig settings) {
        if (!retunable(settings)) {
            throw new IllegalArgumentException("only thresholds can change without a reload: " + settings);
        }
        config = config.withMatch(settings);
        fuzzy.retune(settings);
    }

    /**
     * Starts a rematch: every record is compared again with its blocking candidates under the
     * current settings (thresholds, fuzzy matching on or off) and value frequencies, as if it had
     * just arrived, and {@link #rematchStep} then re-partitions every profile with the new edges.
     * Person decisions (accepted and rejected pairs, manual splits and merges) stay. Pairs in the
     * review band are queued again; {@link #pendingReviewIds} names them, and open reviews not among
     * them are for the caller to withdraw. Records whose edge list came out different are written
     * their new links as their component is drained.
     *
     * <p>Each record is compared with the candidates that arrived before it, in arrival order, as an
     * import compares them (each pair once), so the edges are a function of the records, the
     * settings and the decisions; the profiles a rare review-band pair joins on a unique name alone
     * also depend on the current profiles (see FuzzyLinker's sole-bearer rule).
     *
     * @return the comparisons made
     */
    public long startRematch() {
        long before = fuzzy.comparisons();
        rematchLinks = new java.util.BitSet();
        rematchDone = new java.util.BitSet(recs.size());
        rematchCursor = 0;
        if (!fuzzy.enabled()) {
            return 0;
        }
        long[][] old = new long[recs.size()][];
        for (int id = 0; id < recs.size(); id++) {
            Rec r = recs.get(id);
            if (r.profile != null) {
                old[id] = r.edges;
                r.edges = null;
            }
        }
        fuzzy.relinkAll(id -> recs.get(id).profile != null);
        java.util.BitSet linked = fuzzy.linked;
        for (int id = linked.nextSetBit(0); id >= 0; id = linked.nextSetBit(id + 1)) {
            if (old[id] == null || !sameEdges(old[id], recs.get(id).edges)) {
                rematchLinks.set(id);
            }
        }
        linked.clear();
        return fuzzy.comparisons() - before;
    }

    /** Whether two edge lists hold the same neighbours with the same probabilities, in any order. */
    private static boolean sameEdges(long[] a, long[] b) {
        if (a.length != b.length) {
            return false;
        }
        long[] x = a.clone();
        long[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    /** Whether a rematch ({@link #startRematch}) has records left to re-partition. */
    public boolean rematching() {
        return rematchDone != null;
    }

    /**
     * Re-partitions the profiles of the next records of a rematch ({@link #startRematch}), whole
     * components, until at least {@code maxRecords} records were or none is left; the changes go to
     * the pending change set. Returns the records re-partitioned; {@link #rematching} turns false
     * once every record was.
     */
    public int rematchStep(int maxRecords) {
        if (rematchDone == null) {
            throw new IllegalStateException("no rematch started");
        }
        int n = 0;
        while (rematchCursor < recs.size() && n < maxRecords) {
            int id = rematchCursor++;
            if (rematchDone.get(id) || recs.get(id).profile == null) {
                continue;
            }
            IntList seeds = new IntList();
            seeds.add(id);
            int[] component = repartition(seeds);
            for (int c : component) {
                rematchDone.set(c);
                if (rematchLinks.get(c)) {
                    fuzzy.linked.set(c);
                }
            }
            n += component.length;
        }
        if (rematchCursor >= recs.size()) {
            rematchDone = null;
            rematchLinks = null;
        }
        return n;
    }

    /** The ids of the pairs queued for review since the last {@link #drain}. */
    public java.util.Set<String> pendingReviewIds() {
        return fuzzy.pendingReviewIds();
    }

    /** The open reviews of the queue ({@link #loadQueue}), by id. */
    public java.util.Set<String> queuedIds() {
        if (queue == null) {
            throw new IllegalStateException("the review queue is not loaded");
        }
        return new HashSet<>(queue.keySet());
    }

    /** Adds a review (a withdrawn one, say) to the pending change set, as stored. */
    public void queueReview(PairReview review) {
        fuzzy.queue(review);
    }

    private int[] repartition(IntList seeds) {
        int[] component = closure(seeds);
        Rec[] members = new Rec[component.length];
        for (int i = 0; i < component.length; i++) {
            members[i] = recs.get(component[i]);
        }
        Partitioner.Result result = Partitioner.partition(members, values, links(component));
        assignIds(component, members, result);
        return component;
    }

    /** The fuzzy edges, accepted and rejected pairs inside a component, by local index. */
    private Partitioner.Links links(int[] component) {
        if (!fuzzy.enabled()) {
            return Partitioner.Links.NONE;
        }
        HashMap<Integer, Integer> local = new HashMap<>(component.length * 2);
        for (int i = 0; i < component.length; i++) {
            local.put(component[i], i);
        }
        List<Partitioner.Edge> edges = new ArrayList<>();
        List<int[]> must = new ArrayList<>();
        List<int[]> cannot = new ArrayList<>();
        for (int i = 0; i < component.length; i++) {
            Rec r = recs.get(component[i]);
            for (long e : fuzzy.edges(component[i])) {
                Integer j = local.get(FuzzyLinker.neighbour(e));
                if (j != null && i < j) {
                    edges.add(new Partitioner.Edge(i, j, FuzzyLinker.probability(e)));
                }
            }
            pairs(r.must, i, local, must);
            pairs(r.cannot, i, local, cannot);
        }
        return new Partitioner.Links(edges, must, cannot,
                (a, b) -> fuzzy.scoredBelowMatch(component[a], recs.get(component[a]), component[b],
                        recs.get(component[b])));
    }

    private static void pairs(int[] others, int i, Map<Integer, Integer> local, List<int[]> out) {
        if (others != null) {
            for (int o : others) {
                Integer j = local.get(o);
                if (j != null && i < j) {
                    out.add(new int[] {i, j});
                }
            }
        }
    }

    /** Every record reachable from the seeds through usable identifiers or current profile membership. */
    private int[] closure(IntList seeds) {
        int mark = ++epoch;
        IntList out = new IntList();
        IntList stack = new IntList();
        for (int i = 0; i < seeds.size(); i++) {
            int s = seeds.get(i);
            if (recs.get(s).mark != mark) {
                recs.get(s).mark = mark;
                stack.add(s);
            }
        }
        while (stack.size() > 0) {
            int id = stack.pop();
            out.add(id);
            Rec r = recs.get(id);
            for (String v : r.ids) {
                Val val = values.get(v);
                if (val.status == Status.QUARANTINED || val.walked == mark) {
                    continue;
                }
                val.walked = mark;
                for (int i = 0; i < val.size(); i++) {
                    int c = val.get(i);
                    Rec cr = recs.get(c);
                    if (cr.mark != mark) {
                        cr.mark = mark;
                        stack.add(c);
                    }
                }
            }
            if (fuzzy.enabled()) {
                for (long e : fuzzy.edges(id)) {
                    visit(FuzzyLinker.neighbour(e), mark, stack);
                }
                if (r.must != null) {
                    for (int m : r.must) {
                        visit(m, mark, stack);
                    }
                }
            }
            IntList same = r.profile == null ? null : profiles.get(r.profile);
            if (same != null && same.walked != mark) {
                same.walked = mark;
                for (int i = 0; i < same.size(); i++) {
                    int c = same.get(i);
                    Rec cr = recs.get(c);
                    if (cr.mark != mark) {
                        cr.mark = mark;
                        stack.add(c);
                    }
                }
            }
        }
        return out.toArray();
    }

    private void visit(int c, int mark, IntList stack) {
        Rec cr = recs.get(c);
        if (cr.mark != mark) {
            cr.mark = mark;
            stack.add(c);
        }
    }

    private void assignIds(int[] component, Rec[] members, Partitioner.Result result) {
        // in phases, each its own method, for the JIT as in Partitioner#partition
        List<int[]> clusters = result.clusters();
        // old ids present in the component, with their members
        HashMap<String, IntList> oldMembers = new HashMap<>();
        for (int i = 0; i < members.length; i++) {
            if (members[i].profile != null) {
                oldMembers.computeIfAbsent(members[i].profile, k -> new IntList()).add(i);
            }
        }
        HashSet<String> taken = new HashSet<>();
        String[] clusterIds = chooseIds(clusters, members, taken);
        retireAndLog(oldMembers, result, clusterIds, taken, members);
        for (String old : oldMembers.keySet()) {
            if (taken.contains(old)) {
                profiles.remove(old);
            }
        }
        install(component, members, clusters, clusterIds);
    }

    /** Each cluster's id: the old id most of its records had that no larger cluster took, else a new one. */
    private String[] chooseIds(List<int[]> clusters, Rec[] members, HashSet<String> taken) {
        String[] clusterIds = new String[clusters.size()];
        for (int c = 0; c < clusters.size(); c++) {
            int[] cl = clusters.get(c);
            TreeSet<String> candidates = new TreeSet<>();
            HashMap<String, Integer> counts = new HashMap<>();
            for (int local : cl) {
                String p = members[local].profile;
                if (p != null) {
                    counts.merge(p, 1, Integer::sum);
                    candidates.add(p);
                }
            }
            String best = null;
            int bestCount = 0;
            for (String p : candidates) {
                if (!taken.contains(p) && counts.get(p) > bestCount) {
                    best = p;
                    bestCount = counts.get(p);
                }
            }
            if (best == null) {
                best = newId(members[cl[0]].key);
                createdInBatch++;
            }
            taken.add(best);
            clusterIds[c] = best;
        }
        return clusterIds;
    }

    /** Retires the old ids nobody kept (an alias to the cluster most of their records went to); logs merges and splits. */
    private void retireAndLog(HashMap<String, IntList> oldMembers, Partitioner.Result result, String[] clusterIds,
            HashSet<String> taken, Rec[] members) {
        for (Map.Entry<String, IntList> e : new java.util.TreeMap<>(oldMembers).entrySet()) {
            String old = e.getKey();
            IntList locals = e.getValue();
            HashMap<Integer, Integer> spread = new HashMap<>();
            for (int i = 0; i < locals.size(); i++) {
                spread.merge(result.clusterOf()[locals.get(i)], 1, Integer::sum);
            }
            int target = -1;
            int targetCount = 0;
            for (Map.Entry<Integer, Integer> sp : spread.entrySet()) {
                if (sp.getValue() > targetCount || (sp.getValue() == targetCount && sp.getKey() < target)) {
                    target = sp.getKey();
                    targetCount = sp.getValue();
                }
            }
            if (spread.size() > 1) {
                // one entry per piece that does not keep the old id, naming it: the history of the
                // piece then says where its records came from
                for (Map.Entry<Integer, Integer> sp : new java.util.TreeMap<>(spread).entrySet()) {
                    String piece = clusterIds[sp.getKey()];
                    if (!piece.equals(old)) {
                        pendingLog.add(new LogEntry(now(), "split", old, piece, "records now resolve to "
                                + spread.size() + " profiles; " + sp.getValue() + " of them to " + piece, actor));
                    }
                }
            }
            if (!taken.contains(old)) {
                String survivor = clusterIds[target];
                retired.add(old);
                profiles.remove(old);
                pendingAliases.put(old, survivor);
                mergedInBatch++;
                pendingLog.add(new LogEntry(now(), "merge", survivor, old,
                        bridge(old, result.clusters().get(target), members), actor));
            }
        }
    }

    /** Puts every record of every cluster in its profile. */
    private void install(int[] component, Rec[] members, List<int[]> clusters, String[] clusterIds) {
        for (int c = 0; c < clusters.size(); c++) {
            IntList list = new IntList();
            for (int local : clusters.get(c)) {
                Rec r = members[local];
                r.profile = clusterIds[c];
                list.add(component[local]);
                pendingTouched.set(component[local]);
            }
            profiles.put(clusterIds[c], list);
        }
    }

    /** The identifiers tying records of a merged-away profile to the rest of its new cluster. */
    private String bridge(String old, int[] cluster, Rec[] members) {
        HashSet<String> others = new HashSet<>();
        for (int local : cluster) {
            if (!old.equals(members[local].profile)) {
                for (String v : members[local].ids) {
                    others.add(v);
                }
            }
        }
        TreeSet<String> shared = new TreeSet<>(java.util.Comparator.comparingInt(Partitioner::strength)
                .thenComparing(java.util.Comparator.naturalOrder()));
        for (int local : cluster) {
            if (old.equals(members[local].profile)) {
                for (String v : members[local].ids) {
                    if (others.contains(v) && values.get(v).status != Status.QUARANTINED) {
                        shared.add(v);
                    }
                }
            }
        }
        if (shared.isEmpty()) {
            String matched = fuzzyBridge(old, cluster, members);
            return matched != null ? matched : "linked through other records";
        }
        List<String> top = new ArrayList<>(shared).subList(0, Math.min(3, shared.size()));
        return "shared " + String.join(", ", top);
    }

    /**
     * Why a merged-away profile joined when no identifier bridged it: the accepted review, or the
     * strongest fuzzy match between one of its records and the rest, with the deciding fields.
     */
    private String fuzzyBridge(String old, int[] cluster, Rec[] members) {
        HashSet<Integer> others = new HashSet<>();
        for (int local : cluster) {
            if (!old.equals(members[local].profile)) {
                others.add(byKey.get(members[local].key));
            }
        }
        Rec bestA = null;
        Rec bestB = null;
        double best = -1;
        for (int local : cluster) {
            Rec r = members[local];
            if (!old.equals(r.profile)) {
                continue;
            }
            if (r.must != null) {
                for (int m : r.must) {
                    if (others.contains(m)) {
                        return "accepted review " + PairReview.idOf(r.key, recs.get(m).key) + " ("
                                + r.key + " ~ " + recs.get(m).key + ")";
                    }
                }
            }
            for (long e : r.edges == null ? new long[0] : r.edges) {
                if (others.contains(FuzzyLinker.neighbour(e)) && FuzzyLinker.probability(e) > best) {
                    best = FuzzyLinker.probability(e);
                    bestA = r;
                    bestB = recs.get(FuzzyLinker.neighbour(e));
                }
            }
        }
        if (bestA == null) {
            return null;
        }
        // an edge under the match threshold is a name no other profile carries (FuzzyLinker.soleBearer)
        String what = best < config.match().matchThreshold() ? "fuzzy match on a name no other profile carries, "
                : "fuzzy match ";
        return what + fuzzy.score(bestA, bestB).summary() + " (" + bestA.key + " ~ " + bestB.key + ")";
    }

    private String newId(RecordKey minKey) {
        String base = ProfileIds.forRecord(minKey);
        String id = base;
        for (int n = 2; profiles.containsKey(id) || retired.contains(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private void flagChanged(Val val) {
        String reason = switch (val.status) {
            case QUARANTINED -> val.docCount() >= config.quarantineDocuments()
                    ? val.docCount() + "+ different documents"
                    : val.nameCount() + "+ different names";
            case SHARED -> val.docCount() + " different documents";
            case OK -> "no longer shared";
        };
        if (val.status == Status.QUARANTINED) {
            quarantinedInBatch++;
            pendingLog.add(new LogEntry(now(), "quarantine", "", "", val.key + ": " + reason, actor));
        }
        pendingFlags.put(val.key, new ValueFlag(val.key, val.status.name().toLowerCase(java.util.Locale.ROOT),
                reason));
    }

    private Status computeStatus(Val v) {
        v.resetStats();
        for (int i = 0; i < v.size(); i++) {
            v.addStats(recs.get(v.get(i)));
            if (v.docCount() >= config.quarantineDocuments() || v.nameCount() >= config.quarantineNames()) {
                break;
            }
        }
        v.statsValid = true;
        return statusFromStats(v);
    }

    private Status statusFromStats(Val v) {
        if (v.docCount() >= config.quarantineDocuments() || v.nameCount() >= config.quarantineNames()) {
            return Status.QUARANTINED;
        }
        boolean isDocument = v.key.startsWith("document:");
        if (!isDocument && v.docCount() >= 2) {
            return Status.SHARED;
        }
        return Status.OK;
    }

    /**
     * Fills what resolution keeps of a record, compactly: identifier strings are the index's own,
     * documents are those same strings (prefix included, which changes neither equality nor edit
     * distance), name tokens are shared between records, and empty arrays are one shared array.
     */
    private void describe(Rec r, ResolutionKeys keys) {
        describe(r, keys, UNKNOWN_PLACEHOLDERS);
    }

    /** {@code placeholders}: see {@link Prepared}, or {@link #UNKNOWN_PLACEHOLDERS} to check here. */
    private void describe(Rec r, ResolutionKeys keys, long placeholders) {
        String[] ids = new String[keys.ids().length];
        int n = 0;
        int documents = 0;
        for (int i = 0; i < ids.length; i++) {
            String key = keys.ids()[i];
            // a value in the index passed this check when it entered (the blocklist is fixed here)
            Val existing = values.get(key);
            if (existing == null && (placeholders == UNKNOWN_PLACEHOLDERS || i >= Long.SIZE
                    ? isPlaceholder(key) : (placeholders & (1L << i)) != 0)) {
                continue;
            }
            if (n == described.length) {
                described = Arrays.copyOf(described, n * 2);
            }
            described[n] = existing;
            ids[n++] = existing != null ? existing.key : key;
            if (key.startsWith("document:")) {
                documents++;
            }
        }
        r.ids = n == 0 ? NO_STRINGS : n == ids.length ? ids : Arrays.copyOf(ids, n);
        r.docs = NO_STRINGS;
        if (documents > 0) {
            r.docs = new String[documents];
            int d = 0;
            for (String id : r.ids) {
                if (id.startsWith("document:")) {
                    r.docs[d++] = id;
                }
            }
        }
        String[] tokens = keys.nameTokens();
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = tokenPool.computeIfAbsent(tokens[i], t -> t);
        }
        r.nameTokens = tokens.length == 0 ? NO_STRINGS : tokens;
        r.contentHash = keys.contentHash();
        // with fuzzy matching off nothing compares records: not keeping the encoded comparison
        // fields saves about a tenth of the resolution state (100 MB at 1M records); explain then
        // shows the identifiers the two records share, and no field comparison
        r.match = keys.match().isEmpty() || !fuzzy.enabled() ? null : keys.match();
    }

    private boolean isPlaceholder(String key) {
        int colon = key.indexOf(':');
        FieldKind kind = FieldKind.parse(key.substring(0, colon));
        return config.placeholders().reason(new Identifier(kind, key.substring(colon + 1))) != null;
    }

    private RecordKey intern(RecordKey key) {
        String s = sourceNames.computeIfAbsent(key.source(), k -> k);
        return s == key.source() ? key : new RecordKey(s, key.recordId());
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private record Payload(SourceRecord record, String keys, boolean replaced) {
    }

    /** What resolution keeps of a record. */
    static final class Rec {
        final RecordKey key;
        String[] ids;
        /** The record's document identifiers ({@code document:...}, the same strings as in {@link #ids}). */
        String[] docs;
        /** Sorted, distinct; a name is compared as its whole token array. */
        String[] nameTokens;
        String profile;
        String persistedProfile;
        long contentHash;
        int mark;
        /** Encoded {@link io.idem.core.match.MatchRecord}, or {@code null} when the record has no person data. */
        String match;
        /** Fuzzy match edges (neighbour id and probability, see {@link FuzzyLinker}); {@code null} until computed. */
        long[] edges;
        /** Records a person said are the same one (accepted reviews), or {@code null}. */
        int[] must;
        /** Records a person said are someone else (rejected reviews), or {@code null}. */
        int[] cannot;

        Rec(RecordKey key) {
            this.key = key;
        }
    }

    /**
     * An identifier value: who carries it (the list itself, the records' ids: a value is its list
     * of carriers, so the usual value with one carrier costs one object, not three) and how it may
     * be used.
     */
    static final class Val extends IntList {
        static final int STATS_CAP = 64;
        private static final String[] NONE = new String[0];
        private static final String[][] NO_NAMES = new String[0][];
        final String key;
        // distinct documents and names among carriers, bounded: past the thresholds the value is
        // quarantined anyway. Arrays, not sets: almost every value has one carrier, and then its
        // stats are that record's own, read from it (only) instead of copied into arrays. Every
        // path that changes a record's documents or names resets the stats of its values first.
        private Rec only;
        private String[] docs = NONE;
        private String[][] names = NO_NAMES;
        boolean statsValid = true;
        Status status = Status.OK;
        /** A family's address by its name ({@link Households}): links only records with agreeing names. */
        final boolean family;

        Val(String key) {
            this.key = key;
            this.family = key.startsWith("email:") && Households.isFamilyAddress(key);
        }

        int docCount() {
            return only != null ? Math.min(STATS_CAP, only.docs.length) : docs.length;
        }

        int nameCount() {
            return only != null ? (only.nameTokens.length > 0 ? 1 : 0) : names.length;
        }

        void addStats(Rec r) {
            if (only == null && docs.length == 0 && names.length == 0) {
                // nothing counted yet (or only records without documents or names): r's alone
                only = r;
                return;
            }
            if (only != null) {
                Rec first = only;
                only = null;
                addToArrays(first);
            }
            addToArrays(r);
        }

        private void addToArrays(Rec r) {
            for (String d : r.docs) {
                docs = addDistinct(docs, d);
            }
            if (r.nameTokens.length > 0) {
                names = addDistinctName(names, r.nameTokens);
            }
        }

        private static String[] addDistinct(String[] arr, String v) {
            if (arr.length >= STATS_CAP) {
                return arr;
            }
            for (String x : arr) {
                if (x.equals(v)) {
                    return arr;
                }
            }
            String[] out = Arrays.copyOf(arr, arr.length + 1);
            out[arr.length] = v;
            return out;
        }

        private static String[][] addDistinctName(String[][] arr, String[] name) {
            if (arr.length >= STATS_CAP) {
                return arr;
            }
            for (String[] x : arr) {
                if (Arrays.equals(x, name)) {
                    return arr;
                }
            }
            String[][] out = Arrays.copyOf(arr, arr.length + 1);
            out[arr.length] = name;
            return out;
        }

        void resetStats() {
            only = null;
            docs = NONE;
            names = NO_NAMES;
            statsValid = false;
        }
    }
}
