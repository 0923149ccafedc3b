package io.idem.store.sqlite;

import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.LogEntry;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the journal acknowledged and SQLite does not hold yet, indexed the way the store's reads
 * look things up (record key, profile, identifier, flag, log, aliases), so that a read sees every
 * acknowledged write at once instead of waiting for the applier to reach it.
 *
 * <p>A read first reads SQLite in one transaction, together with the journal entry SQLite holds
 * ({@code s}); then asks this overlay for what was accepted after {@code s}, and lays it over what
 * SQLite answered. The overlay forgets an entry once SQLite holds it ({@link #prune}); if it has
 * forgotten entries after {@code s} by the time the read asks (the applier committed in between),
 * it answers {@code null} and the read starts again on a newer SQLite. Every question it answers
 * therefore covers everything accepted after {@code s}: the result is exactly the state after the
 * last entry the overlay held, never a mix that misses an acknowledged write.
 *
 * <p>Only keys and profile ids stay in the overlay's maps; a record's content stays in the journal
 * entry's encoded bytes (which the applier keeps anyway) and is decoded when a read needs it, so
 * what the overlay keeps alive across young collections is small. Thread-safe (one monitor; every
 * method is short).
 */
final class PendingOverlay {

    /** A record's content: change set {@code index} of an encoded journal entry. */
    record Content(byte[] entry, int index) {
        /** The record as that change set wrote it, decoding each entry once per {@code decoded}. */
        StoredRecord open(RecordKey key, Map<byte[], List<ChangeSet>> decoded) {
            ChangeSet c = decoded.computeIfAbsent(entry, ChangeSetCodec::decode).get(index);
            StoredRecord found = null;
            for (List<StoredRecord> rs : List.of(c.records(), c.replacements())) {
                for (StoredRecord r : rs) {
                    if (r.record().key().equals(key)) {
                        found = r; // a later one in the same change set wins, as in SQLite
                    }
                }
            }
            if (found == null) {
                throw new IllegalStateException("journal entry holds no record " + key);
            }
            return found;
        }
    }

    /**
     * A record's latest accepted state: its content ({@code null}: the content SQLite holds, only
     * its profile changed) and profile; {@code identifiers} are those of {@code content}.
     */
    record State(long seq, Content content, String profileId, Identifier[] identifiers) {
        boolean carries(Identifier identifier) {
            for (Identifier i : identifiers) {
                if (i.equals(identifier)) {
                    return true;
                }
            }
            return false;
        }

        /** The record in this state; {@code stored} is SQLite's version, needed when content is null. */
        StoredRecord apply(RecordKey key, StoredRecord stored, Map<byte[], List<ChangeSet>> decoded) {
            if (content != null) {
                return new StoredRecord(content.open(key, decoded).record(), profileId);
            }
            if (stored == null) {
                throw new IllegalStateException("record " + key + " moved before it was stored");
            }
            return new StoredRecord(stored.record(), profileId);
        }
    }

    private record Tagged<T>(long seq, T value) {
    }

    /** What one journal entry touched, to forget it once SQLite holds the entry. */
    private record Touch(long seq, RecordKey[] keys, String[] flags) {
    }

    private static final Identifier[] NONE = new Identifier[0];
    /** Each record's latest pending state. */
    private final HashMap<RecordKey, State> records = new HashMap<>();
    /**
     * The keys of {@link #records} by profile id (a String) and by identifier (an
     * {@link Identifier}): one {@link RecordKey}, or a {@code RecordKey[]} for several. Kept this
     * light on purpose: a set per profile and identifier (what an index usually is) lives until
     * SQLite catches up, and added about a tenth to the young collections' pauses at 5,000 identify
     * calls/s; scanning {@link #records} instead made each lookup under load hold this monitor
     * for as long as the backlog is long.
     */
    private final HashMap<Object, Object> index = new HashMap<>();
    private final HashMap<String, Tagged<ValueFlag>> flags = new HashMap<>();
    private final ArrayDeque<Tagged<LogEntry>> log = new ArrayDeque<>();
    /** Per change set with aliases: its (merged-away id, survivor) pairs, survivors followed inside it. */
    private final ArrayDeque<Tagged<List<String[]>>> aliases = new ArrayDeque<>();
    private final ArrayDeque<Touch> touches = new ArrayDeque<>();
    private volatile long prunedThrough;
    private volatile boolean empty = true;

    /** Whether nothing is waiting: a read then needs no overlay at all. */
    boolean isEmpty() {
        return empty;
    }

    /** Adds journal entry {@code seq}, whose change sets are encoded as {@code entry}. */
    synchronized void add(long seq, byte[] entry, List<ChangeSet> changes) {
        List<RecordKey> keys = new ArrayList<>();
        List<String> flagged = new ArrayList<>(0);
        for (int i = 0; i < changes.size(); i++) {
            ChangeSet c = changes.get(i);
            Content content = new Content(entry, i);
            for (List<StoredRecord> rs : List.of(c.records(), c.replacements())) {
                for (StoredRecord r : rs) {
                    put(r.record().key(), new State(seq, content, r.profileId(),
                            r.record().identifiers().toArray(NONE)), keys);
                }
            }
            c.moves().forEach((k, p) -> {
                State prev = records.get(k);
                put(k, prev == null ? new State(seq, null, p, NONE) : new State(seq, prev.content(), p, prev.identifiers()),
                        keys);
            });
            if (!c.aliases().isEmpty()) {
                List<String[]> pairs = new ArrayList<>();
                c.aliases().forEach((from, to) -> pairs.add(new String[] {from, SqliteStore.liveTarget(to, c.aliases())}));
                aliases.add(new Tagged<>(seq, pairs));
            }
            for (LogEntry l : c.log()) {
                log.add(new Tagged<>(seq, l));
            }
            for (ValueFlag f : c.flags()) {
                flags.put(f.identifier(), new Tagged<>(seq, f));
                flagged.add(f.identifier());
            }
        }
        touches.add(new Touch(seq, keys.toArray(new RecordKey[0]), flagged.toArray(new String[0])));
        empty = false;
    }

    private void put(RecordKey k, State s, List<RecordKey> keys) {
        State old = records.put(k, s);
        if (old != null) {
            unindex(k, old);
        }
        index(s.profileId(), k);
        for (Identifier i : s.identifiers()) {
            index(i, k);
        }
        keys.add(k);
    }

    private void unindex(RecordKey k, State s) {
        unindex(s.profileId(), k);
        for (Identifier i : s.identifiers()) {
            unindex(i, k);
        }
    }

    private void index(Object at, RecordKey k) {
        Object v = index.get(at);
        if (v == null) {
            index.put(at, k);
        } else if (v instanceof RecordKey one) {
            if (!one.equals(k)) {
                index.put(at, new RecordKey[] {one, k});
            }
        } else {
            RecordKey[] many = (RecordKey[]) v;
            for (RecordKey m : many) {
                if (m.equals(k)) {
                    return;
                }
            }
            RecordKey[] more = java.util.Arrays.copyOf(many, many.length + 1);
            more[many.length] = k;
            index.put(at, more);
        }
    }

    private void unindex(Object at, RecordKey k) {
        Object v = index.get(at);
        if (v instanceof RecordKey one) {
            if (one.equals(k)) {
                index.remove(at);
            }
        } else if (v != null) {
            RecordKey[] many = (RecordKey[]) v;
            int n = 0;
            RecordKey[] fewer = new RecordKey[many.length];
            for (RecordKey m : many) {
                if (!m.equals(k)) {
                    fewer[n++] = m;
                }
            }
            if (n == many.length) {
                return;
            }
            index.put(at, n == 1 ? fewer[0] : java.util.Arrays.copyOf(fewer, n));
        }
    }

    private void keepIndexed(Object at, long s, Map<RecordKey, State> out) {
        Object v = at == null ? null : index.get(at);
        if (v instanceof RecordKey one) {
            keep(one, s, out);
        } else if (v != null) {
            for (RecordKey k : (RecordKey[]) v) {
                keep(k, s, out);
            }
        }
    }

    private void keep(RecordKey k, long s, Map<RecordKey, State> out) {
        State st = records.get(k);
        if (st != null && st.seq() > s) {
            out.put(k, st);
        }
    }

    /** Forgets what SQLite now holds: every entry up to {@code applied}. */
    synchronized void prune(long applied) {
        while (!touches.isEmpty() && touches.peek().seq() <= applied) {
            Touch t = touches.poll();
            for (RecordKey k : t.keys()) {
                State s = records.get(k);
                if (s != null && s.seq() <= applied) {
                    records.remove(k);
                    unindex(k, s);
                }
            }
            for (String f : t.flags()) {
                Tagged<ValueFlag> v = flags.get(f);
                if (v != null && v.seq() <= applied) {
                    flags.remove(f);
                }
            }
        }
        while (!log.isEmpty() && log.peek().seq() <= applied) {
            log.poll();
        }
        while (!aliases.isEmpty() && aliases.peek().seq() <= applied) {
            aliases.poll();
        }
        prunedThrough = Math.max(prunedThrough, applied);
        empty = touches.isEmpty();
    }

    /**
     * The latest states, accepted after {@code s}, of the records among {@code keys}, of those now in
     * profile {@code profileId} and of those now carrying identifier {@code identifier} (either may
     * be null); throws {@link Stale} when the overlay no longer covers everything after {@code s}.
     */
    synchronized Map<RecordKey, State> states(Collection<RecordKey> keys, String profileId, Identifier identifier, long s) {
        covers(s);
        Map<RecordKey, State> out = new HashMap<>();
        for (RecordKey k : keys) {
            keep(k, s, out);
        }
        keepIndexed(profileId, s, out);
        keepIndexed(identifier, s, out);
        return used(out, !out.isEmpty());
    }

    /** Log entries accepted after {@code s} that mention {@code profileId}, in order; {@link Stale} as above. */
    synchronized List<LogEntry> log(String profileId, long s) {
        covers(s);
        List<LogEntry> out = new ArrayList<>();
        for (Tagged<LogEntry> t : log) {
            if (t.seq() > s && (t.value().profileId().equals(profileId) || t.value().otherId().equals(profileId))) {
                out.add(t.value());
            }
        }
        return used(out, !out.isEmpty());
    }

    /**
     * Flags accepted after {@code s} for some identifiers, by identifier (status {@code ok}: the
     * flag was lifted); {@link Stale} as above.
     */
    synchronized Map<String, ValueFlag> flags(Collection<String> identifiers, long s) {
        covers(s);
        Map<String, ValueFlag> out = new HashMap<>();
        for (String i : identifiers) {
            Tagged<ValueFlag> t = flags.get(i);
            if (t != null && t.seq() > s) {
                out.put(i, t.value());
            }
        }
        return used(out, !out.isEmpty());
    }

    /**
     * Where {@code profileId} points after the alias changes accepted after {@code s}, given where it
     * pointed in SQLite ({@code stored}, null: not merged away), replaying them as SQLite applies a
     * change set's aliases (every pair, then the re-pointing of chains, then the survivors revived).
     * Returns {@code null} when it is not merged away; throws {@link Stale} when the overlay no
     * longer covers everything after {@code s}.
     */
    synchronized String aliasOf(String profileId, String stored, long s) {
        covers(s);
        String cur = stored;
        for (Tagged<List<String[]>> t : aliases) {
            if (t.seq() <= s) {
                continue;
            }
            boolean touches = false;
            for (String[] pair : t.value()) {
                if (pair[0].equals(profileId)) {
                    cur = pair[1];
                    touches = true;
                }
            }
            for (String[] pair : t.value()) {
                if (pair[0].equals(cur)) {
                    cur = pair[1];
                    touches = true;
                }
            }
            for (String[] pair : t.value()) {
                if (pair[1].equals(profileId)) {
                    cur = null;
                    touches = true;
                }
            }
            used(null, touches);
        }
        return cur;
    }

    /** The entries SQLite held when the overlay last forgot some: a lower bound of what it holds now. */
    long prunedThrough() {
        return prunedThrough;
    }

    /**
     * Set on the reading thread when an answer of the overlay changes what SQLite said (see
     * {@link SqliteStore}'s optimistic reads): a read that none changed needs no snapshot.
     */
    private static final ThreadLocal<boolean[]> USED = new ThreadLocal<>();

    /** Starts noting, on this thread, whether the overlay changed an answer. */
    static boolean[] track() {
        boolean[] flag = {false};
        USED.set(flag);
        return flag;
    }

    static void untrack() {
        USED.remove();
    }

    private static <T> T used(T out, boolean changed) {
        boolean[] flag = USED.get();
        if (changed && flag != null) {
            flag[0] = true;
        }
        return out;
    }

    private void covers(long s) {
        if (prunedThrough > s) {
            throw new Stale();
        }
    }

    /** The overlay no longer covers what the read needs: read again. */
    static final class Stale extends RuntimeException {
        Stale() {
            super(null, null, false, false);
        }
    }

    /** Decoded journal entries for one read, by identity of their encoded bytes. */
    static Map<byte[], List<ChangeSet>> decodedCache() {
        return new IdentityHashMap<>();
    }

    /** Pending sizes, for tests and gauges: records with a pending state. */
    synchronized int records() {
        return records.size();
    }
}
