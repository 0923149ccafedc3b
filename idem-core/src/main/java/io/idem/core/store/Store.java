package io.idem.core.store;

import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Durable storage of records (the truth) and of the derived profile assignment. Every backend
 * passes the same contract test suite. Implementations are safe for use by one writer thread and
 * concurrent readers.
 */
public interface Store extends AutoCloseable {

    /** Applies a change set atomically; when this returns the changes survive a crash. */
    void apply(ChangeSet changes);

    /**
     * Applies change sets in order, as {@link #apply} one after another would, but atomically and
     * durably as one: when this returns all of them survive a crash; when it throws, none was
     * applied. (The API's group commit writes every call resolved during the previous commit
     * with one of these: one fsync for all.)
     */
    void applyAll(List<ChangeSet> changes);

    /**
     * Applies a change set inside a transaction left open for the ones that follow: atomic with
     * them, and durable only once the next {@link #apply} or {@link #applyAll} returns (which
     * commits it too). A crash before that loses the open change sets together, never part of
     * one. A bulk load uses it to commit less often: every commit of a large store rewrites the
     * index pages the change sets since the previous one touched. Default: {@link #apply}.
     */
    default void applyOpen(ChangeSet changes) {
        apply(changes);
    }

    /**
     * Announces a load large compared with what is stored: a backend may stop maintaining
     * secondary indexes until {@link #endBulk()} rebuilds them in one pass. Lookups stay correct
     * meanwhile, only slower; a backend opened after a crash mid-bulk rebuilds what is missing.
     */
    default void beginBulk() {
    }

    /** Ends a bulk load: secondary indexes are complete and durable when this returns. */
    default void endBulk() {
    }

    /** Streams every record with its profile, ordered by source then record id. */
    void scan(Consumer<StoredRecord> sink);

    /**
     * Streams the resolution keys of every record, for loading the engine, in the order the records
     * were first written (a rewrite keeps a record's place): the engine estimates {@code m} on the
     * first records to arrive.
     */
    void scanKeys(Consumer<KeyedRecord> sink);

    /** Streams every merged-away profile id with the id that absorbed it. */
    void scanAliases(BiConsumer<String, String> sink);

    Optional<StoredRecord> record(RecordKey key);

    /** Records of a profile, ordered by key; empty when the id is unknown or merged away. */
    List<StoredRecord> recordsOfProfile(String profileId);

    /** Keys of the records carrying a normalised identifier, ordered. */
    List<RecordKey> recordsWithIdentifier(Identifier identifier);

    /**
     * The profiles of the records carrying a normalised identifier, ordered, without duplicates: what
     * a lookup by identifier needs. A backend may answer in one read instead of one per record.
     */
    default List<String> profilesWithIdentifier(Identifier identifier) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (RecordKey k : recordsWithIdentifier(identifier)) {
            record(k).ifPresent(r -> out.add(r.profileId()));
        }
        return List.copyOf(out);
    }

    /**
     * The current profile of each of {@code keys} that is stored; keys not stored are absent. What
     * counting the review queue without an engine needs (hundreds of thousands of queued pairs at a
     * million records): a backend may answer many keys per read, reading only the profile column.
     */
    default java.util.Map<RecordKey, String> profilesOf(java.util.Collection<RecordKey> keys) {
        java.util.Map<RecordKey, String> out = new java.util.HashMap<>();
        for (RecordKey k : keys) {
            record(k).ifPresent(r -> out.put(k, r.profileId()));
        }
        return out;
    }

    /**
     * The live id for a profile id, following merges: the id itself if it is live, the survivor if
     * it was merged away, empty if unknown.
     */
    Optional<String> liveProfileId(String profileId);

    /** Resolution log entries that mention a profile id, oldest first. */
    List<LogEntry> history(String profileId);

    /** Current identifier flags (quarantined / shared), ordered by identifier. */
    List<ValueFlag> flags();

    /**
     * The flags of some identifiers ({@code kind:value}), by identifier: what a profile view needs,
     * without reading (and, sealed, opening) every flag of the store.
     */
    default java.util.Map<String, ValueFlag> flagsOf(java.util.Collection<String> identifiers) {
        java.util.Map<String, ValueFlag> out = new java.util.HashMap<>();
        for (ValueFlag f : flags()) {
            if (identifiers.contains(f.identifier())) {
                out.put(f.identifier(), f);
            }
        }
        return out;
    }

    StoreStats stats();

    /**
     * Every pair review (open, accepted and rejected), ordered by id. Reviews are written through
     * {@link ChangeSet#reviews()}, upserted by id: the latest version of a pair replaces the former.
     */
    List<PairReview> reviews();

    /**
     * Every review as {@link #reviews()} gives it, but with an empty reason and in no particular
     * order: what choosing among the queued pairs needs (about 200,000 at a million records, most of
     * them joined since by other evidence), without opening each sealed reason or sorting.
     * {@link #reviews(java.util.Collection)} then reads the chosen ones whole.
     */
    default List<PairReview> reviewHeads() {
        return reviews();
    }

    /** The reviews with these ids, whole, ordered by id; unknown ids are left out. */
    default List<PairReview> reviews(java.util.Collection<String> ids) {
        java.util.Set<String> wanted = new java.util.HashSet<>(ids);
        return reviews().stream().filter(r -> wanted.contains(r.id())).toList();
    }

    /**
     * The reviews a person decided (accepted or rejected), as {@link #reviews()} orders them: what
     * the engine loads at start. At a million records the queue holds about 200,000 undecided
     * pairs, whose reasons a backend need not read and open for this.
     */
    default List<PairReview> decidedReviews() {
        return reviews().stream().filter(PairReview::decided).toList();
    }

    /** How many profiles were merged away ({@link StoreStats#mergedAway()}), without the rest of {@link #stats()}. */
    default long mergedAwayCount() {
        return stats().mergedAway();
    }

    /** How many records are stored; a backend may count without the rest of {@link #stats()}. */
    default long recordCount() {
        return stats().records();
    }

    /**
     * The right to erasure: deletes what {@code erasure} names, applies {@code after} (the
     * re-partition of the records that remain) and stores the suppression hashes, in one
     * transaction. When this returns no erased value is left in the store's files that the backend
     * can reach (an embedded store overwrites freed space and truncates its log).
     */
    void erase(Erasure erasure, ChangeSet after);

    /** Streams every suppression hash (hex) written by {@link #erase}. */
    void scanSuppressions(Consumer<String> sink);

    /**
     * The store's own 32-byte secret for suppression hashes, created on the first call and the same
     * ever after (for an embedded store a file readable by its owner only, beside the database).
     */
    byte[] erasureSecret();

    /**
     * Key rotation: a new key becomes current, every sealed value is re-encrypted under it and the
     * identifier index rebuilt with it, atomically; with {@code retireOld} the older keys are then
     * removed from where the store keeps them. Run it with no other process using the store.
     */
    KeyRotation rotateKeys(boolean retireOld);

    /** Stores an API key (by hash); a key with the same hash is replaced. */
    void putApiKey(ApiKey key);

    /** The API key whose secret hashes to {@code hash}, if any. */
    Optional<ApiKey> apiKey(String hash);

    /**
     * Runs one resolve-and-write step exclusively among every process that shares this store. Before
     * the step, {@code feed} receives what other processes committed since this one last caught up,
     * so the caller's in-memory state matches the store when the step resolves. A store only one
     * process can open runs the step directly, which is what this default does.
     */
    default <T> T exclusive(ChangeFeed feed, Supplier<T> step) {
        return step.get();
    }

    /**
     * Gauges the backend reports about itself, by name (exported as {@code idem_store_NAME}), such
     * as how far the embedded store's SQLite is behind its journal. None by default.
     */
    default java.util.Map<String, java.util.function.LongSupplier> gauges() {
        return java.util.Map.of();
    }

    /**
     * Runs {@code read} (which reads this store) on the calling thread, unless one of its reads would
     * have to wait for writes this store acknowledged and cannot show yet: then that read throws
     * {@link io.idem.core.IdemException.WouldWait} instead of waiting, and this returns {@code false}
     * so the caller can run {@code read} again where waiting is fine. A thread that must stay
     * responsive (the HTTP front's selector) answers lookups this way. Stores whose reads never wait
     * just run it.
     */
    default boolean readWithoutWaiting(Runnable read) {
        read.run();
        return true;
    }

    /**
     * Whether other processes may write to this store at the same time (then every write is
     * resolved and written under {@link #exclusive}, one at a time); an embedded store is opened by
     * one process.
     */
    default boolean sharedAcrossProcesses() {
        return false;
    }

    @Override
    void close();
}
