package io.idem.store.sqlite;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ApiKey;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.Erasure;
import io.idem.core.privacy.AtRest;
import io.idem.core.privacy.KeyFile;
import io.idem.core.privacy.Keyring;
import io.idem.core.store.KeyRotation;
import io.idem.core.store.Hashes;
import io.idem.core.store.ImportRun;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.LogEntry;
import io.idem.core.store.PairReview;
import io.idem.core.store.RecordCodec;
import io.idem.core.store.SqlStats;
import io.idem.core.store.Store;
import io.idem.core.store.StoreStats;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The embedded store: one SQLite database file {@code idem.db} in the data directory, in WAL mode
 * with {@code synchronous=FULL}, so every committed change set is on disk (fsync of the WAL) before
 * {@link #apply} returns, and a killed process leaves the last committed state.
 *
 * <p>Opened with {@link #openJournaled} (the API server), a change set is durable once appended to
 * the store's {@link Journal} and fsynced there; one thread ("idem-sqlite-apply") then writes what
 * the journal accepted into SQLite, many calls a transaction. A reader never misses an
 * acknowledged write: the reads that serve calls lay what SQLite does not hold yet over its answer
 * ({@link PendingOverlay}); whole-store reads (statistics, scans, every flag, the review queue)
 * wait until SQLite holds everything accepted before they started. On open, entries the journal
 * holds beyond what SQLite applied (a crash) are applied first.
 *
 * <p>Writes go through one connection, serialised by this object's monitor; reads use a pool of
 * read connections.
 */
public final class SqliteStore implements Store {
    /** 1: plaintext records and unkeyed index; 2: sealed records, keyed index (migrated on open). */
    static final int SCHEMA_VERSION = 2;

    private final Connection conn;
    private final Path file;
    private static final int READERS = 4;
    private final java.util.concurrent.BlockingQueue<Connection> readers =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.List<Connection> allReaders = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int openReaders;
    /**
     * Each read connection's prepared statements, by SQL (a connection serves one thread at a time):
     * preparing was a good share of a short read such as a profile lookup's.
     */
    private final Map<Connection, Map<String, PreparedStatement>> prepared =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PREPARED_PER_READER = 64;
    private long nextId;
    private static final boolean TRACE = System.getenv("IDEM_TRACE") != null;
    private final Map<String, PreparedStatement> writeStatements = new java.util.HashMap<>();
    private long idNanos;

    private final Path keyFile;
    private AtRest atRest;

    /** The journal of {@link #openJournaled}, else {@code null}. */
    private Journal journal;
    /** Serialises journal appends with their place in {@link #toApply}, so both are in order. */
    private final Object appendLock = new Object();
    /**
     * A journal entry waiting for the applier, kept encoded: one array instead of the change sets'
     * object graph, which would otherwise outlive a young collection and be copied by it.
     */
    private record Accepted(long seq, byte[] encoded, int count) {
    }
    private final java.util.concurrent.ConcurrentLinkedQueue<Accepted> toApply =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The last journal entry appended, and the last one SQLite holds (committed). */
    private volatile long acceptedSeq;
    private volatile long appliedSeq;
    /** When the last entry was accepted ({@link System#nanoTime}). */
    private volatile long lastAccept;
    private final Object appliedMonitor = new Object();
    private volatile RuntimeException applyFailure;
    private volatile boolean applying;
    private Thread applier;
    /** Change sets per SQLite transaction of the applier at most (a backlog is written in parts). */
    private static final int APPLY_BATCH = 4096;
    private static final long READ_WAIT_MILLIS = 30_000;
    /** Tests: the applier leaves accepted change sets in the journal (see {@link #holdApplier}). */
    private volatile boolean held;

    private SqliteStore(Connection conn, Path file, Path keyFile) {
        this.conn = conn;
        this.file = file;
        this.keyFile = keyFile;
    }

    /**
     * Opens (creating if needed) the store in a data directory. Its keys come from the file named
     * by {@code IDEM_KEY_FILE}, else from {@code DATA/idem.keys} (created on first use).
     */
    public static SqliteStore open(Path dataDir) {
        return open(dataDir, KeyFile.fromEnvironment().orElse(dataDir.resolve("idem.keys")));
    }

    /**
     * Opens the store in a data directory with its keys in {@code keyFile} (created if missing), for
     * a process that writes: it holds the directory until {@link #close}, so a server or another
     * writing command cannot start on it meanwhile, and it is refused while one of them runs (each
     * process keeps its own picture of the records in memory, and two would write profiles and
     * record ids the other does not know).
     */
    public static SqliteStore open(Path dataDir, Path keyFile) {
        return open(dataDir, keyFile, Mode.WRITE);
    }

    /**
     * Opens the store in a data directory for reading, beside a server or a command that writes
     * (exports, lookups, stats): what it reads is what SQLite holds, up to the last commit (a
     * server's newest calls may still be in its journal).
     */
    public static SqliteStore openForReading(Path dataDir) {
        if (!Files.isRegularFile(dataDir.resolve("idem.db"))) {
            // a mistyped --data, or ./idem-data from another directory: say so, rather than answer
            // "0 records" from an empty store made on the spot (with a new key file)
            throw new IdemException.Configuration("no idem data in " + dataDir.toAbsolutePath()
                    + (Files.isDirectory(dataDir) ? " (the directory holds no idem.db)" : " (no such directory)")
                    + ": give the data directory with --data DIR, or import into it first");
        }
        return openBeside(dataDir);
    }

    /**
     * {@link #openForReading}, creating the store when there is none: for what is written beside a
     * server without touching what it holds in memory (an API key before the first start).
     */
    public static SqliteStore openBeside(Path dataDir) {
        return open(dataDir, KeyFile.fromEnvironment().orElse(dataDir.resolve("idem.keys")), Mode.READ);
    }

    /** How a process uses the directory: reads beside others, writes alone, or serves alone with a journal. */
    private enum Mode { READ, WRITE, SERVE }

    /**
     * Opens the store for a long-running writer (the API server): change sets are acknowledged
     * once in the journal (see the class comment). Only one process may hold a data directory
     * this way; a second one is refused.
     */
    public static SqliteStore openJournaled(Path dataDir) {
        return open(dataDir, KeyFile.fromEnvironment().orElse(dataDir.resolve("idem.keys")), Mode.SERVE);
    }

    private static SqliteStore open(Path dataDir, Path keyFile, Mode mode) {
        boolean journaled = mode == Mode.SERVE;
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new IdemException.Configuration(dataDir + " is a file, not a data directory: give a directory with"
                    + " --data DIR");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IdemException.Storage("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve("idem.db");
        Journal held = null;
        if (mode != Mode.READ) {
            // taken before anything is read: the next record id, the journal to replay
            boolean[] heldHere = new boolean[1];
            held = Journal.tryOpen(dataDir.resolve("journal"), heldHere);
            if (held == null && (journaled || !heldHere[0])) {
                throw new IdemException.Configuration(dataDir + " is in use by another idem process (a running"
                        + " `idem serve`, or a command that writes: import, rematch, reprocess, review decisions,"
                        + " split, merge, erase, keys rotate); wait for it to end or stop it. A running server takes"
                        + " rows through its API (POST /v1/batch). Commands that only read (export, profile, stats,"
                        + " history, review list, explain) work beside it");
            }
        }
        try {
            SqliteNative.prepare();
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA cache_size=-262144");
                s.execute("PRAGMA temp_store=MEMORY");
                s.execute("PRAGMA busy_timeout=10000");
            }
            c.setAutoCommit(false);
            SqliteStore store = new SqliteStore(c, file, keyFile);
            if (!Files.exists(keyFile) && store.sealed()) {
                c.close();
                throw new IdemException.Configuration(file + " is encrypted, but its key file " + keyFile
                        + " does not exist: set " + KeyFile.ENV + " to the key file it was written with");
            }
            store.migrate(KeyFile.loadOrCreate(keyFile));
            store.query("SELECT COALESCE(MAX(id), 0) + 1 FROM records", ps -> { }, rs -> store.nextId = rs.getLong(1));
            if (!journaled && BACKGROUND_CHECKPOINT) {
                store.startCheckpointer();
            }
            try {
                Journal j = held;
                held = null; // recover owns it now
                store.recover(dataDir.resolve("journal"), journaled, j);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (SQLException e) {
            throw new IdemException.Storage("cannot open " + file + ": " + e.getMessage(), e);
        } finally {
            if (held != null) {
                held.release();
            }
        }
    }

    private void migrate(Keyring keyring) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            // records by rowid; the (source, record_id) lookup goes through a 64-bit hash index
            // (integer B-trees insert several times faster than text ones), checked against the text
            s.execute("CREATE TABLE IF NOT EXISTS records(id INTEGER PRIMARY KEY, key_hash INTEGER NOT NULL,"
                    + " source TEXT NOT NULL, record_id TEXT NOT NULL, profile_id TEXT NOT NULL,"
                    + " profile_hash INTEGER NOT NULL, ingested_at INTEGER NOT NULL,"
                    + " keys TEXT NOT NULL, fields TEXT NOT NULL, links TEXT)");
            addLinksColumn(s);
            s.execute("CREATE INDEX IF NOT EXISTS records_key ON records(key_hash)");
            createSecondaryIndexes(s);
            // identifier index: hash of kind:value -> record id; no raw identifier is stored here
            s.execute("CREATE TABLE IF NOT EXISTS identifiers(h INTEGER NOT NULL, rec INTEGER NOT NULL)");
            createSecondaryIndexes(s);
            s.execute("CREATE TABLE IF NOT EXISTS aliases(old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS aliases_new ON aliases(new_id)");
            s.execute("CREATE TABLE IF NOT EXISTS log(seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
                    + " action TEXT NOT NULL, profile_id TEXT NOT NULL, other_id TEXT NOT NULL,"
                    + " reason TEXT NOT NULL, actor TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS log_profile ON log(profile_id)");
            s.execute("CREATE INDEX IF NOT EXISTS log_other ON log(other_id)");
            // flags by keyed hash; the identifier itself and the reason are sealed
            s.execute("CREATE TABLE IF NOT EXISTS flags(tag TEXT PRIMARY KEY, identifier TEXT NOT NULL,"
                    + " status TEXT NOT NULL, reason TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS imports(id TEXT PRIMARY KEY, source TEXT NOT NULL,"
                    + " file TEXT NOT NULL, started_at INTEGER NOT NULL, finished_at INTEGER NOT NULL,"
                    + " status TEXT NOT NULL, rows_read INTEGER NOT NULL, records_new INTEGER NOT NULL,"
                    + " records_updated INTEGER NOT NULL, records_unchanged INTEGER NOT NULL,"
                    + " profiles_created INTEGER NOT NULL, profiles_merged INTEGER NOT NULL,"
                    + " identifiers_quarantined INTEGER NOT NULL, rows_rejected INTEGER NOT NULL,"
                    + " reject_file TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS api_keys(hash TEXT PRIMARY KEY, name TEXT NOT NULL,"
                    + " scope TEXT NOT NULL, source TEXT NOT NULL, created_at INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS reviews(id TEXT PRIMARY KEY, a_source TEXT NOT NULL,"
                    + " a_id TEXT NOT NULL, b_source TEXT NOT NULL, b_id TEXT NOT NULL, score REAL NOT NULL,"
                    + " reason TEXT NOT NULL, status TEXT NOT NULL, at INTEGER NOT NULL)");
            // keyed hashes of erased people's identifiers (see erase); no raw value
            s.execute("CREATE TABLE IF NOT EXISTS suppressions(hash TEXT PRIMARY KEY)");
            int version = SCHEMA_VERSION;
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key='schema'")) {
                if (rs.next()) {
                    version = Integer.parseInt(rs.getString(1));
                    if (version > SCHEMA_VERSION) {
                        throw new IdemException.Storage(file + " has schema version " + version
                                + ", newer than this idem (" + SCHEMA_VERSION + ")", null);
                    }
                } else {
                    s.execute("INSERT INTO meta(key, value) VALUES ('schema', '" + SCHEMA_VERSION + "')");
                    s.execute("INSERT INTO meta(key, value) VALUES ('index_key', '" + AtRest.current(keyring).indexStamp() + "')");
                }
            }
            if (version < 2) {
                // a store written before encryption at rest: seal it in place, in this transaction,
                // then compact the file so no page of the plaintext remains
                atRest = AtRest.current(keyring);
                sealLegacy(s);
                commitConn();
                compact();
            } else {
                String stamp = keyring.currentVersion();
                try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key='index_key'")) {
                    if (rs.next()) {
                        stamp = rs.getString(1);
                    }
                }
                atRest = AtRest.forStamp(keyring, stamp, file.toString(), keyFile.toString());
            }
        }
        commitConn();
    }

    /** Whether this database already holds sealed data (schema 2 or later). */
    private boolean sealed() throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT value FROM meta WHERE key='schema' AND EXISTS (SELECT 1 FROM sqlite_master WHERE name='meta')")) {
            return rs.next() && Integer.parseInt(rs.getString(1)) >= 2;
        } catch (SQLException e) {
            return false; // no meta table yet: a new store
        }
    }

    /**
     * Applies what the journal holds beyond SQLite's last applied entry (a crash left it there),
     * then empties it; keeps it, and starts the applier, for a journaled store. A journal another
     * process holds (a server running on this directory) is left to that process.
     */
    private void recover(Path dir, boolean journaled, Journal held) {
        if (held == null && !journaled && !Files.isDirectory(dir)) {
            return;
        }
        Journal j = held != null ? held : Journal.tryOpen(dir);
        if (j == null) {
            if (journaled) {
                throw new IdemException.Configuration("another idem process is serving " + dir.getParent()
                        + " (its journal is locked); stop it first");
            }
            return; // that process applies its own journal
        }
        try {
            long applied = appliedMark();
            List<Journal.Entry> entries = j.read(applied);
            List<ChangeSet> batch = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Journal.Entry e = entries.get(i);
                batch.addAll(ChangeSetCodec.decode(atRest.openBytes(e.payload())));
                if (batch.size() >= APPLY_BATCH || i == entries.size() - 1) {
                    writeApplied(batch, e.seq());
                    applied = e.seq();
                    batch.clear();
                }
            }
            if (j.hadEntries()) {
                // a process stopped without closing the store (a crash): say what was recovered
                System.err.println("idem: the journal of " + dir.getParent() + " held " + entries.size()
                        + " acknowledged change set group(s) SQLite did not have yet; applied");
            }
            if (!journaled) {
                // everything is in SQLite now: the segments go, and none is prepared (a server's
                // are 16 MB of zeros each, written and synced; a command never appends to them)
                j.discardSegments();
            } else {
                j.start(applied);
                acceptedSeq = j.lastSeq();
                appliedSeq = acceptedSeq;
            }
        } catch (RuntimeException e) {
            j.release();
            throw e;
        }
        if (!journaled) {
            if (held != null) {
                writerLock = j;
            } else {
                j.release();
            }
            return;
        }
        journal = j;
        try {
            // the applier's commits need no fsync of their own: the journal holds them until
            // syncFiles has made SQLite's files durable (see applyLoop)
            conn.setAutoCommit(true);
            try (Statement st = conn.createStatement()) {
                st.execute("PRAGMA synchronous=NORMAL");
            }
            conn.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IdemException.Storage("cannot configure " + file + ": " + e.getMessage(), e);
        }
        applying = true;
        applier = new Thread(this::applyLoop, "idem-sqlite-apply");
        applier.setDaemon(true);
        applier.start();
        catchUp = new Thread(this::catchUpLoop, "idem-sqlite-catchup");
        catchUp.setDaemon(true);
        catchUp.start();
    }

    /** The last journal entry SQLite holds, from {@code meta}. */
    private long appliedMark() {
        long[] out = {0};
        query("SELECT value FROM meta WHERE key='journal_applied'", ps -> { }, rs -> out[0] = Long.parseLong(rs.getString(1)),
                true);
        return out[0];
    }

    /** Writes change sets from the journal and its mark in one transaction. */
    private synchronized void writeApplied(List<ChangeSet> changes, long seq) {
        writeApplied(List.of(changes), seq, () -> false);
    }

    /** Thrown (and rolled back) when the low-priority applier gives its round up to a waiter. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    /**
     * {@code parts} are decoded one at a time, as they are written: a round of thousands of change
     * sets never holds their object graphs at once (a young collection during the round would copy
     * them all). {@code abandon} is asked between change sets: true rolls the transaction back.
     */
    private synchronized void writeApplied(Iterable<List<ChangeSet>> parts, long seq,
            java.util.function.BooleanSupplier abandon) {
        long firstId = nextId;
        try {
            for (List<ChangeSet> part : parts) {
                for (ChangeSet c : part) {
                    if (abandon.getAsBoolean()) {
                        throw new Abandoned();
                    }
                    write(c);
                }
            }
            try (PreparedStatement mark = conn.prepareStatement(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('journal_applied', ?)")) {
                mark.setString(1, Long.toString(seq));
                mark.executeUpdate();
            }
            commitConn();
        } catch (SQLException e) {
            nextId = firstId;
            rollbackQuietly();
            throw new IdemException.Storage("cannot write to " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            nextId = firstId;
            rollbackQuietly();
            throw e;
        }
    }

    /**
     * The applier thread: writes what the journal accepted into SQLite, everything waiting in one
     * transaction (up to {@link #APPLY_BATCH} change sets). A failed transaction is retried every
     * second; meanwhile reads fail with its cause, and nothing acknowledged is lost (it is in the
     * journal, and applied on the next open if not before).
     */
    private void applyLoop() {
        lowerPriority();
        while (true) {
            if (held || applierPaused || toApply.isEmpty()) {
                if (!applying) {
                    return;
                }
                if (toApply.isEmpty() && !overlay.isEmpty() && System.nanoTime() - lastAccept > 100_000_000L) {
                    overlay.prune(appliedSeq); // no call for a while: nobody waits for the monitor
                }
                java.util.concurrent.locks.LockSupport.parkNanos(this, held ? 10_000_000L : 50_000_000L);
                continue;
            }
            if (PAUSE_NANOS > 0 && waiters.get() == 0 && applying && pending.get() < APPLY_BATCH / 2) {
                long until = lastApply + PAUSE_NANOS;
                long now = System.nanoTime();
                if (now < until) {
                    java.util.concurrent.locks.LockSupport.parkNanos(this, until - now);
                    continue;
                }
            }
            lastApply = System.nanoTime();
            rounds.lock();
            try {
                if (waiters.get() == 0) {
                    // at nice 19 this thread may be kept off the CPU while it holds the round; a
                    // read or call that needs it makes it give the round up at its next change set
                    applyRound(APPLY_BATCH, () -> waiters.get() > 0);
                } else {
                    java.util.concurrent.locks.LockSupport.parkNanos(this, 1_000_000L);
                }
            } catch (RuntimeException e) {
                System.err.println("idem: cannot apply journal entries to " + file
                        + " (they are kept in the journal; retrying in 1 s): " + e.getMessage());
                java.util.concurrent.locks.LockSupport.parkNanos(this, 1_000_000_000L);
                if (!applying && Thread.interrupted()) {
                    return;
                }
                continue;
            } finally {
                rounds.unlock();
            }
            long applied = appliedSeq;
            if (applied > syncedSeq && System.nanoTime() - lastSync > SYNC_NANOS) {
                try {
                    syncFiles();
                    syncedSeq = applied;
                    journal.dropThrough(applied, false);
                } catch (RuntimeException e) {
                    System.err.println("idem: " + e.getMessage() + " (the journal keeps its entries; retrying)");
                }
            }
        }
    }

    /**
     * The catch-up thread, at the usual priority: when the low-priority applier has fallen
     * {@link #CATCH_UP_HIGH} change sets behind (a busy machine leaves a nice-19 thread no CPU), it
     * applies rounds of {@link #CATCH_UP_BATCH} until at most {@link #CATCH_UP_LOW} are left (two
     * rounds), then leaves the work to the applier again. It only keeps the backlog away from
     * {@link #MAX_BACKLOG}: each round it runs takes a core from the calls, so it does as few as
     * that needs and leaves the rest to the idle CPU the applier gets.
     * <p>
     * Without it, the bound on the backlog ({@link #MAX_BACKLOG}) made the thread accepting calls
     * apply 256 change sets before each journal group, and its wait made the applier give every
     * round up: from then on all of SQLite's work ran in small rounds on the calls' own path and
     * the server never caught up (4 of 16 runs at 5,000 identify calls/s one evening went from p99
     * 10-13 ms to 1.2-2.3 s this way). Here the catch-up works in efficient rounds, off the calls'
     * path, so the bound is a last resort again. A first version took the backlog from 4,000 down
     * to 500: two of nine runs then had seconds of 185-301 ms while it ran.
     */
    private void catchUpLoop() {
        while (applying) {
            if (held || pending.get() < CATCH_UP_HIGH) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, 10_000_000L);
                continue;
            }
            catchUps.incrementAndGet();
            waiters.incrementAndGet(); // the applier gives its round up and waits
            try {
                while (applying && !held && pending.get() > CATCH_UP_LOW) {
                    rounds.lock();
                    try {
                        applyRound(CATCH_UP_BATCH);
                    } finally {
                        rounds.unlock();
                    }
                }
            } catch (RuntimeException e) {
                // the applier reports and retries the same entries; nothing is lost (journal)
                java.util.concurrent.locks.LockSupport.parkNanos(this, 1_000_000_000L);
            } finally {
                waiters.decrementAndGet();
            }
        }
    }

    /** Change sets a catch-up transaction holds (a read that needs one waits for it, about 60 ms). */
    private static final int CATCH_UP_BATCH = 1024;
    /** See {@link #catchUpLoop}: 1.2 s of calls at 5,000/s, 0.8 s before the bound. */
    static final int CATCH_UP_HIGH = Integer.getInteger("idem.applier.catchup", 6_000);
    static final int CATCH_UP_LOW = CATCH_UP_HIGH - 2 * CATCH_UP_BATCH;
    private final java.util.concurrent.atomic.AtomicLong catchUps = new java.util.concurrent.atomic.AtomicLong();
    /** Rounds of the applier rolled back because a read or the catch-up needed the lock. */
    private final java.util.concurrent.atomic.AtomicLong abandoned = new java.util.concurrent.atomic.AtomicLong();
    private Thread catchUp;
    /** The directory's lock, held by a store opened to write ({@link #open(Path, Path)}) until it closes. */
    private Journal writerLock;

    /**
     * One transaction of accepted entries, oldest first: all of them up to {@link #APPLY_BATCH}
     * change sets, or one at a time after a failed transaction (so the entries before a failing
     * one still get in). Run by the applier, or by a read that cannot wait for it (see
     * {@link #awaitApplied}); with {@link #rounds} held. Entries leave the queue only once
     * committed, so an accepted change set is always either queued or in SQLite.
     */
    private void applyRound(int limit) {
        applyRound(limit, () -> false);
    }

    private void applyRound(int limit, java.util.function.BooleanSupplier abandon) {
        List<Accepted> batch = new ArrayList<>();
        int n = 0;
        long through = heldThrough;
        for (Accepted a : toApply) {
            if (n > 0 && (oneByOne || n + a.count() > limit) || a.seq() > through) {
                break;
            }
            batch.add(a);
            n += a.count();
        }
        if (batch.isEmpty()) {
            return;
        }
        long seq = batch.get(batch.size() - 1).seq();
        try {
            Iterable<List<ChangeSet>> parts = () -> batch.stream().map(a -> ChangeSetCodec.decode(a.encoded())).iterator();
            writeApplied(parts, seq, abandon);
            applyFailure = null;
            oneByOne = false;
        } catch (Abandoned e) {
            abandoned.incrementAndGet();
            return; // a waiter applies instead, at its own priority
        } catch (RuntimeException e) {
            applyFailure = e;
            if (batch.size() > 1 && !oneByOne) {
                oneByOne = true;
                return;
            }
            throw e;
        }
        for (int i = 0; i < batch.size(); i++) {
            toApply.poll();
        }
        pending.addAndGet(-n);
        synchronized (appliedMonitor) {
            appliedSeq = seq;
            appliedMonitor.notifyAll();
        }
        // the overlay forgets these entries on a thread at the usual priority (the next append, or
        // the applier once calls stop): pruning here held the overlay's monitor, which every append
        // and read needs, in a nice-19 thread the scheduler may keep off the CPU for milliseconds
    }

    /**
     * Between two transactions the applier waits this long (unless a read is waiting for it or
     * {@code APPLY_BATCH / 2} change sets are): larger transactions share B-tree pages. It was 20 ms
     * while a read of someone just written waited for SQLite; since reads see the journal's pending
     * writes ({@link #overlaid}) nothing waits for it, and at 5,000 identify calls/s 250 ms takes
     * the applier from 89 to 63-71 us of CPU a call (interleaved runs, BENCHMARKS.md). Longer
     * pauses (500 ms, 1 s) saved little more, with a larger overlay for reads to go through.
     */
    private static final long PAUSE_NANOS = Long.getLong("idem.applier.pause.ms", 250) * 1_000_000L;
    private long lastApply;
    private long syncedSeq;
    /** Change sets accepted and not yet applied. */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * Past this many change sets waiting (about 2 s of calls at 5,000/s), the thread accepting
     * more applies some first: SQLite's lag, the memory it holds and a read's longest wait stay
     * bounded when the machine is too busy for the low-priority applier.
     */
    private static final int MAX_BACKLOG = 10_000;
    /** Change sets a transaction applied by a read or a waiting call holds at most (a few ms). */
    private static final int HELP_BATCH = 256;
    private volatile long lastBacklogNote;
    private boolean oneByOne;
    /** Held for one {@link #applyRound}: by the applier, or by a read that applies itself. */
    private final java.util.concurrent.locks.ReentrantLock rounds = new java.util.concurrent.locks.ReentrantLock();
    /**
     * What the journal accepted and SQLite does not hold yet, laid over SQLite's answers by the
     * reads that serve calls (see {@link #overlaid}): they never wait for the applier.
     */
    private final PendingOverlay overlay = new PendingOverlay();
    private final java.util.concurrent.atomic.AtomicInteger waiters = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Asks the OS to run the calling thread (the applier) at the lowest priority (nice 19) on Linux:
     * it is background work that a read can always hurry, and on two cores it otherwise takes CPU
     * from the threads that answer calls (identify p99 at 5,000 calls/s: 12-13 ms at the usual
     * priority, 9.9-12 ms at nice 10, 9.4-10.4 ms at nice 19, single runs of a noisy machine). Best
     * effort: without {@code renice} or on another OS nothing changes.
     */
    private static final int APPLIER_NICE = Integer.getInteger("idem.applier.nice", 19);

    private static void lowerPriority() {
        try {
            Path self = Path.of("/proc/thread-self");
            if (!Files.exists(self)) {
                return;
            }
            String tid = Files.readSymbolicLink(self).getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(APPLIER_NICE), "-p", tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            // no renice here: the applier runs at the usual priority
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How often the applier makes SQLite's files durable, so applied journal segments can go. */
    private static final long SYNC_NANOS = 500_000_000L;
    private long lastSync;

    /**
     * fsyncs the database and its write-ahead log: every transaction committed before this call is
     * then on disk (with {@code synchronous=NORMAL} SQLite syncs only at checkpoints). Whatever file
     * descriptor it goes through, an fsync writes the file's dirty pages, SQLite's writes included.
     */
    private void syncFiles() {
        lastSync = System.nanoTime();
        for (Path p : List.of(file.resolveSibling(file.getFileName() + "-wal"), file)) {
            if (!Files.exists(p)) {
                continue;
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.force(false);
            } catch (IOException e) {
                throw new IdemException.Storage("cannot sync " + p + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Refuses, before anything is acknowledged, what SQLite would refuse later: replacing a record
     * that is neither stored, nor accepted and waiting, nor new earlier in the same call. (Once
     * acknowledged, a change set must apply; every other write of {@link #write} always can.)
     * Called with appends held: a record SQLite does not have yet is looked for again once the
     * applier has caught up, which then covers everything accepted (rare: a record replaced within
     * a few milliseconds of its creation).
     */
    private void checkReplacements(List<ChangeSet> changes) {
        java.util.Set<RecordKey> earlier = new java.util.HashSet<>();
        for (ChangeSet c : changes) {
            for (StoredRecord r : c.replacements()) {
                RecordKey k = r.record().key();
                if (!earlier.contains(k) && !storedNow(k) && !storedOnceCaughtUp(k)) {
                    throw new IdemException.Storage("cannot replace record " + k + ": it is not stored", null);
                }
            }
            for (StoredRecord r : c.records()) {
                earlier.add(r.record().key());
            }
        }
    }

    private boolean storedOnceCaughtUp(RecordKey k) {
        if (appliedSeq >= acceptedSeq) {
            return false;
        }
        awaitApplied();
        return storedNow(k);
    }

    /** Whether SQLite holds the record now (no wait for the applier). */
    private boolean storedNow(RecordKey k) {
        boolean[] found = {false};
        readNow("SELECT 1 FROM records WHERE key_hash=? AND source=? AND record_id=?", ps -> bindKey(ps, 1, k),
                rs -> found[0] = true);
        return found[0];
    }

    /**
     * Waits until SQLite holds every change set the journal accepted before this call: what a
     * read must see. A no-op without a journal or when caught up (the usual case of a lookup).
     */
    private void awaitApplied() {
        awaitApplied(acceptedSeq);
    }

    /**
     * Waits until SQLite holds the journal's entries up to {@code target}; in
     * {@link #readWithoutWaiting} throws {@link IdemException.WouldWait} instead.
     */
    private void awaitApplied(long target) {
        if (appliedSeq >= target || journal == null || Thread.holdsLock(this)) {
            return;
        }
        if (NO_WAIT.get() != null) {
            throw new IdemException.WouldWait();
        }
        waiters.incrementAndGet();
        try {
            long deadline = System.nanoTime() + READ_WAIT_MILLIS * 1_000_000L;
            while (appliedSeq < target) {
                // the applier runs at a low priority, and may be pausing: a read applies itself,
                // whole rounds of what is waiting, not just up to its own entry. Fewer, larger
                // transactions, and the reads queued behind it then find SQLite caught up instead
                // of each applying its own slice: at 3,000 identify + 1,000 lookups a second,
                // lookup p99 147-292 ms against 261-1,536 ms stopping at the entry (three pairs
                // of runs), the same at 1,000 + 200 (4.2 ms)
                if (!held && rounds.tryLock()) {
                    try {
                        if (appliedSeq < target) {
                            applyRound(HELP_BATCH);
                        }
                    } catch (RuntimeException e) {
                        throw new IdemException.Storage("the store " + file + " cannot catch up with its journal: "
                                + e.getMessage(), e);
                    } finally {
                        rounds.unlock();
                    }
                    continue;
                }
                synchronized (appliedMonitor) {
                    if (appliedSeq < target) {
                        appliedMonitor.wait(1);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IdemException.Storage("the store " + file + " did not catch up with its journal within "
                            + READ_WAIT_MILLIS / 1000 + " s", applyFailure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdemException.Storage("interrupted while waiting for " + file + " to catch up", e);
        } finally {
            waiters.decrementAndGet();
        }
    }

    /**
     * Whether a read must look at the journal's pending writes: only for a journaled store while
     * the journal holds entries SQLite does not. (When the overlay is empty, everything accepted
     * so far is committed in SQLite, so a read that starts now sees it.)
     */
    private boolean pendingWrites() {
        return journal != null && !overlay.isEmpty();
    }

    /**
     * Runs {@code body} inside one read transaction of SQLite, given the journal entry that
     * snapshot holds ({@code s}); {@code body} lays {@link #overlay}'s entries after {@code s} over
     * what it reads. When the applier has meanwhile committed, and the overlay forgotten, entries
     * after {@code s}, the read starts again on a newer snapshot (rare: the applier commits every
     * 20 ms or so, a read takes well under a millisecond). A read never waits for the applier:
     * before this, a lookup of someone written a moment ago waited for SQLite to reach that entry,
     * 74-702 ms at p99 while 3,000 identify calls a second merged people (BENCHMARKS.md).
     */
    private <T> T overlaid(java.util.function.LongFunction<T> body) {
        // optimistic first: SQLite read without a snapshot, against everything the overlay holds.
        // When nothing pending changes the answer and the overlay forgot nothing meanwhile (so it
        // still held every entry SQLite might not have), SQLite's answer is the latest: most reads
        // (of people no call is changing right now) end here, without BEGIN, mark and COMMIT.
        long lowest = overlay.prunedThrough();
        boolean[] used = PendingOverlay.track();
        try {
            T out = body.apply(lowest);
            if (!used[0] && overlay.prunedThrough() == lowest) {
                return out;
            }
        } catch (PendingOverlay.Stale | IllegalStateException e) {
            // the applier committed meanwhile, or SQLite's statements, each its own snapshot here,
            // did not fit together with the pending writes: read one snapshot below
        } finally {
            PendingOverlay.untrack();
        }
        for (int attempt = 0; ; attempt++) {
            Connection reader = borrowReader();
            TX.set(reader);
            boolean open = false;
            try (Statement st = reader.createStatement()) {
                st.execute("BEGIN");
                open = true;
                long[] mark = {0};
                readNow("SELECT value FROM meta WHERE key='journal_applied'", ps -> { },
                        rs -> mark[0] = Long.parseLong(rs.getString(1)));
                T out = body.apply(mark[0]);
                open = false;
                st.execute("COMMIT");
                return out;
            } catch (PendingOverlay.Stale e) {
                if (attempt > 1000) {
                    throw new IdemException.Storage("the store " + file + " could not read a consistent state", e);
                }
            } catch (SQLException e) {
                throw new IdemException.Storage("cannot read " + file + ": " + e.getMessage(), e);
            } finally {
                TX.remove();
                if (open) {
                    try (Statement st = reader.createStatement()) {
                        st.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // the read's own outcome matters more; the connection is checked on next use
                    }
                }
                readers.offer(reader);
            }
        }
    }

    /** The read connection of the {@link #overlaid} read running on this thread, if any. */
    private static final ThreadLocal<Connection> TX = new ThreadLocal<>();

    /** Set while a read runs through {@link #readWithoutWaiting} on this thread. */
    private static final ThreadLocal<Boolean> NO_WAIT = new ThreadLocal<>();

    @Override
    public boolean readWithoutWaiting(Runnable read) {
        if (journal == null || NO_WAIT.get() != null) {
            read.run();
            return true;
        }
        NO_WAIT.set(Boolean.TRUE);
        try {
            read.run();
            return true;
        } catch (IdemException.WouldWait e) {
            return false;
        } finally {
            NO_WAIT.remove();
        }
    }

    /**
     * For operations that rewrite stored data wholesale (erasure, key rotation, bulk loads): with
     * new appends held, waits until SQLite holds every accepted change set, then runs {@code step}
     * and deletes every journal segment (their entries are all in SQLite); {@code scrub}: their
     * bytes are overwritten first, so an erased person's values do not stay on disk there.
     */
    private <T> T caughtUp(boolean scrub, java.util.function.Supplier<T> step) {
        if (journal == null) {
            return step.get();
        }
        synchronized (appendLock) {
            awaitApplied();
            try {
                journal.rotate();
            } catch (IOException e) {
                throw new IdemException.Storage("cannot start a new journal segment: " + e.getMessage(), e);
            }
            T out = step.get();
            syncFiles();
            journal.dropThrough(appliedSeq, scrub);
            return out;
        }
    }

    /** Rewrites the file without free pages and empties the write-ahead log (outside a transaction). */
    private void compact() throws SQLException {
        conn.setAutoCommit(true);
        try (Statement s = conn.createStatement()) {
            s.execute("VACUUM");
            truncateWal(s);
        } finally {
            conn.setAutoCommit(false);
        }
    }

    /**
     * The engine's fuzzy match links of each record ({@link KeyedRecord#links}), added to stores
     * written before they were kept: null there, which the engine reads as "not known". Additive, so
     * the schema version stays: an older idem opening the store ignores the column.
     */
    private static void addLinksColumn(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(records)")) {
            while (rs.next()) {
                if ("links".equals(rs.getString("name"))) {
                    return;
                }
            }
        }
        s.execute("ALTER TABLE records ADD COLUMN links TEXT");
    }

    /** Schema 1 to 2: every stored value is sealed and the index rebuilt with keyed hashes. */
    private void sealLegacy(Statement s) throws SQLException {
        List<ValueFlag> legacyFlags = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT identifier, status, reason FROM flags")) {
            while (rs.next()) {
                legacyFlags.add(new ValueFlag(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        s.execute("DROP TABLE flags");
        s.execute("CREATE TABLE flags(tag TEXT PRIMARY KEY, identifier TEXT NOT NULL,"
                + " status TEXT NOT NULL, reason TEXT NOT NULL)");
        reseal(true);
        writeFlags(legacyFlags);
        s.execute("UPDATE meta SET value='" + SCHEMA_VERSION + "' WHERE key='schema'");
    }

    /**
     * Key rotation: appends a new key to the key file, re-encrypts every sealed value under it and
     * rebuilds the identifier index with it, in one transaction, then compacts the file so no page
     * written under the old key remains. A crash before the commit leaves the store under the old
     * key, which is still in the file. With {@code retireOld} the old keys are then removed from
     * the file (backups made before the rotation become unreadable with it).
     */
    @Override
    public KeyRotation rotateKeys(boolean retireOld) {
        // the journal's entries are sealed under the old key: all applied and deleted first
        return caughtUp(false, () -> rotateKeysNow(retireOld));
    }

    private synchronized KeyRotation rotateKeysNow(boolean retireOld) {
        List<String> before = atRest.keyring().versions();
        String version = KeyFile.addKey(keyFile);
        atRest = AtRest.of(Keyring.load(keyFile), atRest.indexVersion());
        long records;
        try {
            records = reseal(false);
            commitConn();
            compact();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IdemException.Storage("cannot re-encrypt " + file + " (it is unchanged, still under key "
                    + atRest.indexVersion() + "): " + e.getMessage(), e);
        }
        List<String> retired = List.of();
        if (retireOld) {
            retired = KeyFile.retireOld(keyFile);
            atRest = AtRest.current(Keyring.load(keyFile));
        }
        return new KeyRotation(before, version, records, keyFile.toString(), retired);
    }

    /**
     * Seals every stored value under the current key and rebuilds the identifier index with it,
     * inside the open transaction; {@code plain}: the values are not sealed yet (schema 1). Returns
     * the number of records rewritten.
     */
    private long reseal(boolean plain) throws SQLException {
        AtRest from = atRest;
        AtRest to = atRest.rotated();
        java.util.function.UnaryOperator<String> read = plain ? v -> v : from::open;
        List<ValueFlag> oldFlags = plain ? List.of() : flagsIn(from, false);
        long rewritten = 0;
        try (Statement s = conn.createStatement();
                PreparedStatement upd = conn.prepareStatement("UPDATE records SET keys=?, fields=? WHERE id=?");
                PreparedStatement idx = conn.prepareStatement("INSERT INTO identifiers(h, rec) VALUES (?, ?)")) {
            s.execute("DROP INDEX IF EXISTS identifiers_h");
            s.execute("DELETE FROM identifiers");
            long[] last = {0};
            while (true) {
                List<Object[]> chunk = new ArrayList<>();
                query("SELECT id, keys, fields FROM records WHERE id > ? ORDER BY id LIMIT 4096",
                        ps -> ps.setLong(1, last[0]),
                        rs -> chunk.add(new Object[] {rs.getLong(1), rs.getObject(2), rs.getObject(3)}), false);
                if (chunk.isEmpty()) {
                    break;
                }
                for (Object[] row : chunk) {
                    long id = (Long) row[0];
                    String fields = plain ? (String) row[2] : open(from, row[2]);
                    upd.setBytes(1, seal(to, plain ? (String) row[1] : open(from, row[1])));
                    upd.setBytes(2, seal(to, fields));
                    upd.setLong(3, id);
                    upd.addBatch();
                    for (Identifier identifier : new SourceRecord(new RecordKey("", ""), RecordCodec.decode(fields), 0)
                            .identifiers()) {
                        idx.setLong(1, to.index(identifier.key()));
                        idx.setLong(2, id);
                        idx.addBatch();
                    }
                    last[0] = id;
                }
                upd.executeBatch();
                idx.executeBatch();
                rewritten += chunk.size();
            }
            s.execute("CREATE INDEX IF NOT EXISTS identifiers_h ON identifiers(h, rec)");
            resealColumn("log", "seq", "reason", read, to);
            resealColumn("reviews", "id", "reason", read, to);
            s.execute("DELETE FROM flags");
            atRest = to;
            writeFlags(oldFlags);
            s.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('index_key', '" + to.indexStamp() + "')");
        } catch (SQLException | RuntimeException e) {
            atRest = from;
            throw e;
        }
        return rewritten;
    }

    private void resealColumn(String table, String key, String column, java.util.function.UnaryOperator<String> read,
            AtRest to) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        query("SELECT " + key + ", " + column + " FROM " + table, ps -> { },
                rs -> rows.add(new Object[] {rs.getObject(1), rs.getString(2)}), false);
        try (PreparedStatement upd = conn.prepareStatement("UPDATE " + table + " SET " + column + "=? WHERE "
                + key + "=?")) {
            for (Object[] row : rows) {
                upd.setString(1, to.seal(read.apply((String) row[1])));
                upd.setObject(2, row[0]);
                upd.addBatch();
            }
            upd.executeBatch();
        }
    }

    /**
     * The indexes a bulk load drops and rebuilds: identifier hash to record, and profile to
     * records. Created here at every open too, so a crash during a bulk load leaves nothing missing.
     */
    /**
     * Caps the database file at its current size plus {@code pages} pages ({@code PRAGMA
     * max_page_count}; a negative {@code pages} lifts the cap): a full disk, for tests.
     */
    void capPagesForTest(long pages) {
        rounds.lock();
        try {
            synchronized (this) {
                try (Statement s = conn.createStatement()) {
                    long count;
                    try (java.sql.ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                        count = rs.getLong(1);
                    }
                    s.execute("PRAGMA max_page_count = " + (pages < 0 ? 1_073_741_823L : count + pages));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            rounds.unlock();
        }
    }

    /**
     * The writer connection's statement for this SQL, prepared once and kept: preparing (parsing the
     * SQL against the schema) cost more than executing for the API's small commits of a few calls.
     * Not closed by its users; its pending batch is cleared here. SQLite prepares a kept statement
     * again by itself when the schema changes (bulk mode drops and rebuilds indexes).
     */
    private PreparedStatement writeStatement(String sql) throws SQLException {
        PreparedStatement ps = writeStatements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = conn.prepareStatement(sql);
            writeStatements.put(sql, ps);
        } else {
            ps.clearBatch();
        }
        return ps;
    }

    private static void createSecondaryIndexes(Statement s) throws SQLException {
        s.execute("CREATE INDEX IF NOT EXISTS records_profile ON records(profile_hash)");
        s.execute("CREATE TABLE IF NOT EXISTS identifiers(h INTEGER NOT NULL, rec INTEGER NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS identifiers_h ON identifiers(h, rec)");
    }

    @Override
    public void beginBulk() {
        caughtUp(false, () -> {
            beginBulkNow();
            return null;
        });
    }

    /**
     * Between {@link #beginBulk} and {@link #endBulk}: the identifier and profile indexes are
     * dropped. A replacement that moves identifier rows then rebuilds them first, in its own
     * transaction: each of its deletes would otherwise scan the whole identifier table (a sample of
     * 10,000 rows imported, then the whole file with their phones changed: 15 s of writer CPU for
     * 52,619 rows, and quadratic in the file).
     */
    private boolean bulk;

    private synchronized void beginBulkNow() {
        bulk = true;
        try (Statement s = conn.createStatement()) {
            s.execute("DROP INDEX IF EXISTS records_profile");
            s.execute("DROP INDEX IF EXISTS identifiers_h");
            commitConn();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IdemException.Storage("cannot prepare " + file + " for a bulk load: " + e.getMessage(), e);
        }
    }

    @Override
    public void endBulk() {
        caughtUp(false, () -> {
            endBulkNow();
            return null;
        });
    }

    private synchronized void endBulkNow() {
        bulk = false;
        try (Statement s = conn.createStatement()) {
            createSecondaryIndexes(s);
            commitConn();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IdemException.Storage("cannot rebuild the indexes of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void apply(ChangeSet changes) {
        applyAll(List.of(changes));
    }

    /**
     * Writes the change sets in order in one transaction: one commit, one fsync. Journaled: one
     * journal entry, synced, and SQLite follows (see the class comment).
     */
    @Override
    public void applyAll(List<ChangeSet> changes) {
        if (journal == null) {
            applyNow(changes);
            return;
        }
        if (changes.isEmpty()) {
            return;
        }
        if (pending.get() >= MAX_BACKLOG && !held) {
            long now = System.nanoTime();
            if (now - lastBacklogNote > 10_000_000_000L) {
                lastBacklogNote = now;
                System.err.println("idem: SQLite is " + pending.get() + " change sets behind the journal of " + file
                        + "; new calls wait for it");
            }
            waiters.incrementAndGet();
            try {
                while (pending.get() >= MAX_BACKLOG && !held) {
                    rounds.lock();
                    try {
                        applyRound(HELP_BATCH);
                    } finally {
                        rounds.unlock();
                    }
                }
            } finally {
                waiters.decrementAndGet();
            }
        }
        byte[] encoded = ChangeSetCodec.encode(changes);
        byte[] payload = atRest.sealBytes(encoded);
        synchronized (appendLock) {
            if (!applying) {
                throw new IdemException.Storage("the store " + file + " is closed", null);
            }
            checkReplacements(changes);
            long seq = journal.append(payload);
            overlay.prune(appliedSeq);
            overlay.add(seq, encoded, changes);
            lastAccept = System.nanoTime();
            toApply.add(new Accepted(seq, encoded, changes.size()));
            pending.addAndGet(changes.size());
            acceptedSeq = seq;
        }
        java.util.concurrent.locks.LockSupport.unpark(applier);
    }

    /** {@link #nextId} when the open transaction ({@link #applyOpen}) began, or -1 when none is open. */
    private long openSince = -1;
    /** Open change sets were rolled back by another write's failure; the next write reports it. */
    private boolean openLost;

    /** Commits the write connection's transaction: open change sets included, which are then durable. */
    private void commitConn() throws SQLException {
        conn.commit();
        openSince = -1;
    }

    private void checkOpenKept() {
        if (openLost) {
            openLost = false;
            throw new IdemException.Storage("change sets written to " + file + " since its last commit were rolled"
                    + " back by a failed write; nothing was written after them (run the import again)", null);
        }
    }

    @Override
    public void applyOpen(ChangeSet changes) {
        if (journal != null) {
            applyAll(List.of(changes));
            return;
        }
        applyOpenNow(changes);
    }

    private synchronized void applyOpenNow(ChangeSet changes) {
        checkOpenKept();
        if (openSince < 0) {
            openSince = nextId;
        }
        try {
            write(changes);
        } catch (SQLException e) {
            abandonOpen();
            throw new IdemException.Storage("cannot write to " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abandonOpen();
            throw e;
        }
    }

    /** Rolls back the open transaction: every change set since the last commit goes. */
    private void abandonOpen() {
        nextId = openSince;
        openSince = -1;
        rollbackQuietly();
    }

    private synchronized void applyNow(List<ChangeSet> changes) {
        checkOpenKept();
        long firstId = openSince >= 0 ? openSince : nextId;
        openSince = -1;
        try {
            long t2 = 0;
            for (ChangeSet c : changes) {
                t2 = write(c);
            }
            commitConn();
            checkpointSoon();
            if (TRACE) {
                System.err.printf("store: commit %d ms%n", (System.nanoTime() - t2) / 1_000_000);
            }
        } catch (SQLException e) {
            nextId = firstId;
            rollbackQuietly();
            throw new IdemException.Storage("cannot write to " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            nextId = firstId;
            rollbackQuietly();
            throw e;
        }
    }

    /** Writes a change set inside the open transaction; returns when it finished, for tracing. */
    private long write(ChangeSet changes) throws SQLException {
        {
            long firstId = nextId;
            long t0 = System.nanoTime();
            try {
                insertRecords(changes.records());
                replaceRecords(changes.replacements());
            } catch (SQLException | RuntimeException e) {
                nextId = firstId;
                throw e;
            }
            long t1 = System.nanoTime();
            if (!changes.moves().isEmpty()) {
                PreparedStatement ps = writeStatement("UPDATE records SET profile_id=?, profile_hash=?"
                        + " WHERE key_hash=? AND source=? AND record_id=?");
                for (Map.Entry<RecordKey, String> e : changes.moves().entrySet()) {
                    ps.setString(1, e.getValue());
                    ps.setLong(2, Hashes.of(e.getValue()));
                    bindKey(ps, 3, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!changes.links().isEmpty()) {
                PreparedStatement ps = writeStatement("UPDATE records SET links=?"
                        + " WHERE key_hash=? AND source=? AND record_id=?");
                for (Map.Entry<RecordKey, String> e : changes.links().entrySet()) {
                    ps.setString(1, e.getValue());
                    bindKey(ps, 2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!changes.aliases().isEmpty()) {
                PreparedStatement put = writeStatement(
                        "INSERT OR REPLACE INTO aliases(old_id, new_id) VALUES (?, ?)");
                PreparedStatement chain = writeStatement(
                        "UPDATE aliases SET new_id=? WHERE new_id=?");
                PreparedStatement revive = writeStatement("DELETE FROM aliases WHERE old_id=?");
                for (Map.Entry<String, String> e : changes.aliases().entrySet()) {
                    String survivor = liveTarget(e.getValue(), changes.aliases());
                    put.setString(1, e.getKey());
                    put.setString(2, survivor);
                    put.addBatch();
                    chain.setString(1, survivor);
                    chain.setString(2, e.getKey());
                    chain.addBatch();
                    revive.setString(1, survivor);
                    revive.addBatch();
                }
                put.executeBatch();
                chain.executeBatch();
                revive.executeBatch();
            }
            if (!changes.log().isEmpty()) {
                PreparedStatement ps = writeStatement("INSERT INTO log(at, action, profile_id, other_id,"
                        + " reason, actor) VALUES (?, ?, ?, ?, ?, ?)");
                for (LogEntry l : changes.log()) {
                    ps.setLong(1, l.at());
                    ps.setString(2, l.action());
                    ps.setString(3, l.profileId());
                    ps.setString(4, l.otherId());
                    ps.setString(5, atRest.seal(l.reason()));
                    ps.setString(6, l.actor());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            writeFlags(changes.flags());
            if (changes.run() != null) {
                writeRun(changes.run());
            }
            writeReviews(changes.reviews());
            long t2 = System.nanoTime();
            if (TRACE) {
                System.err.printf("store: %d records, %d moves: inserts %d ms, rest %d ms, ids %d ms%n",
                        changes.records().size(), changes.moves().size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                        idNanos / 1_000_000);
                idNanos = 0;
            }
            return t2;
        }
    }

    private void writeFlags(List<ValueFlag> flags) throws SQLException {
        if (flags.isEmpty()) {
            return;
        }
        PreparedStatement put = writeStatement(
                "INSERT OR REPLACE INTO flags(tag, identifier, status, reason) VALUES (?, ?, ?, ?)");
        PreparedStatement del = writeStatement("DELETE FROM flags WHERE tag=?");
        for (ValueFlag f : flags) {
            if ("ok".equals(f.status())) {
                del.setString(1, atRest.tag(f.identifier()));
                del.addBatch();
            } else {
                put.setString(1, atRest.tag(f.identifier()));
                put.setString(2, atRest.seal(f.identifier()));
                put.setString(3, f.status());
                put.setString(4, atRest.seal(f.reason()));
                put.addBatch();
            }
        }
        put.executeBatch();
        del.executeBatch();
    }

    /**
     * Deletes with {@code secure_delete} on (freed cells and pages are overwritten with zeros), then
     * checkpoints and truncates the write-ahead log, which still held the erased pages.
     */
    @Override
    public void erase(Erasure erasure, ChangeSet after) {
        caughtUp(true, () -> {
            eraseNow(erasure, after);
            return null;
        });
    }

    private synchronized void eraseNow(Erasure erasure, ChangeSet after) {
        try {
            if (openSince >= 0) {
                // open change sets are committed first (turning autocommit on would commit them anyway)
                commitConn();
            }
            conn.setAutoCommit(true);
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA secure_delete=ON");
            }
            conn.setAutoCommit(false);
            deleteErased(erasure);
            write(after);
            scrubLog(erasure.identifiers());
            write(ChangeSet.of(List.of(), Map.of(), List.of(erasure.entry()), List.of(), null));
            try (PreparedStatement ps = conn.prepareStatement("INSERT OR IGNORE INTO suppressions(hash) VALUES (?)")) {
                for (String h : erasure.suppressions()) {
                    ps.setString(1, h);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            commitConn();
            conn.setAutoCommit(true);
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA secure_delete=OFF");
                truncateWal(s);
            }
            conn.setAutoCommit(false);
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IdemException.Storage("cannot erase from " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            try {
                conn.setAutoCommit(false);
            } catch (SQLException ignored) {
                // the connection is broken; the next call reports it
            }
        }
    }

    private void deleteErased(Erasure erasure) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement find = conn.prepareStatement(
                "SELECT id FROM records WHERE key_hash=? AND source=? AND record_id=?");
                PreparedStatement reviews = conn.prepareStatement("DELETE FROM reviews WHERE (a_source=? AND a_id=?)"
                        + " OR (b_source=? AND b_id=?)")) {
            for (RecordKey k : erasure.records()) {
                bindKey(find, 1, k);
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                reviews.setString(1, k.source());
                reviews.setString(2, k.recordId());
                reviews.setString(3, k.source());
                reviews.setString(4, k.recordId());
                reviews.addBatch();
            }
            reviews.executeBatch();
        }
        try (PreparedStatement idx = conn.prepareStatement("DELETE FROM identifiers WHERE h=? AND rec=?");
                PreparedStatement rec = conn.prepareStatement("DELETE FROM records WHERE id=?")) {
            for (long id : ids) {
                for (String v : erasure.identifiers()) {
                    idx.setLong(1, atRest.index(v));
                    idx.setLong(2, id);
                    idx.addBatch();
                }
                rec.setLong(1, id);
                rec.addBatch();
            }
            idx.executeBatch();
            rec.executeBatch();
        }
        try (PreparedStatement flags = conn.prepareStatement("DELETE FROM flags WHERE tag=?")) {
            for (String v : erasure.unused()) {
                flags.setString(1, atRest.tag(v));
                flags.addBatch();
            }
            flags.executeBatch();
        }
        try (PreparedStatement aliases = conn.prepareStatement("DELETE FROM aliases WHERE old_id=? OR new_id=?")) {
            for (String p : erasure.profileIds()) {
                aliases.setString(1, p);
                aliases.setString(2, p);
                aliases.addBatch();
            }
            aliases.executeBatch();
        }
    }

    /** Reasons are sealed, so each is opened, cleaned of the erased values and sealed again. */
    private void scrubLog(List<String> identifiers) throws SQLException {
        if (identifiers.isEmpty()) {
            return;
        }
        List<Object[]> changed = new ArrayList<>();
        query("SELECT seq, reason FROM log", ps -> { }, rs -> {
            String reason = atRest.open(rs.getString(2));
            String clean = Erasure.scrub(reason, identifiers);
            if (!clean.equals(reason)) {
                changed.add(new Object[] {rs.getLong(1), clean});
            }
        }, false);
        try (PreparedStatement ps = conn.prepareStatement("UPDATE log SET reason=? WHERE seq=?")) {
            for (Object[] row : changed) {
                ps.setString(1, atRest.seal((String) row[1]));
                ps.setLong(2, (Long) row[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Copies the log into the database and truncates it to zero bytes, waiting for readers. */
    private void truncateWal(Statement s) throws SQLException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (rs.next() && rs.getInt(1) == 0) {
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IdemException.Storage("the erasure is committed but the write-ahead log of " + file
                + " could not be truncated (readers busy); run the erasure again", null);
    }

    @Override
    public void scanSuppressions(Consumer<String> sink) {
        query("SELECT hash FROM suppressions", ps -> { }, rs -> sink.accept(rs.getString(1)));
    }

    /** {@code DATA/secret.key}, one line {@code erasure:BASE64}, created owner-only on first use. */
    @Override
    public synchronized byte[] erasureSecret() {
        Path key = file.getParent().resolve("secret.key");
        try {
            if (!Files.exists(key)) {
                Path tmp = key.resolveSibling("secret.key.tmp");
                Files.deleteIfExists(tmp);
                if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(tmp);
                }
                Files.writeString(tmp, Keyring.newKeyLine("erasure") + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.SYNC);
                Files.move(tmp, key, StandardCopyOption.ATOMIC_MOVE);
            }
            String line = Files.readString(key, StandardCharsets.UTF_8).strip();
            return Base64.getDecoder().decode(line.substring(line.indexOf(':') + 1));
        } catch (IOException | IllegalArgumentException e) {
            throw new IdemException.Storage("cannot read or create the erasure secret " + key + ": " + e.getMessage(), e);
        }
    }

    /** Follows aliases inside the same change set, so chains within one batch collapse. */
    static String liveTarget(String id, Map<String, String> aliases) {
        String cur = id;
        for (int i = 0; i < 1000 && aliases.containsKey(cur); i++) {
            cur = aliases.get(cur);
        }
        return cur;
    }

    private void insertRecords(List<StoredRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        long[] pairs = new long[records.size() * 8];
        int n = 0;
        PreparedStatement ins = writeStatement("INSERT INTO records(id, key_hash, source, record_id,"
                + " profile_id, profile_hash, ingested_at, keys, fields, links) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement ids = writeStatement("INSERT INTO identifiers(h, rec) VALUES (?, ?)");
        for (StoredRecord r : records) {
            long id = nextId++;
            RecordKey k = r.record().key();
            ins.setLong(1, id);
            ins.setLong(2, Hashes.of(k.source(), k.recordId()));
            ins.setString(3, k.source());
            ins.setString(4, k.recordId());
            ins.setString(5, r.profileId());
            ins.setLong(6, Hashes.of(r.profileId()));
            ins.setLong(7, r.record().ingestedAt());
            ins.setBytes(8, seal(atRest, r.keys()));
            ins.setBytes(9, atRest.sealBytes(RecordCodec.encodeUtf8(r.record().fields())));
            ins.setString(10, r.links());
            ins.addBatch();
            for (Identifier identifier : r.record().identifiers()) {
                if (n + 2 > pairs.length) {
                    pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
                }
                pairs[n++] = atRest.index(identifier.key());
                pairs[n++] = id;
            }
        }
        ins.executeBatch();
        long ti = System.nanoTime();
        // in index order: the (h, rec) index takes the rows leaf after leaf instead of one random
        // leaf per row (the table's own rowids stay in insertion order, which nothing reads)
        Pairs.sort(pairs, n / 2);
        for (int i = 0; i < n; i += 2) {
            ids.setLong(1, pairs[i]);
            ids.setLong(2, pairs[i + 1]);
            ids.addBatch();
        }
        ids.executeBatch();
        idNanos += System.nanoTime() - ti;
    }

    /** Stored rows looked up per statement when replacing records. */
    private static final int REPLACE_LOOKUP = 128;

    /** What replacing a record needs of its stored row: its id and its identifier-index hashes. */
    private record StoredRow(long id, long[] identifiers) {
    }

    private void replaceRecords(List<StoredRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        Map<RecordKey, StoredRow> stored = storedRows(records);
        PreparedStatement upd = writeStatement("UPDATE records SET profile_id=?, profile_hash=?,"
                + " ingested_at=?, keys=?, fields=?, links=? WHERE id=?");
        PreparedStatement del = writeStatement("DELETE FROM identifiers WHERE h=? AND rec=?");
        PreparedStatement ids = writeStatement("INSERT INTO identifiers(h, rec) VALUES (?, ?)");
        int deletes = 0;
        for (StoredRecord r : records) {
            RecordKey k = r.record().key();
            StoredRow old = stored.get(k);
            if (old == null) {
                throw new IdemException.Storage("cannot replace record " + k + ": it is not stored", null);
            }
            long[] now = atRest.indexes(r.record().identifiers());
            // most updates change an event or an attribute, not what the record is found by: then
            // its identifier-index rows stay as they are
            if (!Arrays.equals(old.identifiers(), now)) {
                for (long h : old.identifiers()) {
                    del.setLong(1, h);
                    del.setLong(2, old.id());
                    del.addBatch();
                    deletes++;
                }
                for (long h : now) {
                    ids.setLong(1, h);
                    ids.setLong(2, old.id());
                    ids.addBatch();
                }
            }
            // a record replaced twice in one change set starts its second replacement from its first
            stored.put(k, new StoredRow(old.id(), now));
            upd.setString(1, r.profileId());
            upd.setLong(2, Hashes.of(r.profileId()));
            upd.setLong(3, r.record().ingestedAt());
            upd.setBytes(4, seal(atRest, r.keys()));
            upd.setBytes(5, atRest.sealBytes(RecordCodec.encodeUtf8(r.record().fields())));
            upd.setString(6, r.links());
            upd.setLong(7, old.id());
            upd.addBatch();
        }
        if (bulk && deletes > 0) {
            try (Statement s = conn.createStatement()) {
                createSecondaryIndexes(s);
            }
            bulk = false;
        }
        // in this order, so that an identifier a record dropped and took again in one change set
        // keeps its row
        del.executeBatch();
        ids.executeBatch();
        upd.executeBatch();
    }

    /**
     * The stored rows of the records about to be replaced, {@value #REPLACE_LOOKUP} keys per
     * statement (one prepared statement: a short last group repeats its first key).
     */
    private Map<RecordKey, StoredRow> storedRows(List<StoredRecord> records) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, source, record_id, fields FROM records WHERE key_hash IN (");
        for (int i = 0; i < REPLACE_LOOKUP; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        PreparedStatement sel = writeStatement(sql.append(')').toString());
        java.util.Set<RecordKey> wanted = new java.util.HashSet<>();
        for (StoredRecord r : records) {
            wanted.add(r.record().key());
        }
        List<RecordKey> keys = new ArrayList<>(wanted);
        Map<RecordKey, StoredRow> out = new java.util.HashMap<>(keys.size() * 2);
        for (int from = 0; from < keys.size(); from += REPLACE_LOOKUP) {
            for (int i = 0; i < REPLACE_LOOKUP; i++) {
                RecordKey k = keys.get(from + i < keys.size() ? from + i : from);
                sel.setLong(i + 1, Hashes.of(k.source(), k.recordId()));
            }
            try (ResultSet rs = sel.executeQuery()) {
                while (rs.next()) {
                    RecordKey k = new RecordKey(rs.getString(2), rs.getString(3));
                    // a hash shared by another record is checked against the key itself
                    if (wanted.contains(k) && !out.containsKey(k)) {
                        List<Field> fields = RecordCodec.decode(open(atRest, rs.getObject(4)));
                        out.put(k, new StoredRow(rs.getLong(1), atRest.indexes(new SourceRecord(k, fields, 0).identifiers())));
                    }
                }
            }
        }
        return out;
    }

    private static void bindKey(PreparedStatement ps, int from, RecordKey k) throws SQLException {
        ps.setLong(from, Hashes.of(k.source(), k.recordId()));
        ps.setString(from + 1, k.source());
        ps.setString(from + 2, k.recordId());
    }

    private void writeRun(ImportRun r) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO imports(id, source, file,"
                + " started_at, finished_at, status, rows_read, records_new, records_updated, records_unchanged,"
                + " profiles_created, profiles_merged, identifiers_quarantined, rows_rejected, reject_file)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.source());
            ps.setString(3, r.file());
            ps.setLong(4, r.startedAt());
            ps.setLong(5, r.finishedAt());
            ps.setString(6, r.status());
            ps.setLong(7, r.rowsRead());
            ps.setLong(8, r.recordsNew());
            ps.setLong(9, r.recordsUpdated());
            ps.setLong(10, r.recordsUnchanged());
            ps.setLong(11, r.profilesCreated());
            ps.setLong(12, r.profilesMerged());
            ps.setLong(13, r.identifiersQuarantined());
            ps.setLong(14, r.rowsRejected());
            ps.setString(15, r.rejectFile());
            ps.executeUpdate();
        }
    }

    private void writeReviews(List<PairReview> reviews) throws SQLException {
        if (reviews.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO reviews(id, a_source, a_id,"
                + " b_source, b_id, score, reason, status, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PairReview r : reviews) {
                ps.setString(1, r.id());
                ps.setString(2, r.a().source());
                ps.setString(3, r.a().recordId());
                ps.setString(4, r.b().source());
                ps.setString(5, r.b().recordId());
                ps.setDouble(6, r.score());
                ps.setString(7, atRest.seal(r.reason()));
                ps.setString(8, r.status());
                ps.setLong(9, r.at());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public List<PairReview> reviews() {
        return SqlStats.reviews(this::rows, atRest::open, SqlStats.Reviews.ALL, "");
    }

    @Override
    public List<PairReview> reviewHeads() {
        return SqlStats.reviews(this::rows, atRest::open, SqlStats.Reviews.HEADS, "");
    }

    @Override
    public List<PairReview> reviews(java.util.Collection<String> ids) {
        return SqlStats.reviews(this::rows, atRest::open, ids, "");
    }

    @Override
    public List<PairReview> decidedReviews() {
        return SqlStats.reviews(this::rows, atRest::open, SqlStats.Reviews.DECIDED, "");
    }

    @Override
    public long recordCount() {
        return SqlStats.recordCount(this::rows);
    }

    @Override
    public long mergedAwayCount() {
        return SqlStats.mergedAwayCount(this::rows);
    }

    /** A query without parameters, for {@link SqlStats}. */
    private void rows(String sql, SqlStats.Row row) {
        query(sql, ps -> { }, row::read);
    }

    @Override
    public void scan(Consumer<StoredRecord> sink) {
        query("SELECT source, record_id, profile_id, ingested_at, fields FROM records"
                + " ORDER BY source, record_id", ps -> { }, rs -> sink.accept(readRecord(rs)));
    }

    @Override
    public void scanKeys(Consumer<KeyedRecord> sink) {
        query("SELECT source, record_id, profile_id, keys, links FROM records ORDER BY id", ps -> { },
                rs -> sink.accept(new KeyedRecord(new RecordKey(rs.getString(1), rs.getString(2)), rs.getString(3),
                        open(atRest, rs.getObject(4)), rs.getString(5))));
    }

    @Override
    public void scanAliases(BiConsumer<String, String> sink) {
        query("SELECT old_id, new_id FROM aliases ORDER BY old_id", ps -> { },
                rs -> sink.accept(rs.getString(1), rs.getString(2)));
    }

    @Override
    public Optional<StoredRecord> record(RecordKey key) {
        if (!pendingWrites()) {
            return recordNow(key);
        }
        return overlaid(s -> {
            Optional<StoredRecord> stored = recordNow(key);
            PendingOverlay.State st = overlay.states(List.of(key), null, null, s).get(key);
            return st == null ? stored : Optional.of(st.apply(key, stored.orElse(null), PendingOverlay.decodedCache()));
        });
    }

    /** Keys per statement of {@link #profilesOf}. */
    private static final String PROFILES_OF = "SELECT source, record_id, profile_id FROM records WHERE key_hash IN ("
            + "?, ".repeat(REPLACE_LOOKUP - 1) + "?)";

    @Override
    public Map<RecordKey, String> profilesOf(java.util.Collection<RecordKey> keys) {
        if (pendingWrites()) {
            return Store.super.profilesOf(keys); // through the journal's overlay, record by record
        }
        java.util.Set<RecordKey> wanted = new java.util.HashSet<>(keys);
        List<RecordKey> list = new ArrayList<>(wanted);
        Map<RecordKey, String> out = new java.util.HashMap<>(list.size() * 2);
        for (int from = 0; from < list.size(); from += REPLACE_LOOKUP) {
            int start = from;
            readNow(PROFILES_OF, ps -> {
                for (int i = 0; i < REPLACE_LOOKUP; i++) {
                    // a short last group repeats its first key
                    RecordKey k = list.get(start + i < list.size() ? start + i : start);
                    ps.setLong(i + 1, Hashes.of(k.source(), k.recordId()));
                }
            }, rs -> {
                RecordKey k = new RecordKey(rs.getString(1), rs.getString(2));
                // a hash shared by another record is checked against the key itself
                if (wanted.contains(k)) {
                    out.put(k, rs.getString(3));
                }
            });
        }
        return out;
    }

    private Optional<StoredRecord> recordNow(RecordKey key) {
        List<StoredRecord> out = new ArrayList<>(1);
        readNow("SELECT source, record_id, profile_id, ingested_at, fields FROM records"
                + " WHERE key_hash=? AND source=? AND record_id=?", ps -> bindKey(ps, 1, key),
                rs -> out.add(readRecord(rs)));
        return out.stream().findFirst();
    }

    @Override
    public List<StoredRecord> recordsOfProfile(String profileId) {
        if (!pendingWrites()) {
            return recordsOfProfileNow(profileId);
        }
        return overlaid(s -> {
            List<StoredRecord> stored = recordsOfProfileNow(profileId);
            List<RecordKey> keys = new ArrayList<>(stored.size());
            for (StoredRecord r : stored) {
                keys.add(r.record().key());
            }
            Map<RecordKey, PendingOverlay.State> states = overlay.states(keys, profileId, null, s);
            if (states.isEmpty()) {
                return stored;
            }
            Map<byte[], List<ChangeSet>> decoded = PendingOverlay.decodedCache();
            java.util.TreeMap<RecordKey, StoredRecord> out = new java.util.TreeMap<>();
            for (StoredRecord r : stored) {
                PendingOverlay.State st = states.get(r.record().key());
                if (st == null) {
                    out.put(r.record().key(), r);
                } else if (st.profileId().equals(profileId)) {
                    out.put(r.record().key(), st.apply(r.record().key(), r, decoded));
                }
            }
            states.forEach((k, st) -> {
                if (st.profileId().equals(profileId) && !out.containsKey(k)) {
                    out.put(k, st.apply(k, st.content() == null ? recordNow(k).orElse(null) : null, decoded));
                }
            });
            return new ArrayList<>(out.values());
        });
    }

    private List<StoredRecord> recordsOfProfileNow(String profileId) {
        List<StoredRecord> out = new ArrayList<>();
        readNow("SELECT source, record_id, profile_id, ingested_at, fields FROM records"
                + " WHERE profile_hash=? AND profile_id=? ORDER BY source, record_id", ps -> {
                    ps.setLong(1, Hashes.of(profileId));
                    ps.setString(2, profileId);
                },
                rs -> out.add(readRecord(rs)));
        return out;
    }

    @Override
    public List<RecordKey> recordsWithIdentifier(Identifier identifier) {
        return new ArrayList<>(carrying(identifier).keySet());
    }

    @Override
    public List<String> profilesWithIdentifier(Identifier identifier) {
        // the records found count too: one moved to another profile names only its new one
        return List.copyOf(new java.util.TreeSet<>(carrying(identifier).values()));
    }

    /** The records carrying an identifier, ordered, with their profiles, pending writes included. */
    private Map<RecordKey, String> carrying(Identifier identifier) {
        if (!pendingWrites()) {
            Map<RecordKey, String> out = new java.util.LinkedHashMap<>();
            withIdentifier(identifier, out::put);
            return out;
        }
        return overlaid(s -> {
            Map<RecordKey, String> stored = new java.util.LinkedHashMap<>();
            withIdentifier(identifier, stored::put);
            Map<RecordKey, PendingOverlay.State> states = overlay.states(stored.keySet(), null, identifier, s);
            if (states.isEmpty()) {
                return stored;
            }
            Map<RecordKey, String> out = new java.util.TreeMap<>();
            stored.forEach((k, p) -> {
                PendingOverlay.State st = states.get(k);
                if (st == null) {
                    out.put(k, p);
                } else if (st.content() == null || st.carries(identifier)) {
                    out.put(k, st.profileId());
                }
            });
            states.forEach((k, st) -> {
                if (st.content() != null && st.carries(identifier)) {
                    out.putIfAbsent(k, st.profileId());
                }
            });
            return out;
        });
    }

    /** The records carrying an identifier, with their profiles, in one read. */
    private void withIdentifier(Identifier identifier, BiConsumer<RecordKey, String> sink) {
        // the index holds hashes: confirm each hit against the record itself
        readNow("SELECT r.source, r.record_id, r.fields, r.profile_id FROM identifiers i JOIN records r ON r.id = i.rec"
                + " WHERE i.h=? ORDER BY r.source, r.record_id", ps -> ps.setLong(1, atRest.index(identifier.key())),
                rs -> {
                    RecordKey k = new RecordKey(rs.getString(1), rs.getString(2));
                    if (new SourceRecord(k, RecordCodec.decode(open(atRest, rs.getObject(3))), 0).identifiers()
                            .contains(identifier)) {
                        sink.accept(k, rs.getString(4));
                    }
                });
    }

    @Override
    public Optional<String> liveProfileId(String profileId) {
        if (!pendingWrites()) {
            return liveProfileIdNow(profileId);
        }
        return overlaid(s -> {
            List<String> stored = new ArrayList<>(1);
            readNow("SELECT new_id FROM aliases WHERE old_id=?", ps -> ps.setString(1, profileId),
                    rs -> stored.add(rs.getString(1)));
            String alias = overlay.aliasOf(profileId, stored.isEmpty() ? null : stored.get(0), s);
            if (alias != null) {
                return Optional.of(alias);
            }
            // live while it has records: SQLite's, unless the pending writes moved them all away
            List<RecordKey> keys = new ArrayList<>();
            readNow("SELECT source, record_id FROM records WHERE profile_hash=? AND profile_id=?", ps -> {
                ps.setLong(1, Hashes.of(profileId));
                ps.setString(2, profileId);
            }, rs -> keys.add(new RecordKey(rs.getString(1), rs.getString(2))));
            Map<RecordKey, PendingOverlay.State> states = overlay.states(keys, profileId, null, s);
            boolean live = keys.stream().anyMatch(k -> !states.containsKey(k))
                    || states.values().stream().anyMatch(st -> st.profileId().equals(profileId));
            return live ? Optional.of(profileId) : Optional.<String>empty();
        });
    }

    private Optional<String> liveProfileIdNow(String profileId) {
        List<String> out = new ArrayList<>(1);
        readNow("SELECT new_id FROM aliases WHERE old_id=?", ps -> ps.setString(1, profileId),
                rs -> out.add(rs.getString(1)));
        if (!out.isEmpty()) {
            return Optional.of(out.get(0));
        }
        readNow("SELECT profile_id FROM records WHERE profile_hash=? AND profile_id=? LIMIT 1", ps -> {
            ps.setLong(1, Hashes.of(profileId));
            ps.setString(2, profileId);
        },
                rs -> out.add(rs.getString(1)));
        return out.stream().findFirst();
    }

    @Override
    public List<LogEntry> history(String profileId) {
        if (!pendingWrites()) {
            return historyNow(profileId);
        }
        return overlaid(s -> {
            List<LogEntry> out = historyNow(profileId);
            out.addAll(overlay.log(profileId, s));
            return out;
        });
    }

    private List<LogEntry> historyNow(String profileId) {
        List<LogEntry> out = new ArrayList<>();
        readNow("SELECT at, action, profile_id, other_id, reason, actor FROM log WHERE profile_id=? OR other_id=?"
                + " ORDER BY seq", ps -> {
                    ps.setString(1, profileId);
                    ps.setString(2, profileId);
                }, rs -> out.add(new LogEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        atRest.open(rs.getString(5)), rs.getString(6))));
        return out;
    }

    @Override
    public List<ValueFlag> flags() {
        return flagsIn(atRest, true);
    }

    /** Flags opened with {@code keys}, ordered by identifier; {@code pooled}: on a read connection. */
    private List<ValueFlag> flagsIn(AtRest keys, boolean pooled) {
        List<ValueFlag> out = new ArrayList<>();
        RowHandler row = rs -> out.add(new ValueFlag(keys.open(rs.getString(1)), rs.getString(2),
                keys.open(rs.getString(3))));
        if (pooled) {
            query("SELECT identifier, status, reason FROM flags", ps -> { }, row);
        } else {
            query("SELECT identifier, status, reason FROM flags", ps -> { }, row, false);
        }
        out.sort(java.util.Comparator.comparing(ValueFlag::identifier));
        return out;
    }

    @Override
    public java.util.Map<String, ValueFlag> flagsOf(java.util.Collection<String> identifiers) {
        if (!pendingWrites()) {
            return flagsOfNow(identifiers);
        }
        return overlaid(s -> {
            java.util.Map<String, ValueFlag> out = flagsOfNow(identifiers);
            overlay.flags(identifiers, s).forEach((i, f) -> {
                if ("ok".equals(f.status())) {
                    out.remove(i);
                } else {
                    out.put(i, f);
                }
            });
            return out;
        });
    }

    private java.util.Map<String, ValueFlag> flagsOfNow(java.util.Collection<String> identifiers) {
        java.util.Map<String, ValueFlag> out = new java.util.HashMap<>();
        java.util.Map<String, String> byTag = new java.util.HashMap<>();
        for (String identifier : identifiers) {
            byTag.put(atRest.tag(identifier), identifier);
        }
        if (byTag.isEmpty()) {
            return out;
        }
        // one read for a profile's identifiers (SQLite allows 32,766 parameters; a profile holds far fewer)
        List<String> tags = new ArrayList<>(byTag.keySet());
        for (int from = 0; from < tags.size(); from += 500) {
            List<String> part = tags.subList(from, Math.min(tags.size(), from + 500));
            readNow("SELECT tag, status, reason FROM flags WHERE tag IN (" + "?,".repeat(part.size() - 1) + "?)", ps -> {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
            }, rs -> {
                String identifier = byTag.get(rs.getString(1));
                out.put(identifier, new ValueFlag(identifier, rs.getString(2), atRest.open(rs.getString(3))));
            });
        }
        return out;
    }

    @Override
    public StoreStats stats() {
        // profiles counted by their 64-bit hash: the total comes from the profile index (0.1 s at a
        // million records instead of 1.9 s), and per source the distinct values are integers
        return SqlStats.of(this::rows, "", "profile_hash");
    }

    @Override
    public synchronized void putApiKey(ApiKey key) {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT OR REPLACE INTO api_keys(hash, name, scope, source, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, key.hash());
            ps.setString(2, key.name());
            ps.setString(3, key.scope());
            ps.setString(4, key.source());
            ps.setLong(5, key.createdAt());
            ps.executeUpdate();
            commitConn();
            if (journal != null) {
                syncFiles(); // synchronous=NORMAL there
            }
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IdemException.Storage("cannot write to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ApiKey> apiKey(String hash) {
        List<ApiKey> out = new ArrayList<>(1);
        query("SELECT hash, name, scope, source, created_at FROM api_keys WHERE hash=?", ps -> ps.setString(1, hash),
                rs -> out.add(new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5))));
        return out.stream().findFirst();
    }

    /**
     * A record's {@code keys} or {@code fields} column as written: sealed bytes (a BLOB, the
     * {@link AtRest#sealBytes} format) since 2026-12-07; stores written before hold the Base64 text
     * of {@link AtRest#seal} (TEXT), and stay readable as they are. Bytes because the text form cost
     * a third more to write and three more copies of every record (Base64, the string, its UTF-8 for
     * the driver): about a fifth of the writer's CPU in a bulk import went to sealing.
     */
    private static byte[] seal(AtRest at, String plain) {
        return at.sealBytes(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens a sealed {@code keys} or {@code fields} column in either form {@link #seal} describes. */
    private static String open(AtRest at, Object column) {
        if (column instanceof byte[] bytes) {
            return new String(at.openBytes(bytes), StandardCharsets.UTF_8);
        }
        if (column instanceof String text) {
            return at.open(text);
        }
        throw new IdemException.Storage("a stored record column holds " + (column == null ? "NULL"
                : column.getClass().getSimpleName()) + " instead of sealed data", null);
    }

    private StoredRecord readRecord(ResultSet rs) throws SQLException {
        List<Field> fields = RecordCodec.decode(open(atRest, rs.getObject(5)));
        SourceRecord rec = new SourceRecord(new RecordKey(rs.getString(1), rs.getString(2)), fields, rs.getLong(4));
        return new StoredRecord(rec, rs.getString(3));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a read on one of the pooled read connections. In WAL mode readers see the last committed
     * state and neither block the writer nor wait for it, so lookups stay fast during imports.
     */
    private void query(String sql, Binder binder, RowHandler handler) {
        awaitApplied();
        readNow(sql, binder, handler);
    }

    /** {@link #query} without waiting for the journal's applier. */
    private void readNow(String sql, Binder binder, RowHandler handler) {
        Connection tx = TX.get();
        Connection reader = tx != null ? tx : borrowReader();
        PreparedStatement ps = null;
        boolean kept = false;
        try {
            Map<String, PreparedStatement> cache = prepared.computeIfAbsent(reader, c -> new java.util.HashMap<>());
            ps = cache.get(sql);
            kept = ps != null;
            if (ps == null) {
                ps = reader.prepareStatement(sql);
                kept = cache.size() < PREPARED_PER_READER;
                if (kept) {
                    cache.put(sql, ps);
                }
            }
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new IdemException.Storage("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            if (ps != null && !kept) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // the read's own outcome matters more
                }
            }
            if (tx == null) {
                readers.offer(reader);
            }
        }
    }

    private Connection borrowReader() {
        Connection c = readers.poll();
        if (c != null) {
            return c;
        }
        synchronized (readers) {
            if (openReaders < READERS) {
                openReaders++;
                try {
                    Connection r = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                    try (Statement st = r.createStatement()) {
                        st.execute("PRAGMA busy_timeout=10000");
                        st.execute("PRAGMA cache_size=-16384");
                        st.execute("PRAGMA query_only=1");
                    }
                    allReaders.add(r);
                    return r;
                } catch (SQLException e) {
                    openReaders--;
                    throw new IdemException.Storage("cannot open a reader on " + file + ": " + e.getMessage(), e);
                }
            }
        }
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdemException.Storage("interrupted while waiting for a reader on " + file, e);
        }
    }

    /** Runs a query; {@code endTransaction} is false inside a write transaction. */
    private void query(String sql, Binder binder, RowHandler handler, boolean endTransaction) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
            if (endTransaction) {
                commitConn();
            }
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IdemException.Storage("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void rollbackQuietly() {
        if (openSince >= 0) {
            // another write failed while change sets were open: they are gone too, and the next
            // write says so instead of committing what followed them
            nextId = openSince;
            openSince = -1;
            openLost = true;
        }
        try {
            conn.rollback();
        } catch (SQLException alreadyRolledBack) {
            // SQLite rolled the transaction back itself (a full disk, an I/O error: "cannot rollback
            // - no transaction is active"), and the driver, whose rollback failed, did not begin the
            // next one: every statement after would commit on its own, so a retried change set came
            // out half written (a full disk left the server's applier failing on record ids it had
            // half written, until the process restarted). Begin again explicitly.
            try {
                conn.setAutoCommit(true); // "commit" fails as the rollback did, and the mode is set
            } catch (SQLException expected) {
                // no transaction to commit: the point is the mode
            }
            try {
                conn.setAutoCommit(false);
            } catch (SQLException e) {
                throw new IdemException.Storage("cannot begin a transaction on " + file + " after a failed one: "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        if (journal != null) {
            synchronized (appendLock) {
                applying = false;
            }
            java.util.concurrent.locks.LockSupport.unpark(applier);
            try {
                applier.join(READ_WAIT_MILLIS);
                catchUp.join(READ_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // everything applied and synced: the segments go; otherwise they stay for the next open
            boolean done = !applier.isAlive() && applyFailure == null;
            if (done) {
                try {
                    syncFiles();
                } catch (RuntimeException e) {
                    done = false;
                }
            }
            journal.close(done ? appliedSeq : -1);
            if (applier.isAlive()) {
                applier.interrupt();
            }
            journal = null;
        }
        closeNow();
        if (writerLock != null) {
            writerLock.release();
            writerLock = null;
        }
    }

    /**
     * Without a journal, a thread of the store copies committed pages from the write-ahead log into
     * the database file (a passive checkpoint after each commit), so the writer does not do it
     * inside its commits; SQLite lets a checkpoint run beside a writer. The writer keeps a
     * checkpoint of its own for a log over {@link #CHECKPOINT_BACKSTOP} pages, should this thread
     * fall behind. 1M-record import: commits 5.4 -> 3.7 s (BENCHMARKS.md). The journaled store
     * has its applier for that. System property {@code idem.sqlite.backgroundCheckpoint=false}
     * turns it off (the writer checkpoints every 1,000 pages, SQLite's default).
     */
    static final boolean BACKGROUND_CHECKPOINT =
            Boolean.parseBoolean(System.getProperty("idem.sqlite.backgroundCheckpoint", "true"));
    static final int CHECKPOINT_BACKSTOP = 65_536;
    private Thread checkpointer;
    private Connection checkpointConn;
    private final Object checkpointSignal = new Object();
    private boolean checkpointWanted;
    private volatile boolean checkpointStop;

    private void startCheckpointer() throws SQLException {
        checkpointConn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = checkpointConn.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA synchronous=FULL");
        }
        try (Statement s = conn.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=" + CHECKPOINT_BACKSTOP);
        }
        commitConn();
        checkpointer = new Thread(() -> {
            while (true) {
                synchronized (checkpointSignal) {
                    while (!checkpointWanted && !checkpointStop) {
                        try {
                            checkpointSignal.wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (checkpointStop) {
                        return;
                    }
                    checkpointWanted = false;
                }
                long t = System.nanoTime();
                try (Statement s = checkpointConn.createStatement();
                        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    if (TRACE && rs.next()) {
                        System.err.printf("store: checkpoint %d/%d frames %d ms%n", rs.getLong(3), rs.getLong(2),
                                (System.nanoTime() - t) / 1_000_000);
                    }
                } catch (SQLException e) {
                    // nothing lost: the pages stay in the log, for the next round or the writer's backstop
                }
            }
        }, "idem-checkpoint");
        checkpointer.setDaemon(true);
        checkpointer.start();
    }

    private void checkpointSoon() {
        if (checkpointer != null) {
            synchronized (checkpointSignal) {
                checkpointWanted = true;
                checkpointSignal.notifyAll();
            }
        }
    }

    private synchronized void closeNow() {
        if (checkpointer != null) {
            synchronized (checkpointSignal) {
                checkpointStop = true;
                checkpointSignal.notifyAll();
            }
            try {
                checkpointer.join();
                checkpointConn.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                // closing the writer connection below checkpoints what is left
            }
        }
        try {
            for (Connection r : allReaders) {
                for (PreparedStatement ps : prepared.getOrDefault(r, Map.of()).values()) {
                    ps.close();
                }
                r.close();
            }
            for (PreparedStatement ps : writeStatements.values()) {
                ps.close();
            }
            writeStatements.clear();
            conn.close();
        } catch (SQLException e) {
            throw new IdemException.Storage("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Journaled: {@code journal_pending_change_sets}, the change sets acknowledged and not yet in
     * SQLite, {@code journal_unapplied_entries}, the journal entries they make up, and
     * {@code journal_overlay_records}, the records reads see from memory (a little behind the
     * other two: the overlay forgets on the next call, or once calls stop).
     */
    @Override
    public Map<String, java.util.function.LongSupplier> gauges() {
        if (journal == null) {
            return Map.of();
        }
        return Map.of("journal_pending_change_sets", pending::get,
                "journal_unapplied_entries", () -> Math.max(0, acceptedSeq - appliedSeq),
                "journal_catch_ups", catchUps::get,
                "journal_abandoned_rounds", abandoned::get,
                "journal_overlay_records", overlay::records);
    }

    /**
     * For tests of crash recovery: the applier stops writing to SQLite, so what is acknowledged
     * from now on is only in the journal, as after a power cut that lost SQLite's last commits.
     */
    void holdApplier() {
        // what is accepted from now on: a round that had already looked at the flag when it was set
        // (a nice-19 thread, preempted between the look and the round) must not apply it either
        heldThrough = acceptedSeq;
        held = true;
    }

    /** While held ({@link #holdApplier}, {@link #crash}): the last journal entry a round may apply. */
    private volatile long heldThrough = Long.MAX_VALUE;

    /**
     * For tests: the applier thread stops applying, as a nice-19 thread on a saturated machine
     * does; reads still apply what they need themselves, and the catch-up thread a large backlog.
     */
    void pauseApplierThread(boolean paused) {
        applierPaused = paused;
        java.util.concurrent.locks.LockSupport.unpark(applier);
    }

    private volatile boolean applierPaused;

    /** For tests: undoes {@link #holdApplier}. */
    void releaseApplier() {
        held = false;
        heldThrough = Long.MAX_VALUE;
        java.util.concurrent.locks.LockSupport.unpark(applier);
    }

    /**
     * For tests of crash recovery: stops as a killed process would, without applying what the
     * journal holds and without deleting it; its lock is released as the process's death would.
     */
    void crash() {
        heldThrough = -1;
        held = true;
        synchronized (appendLock) {
            applying = false;
        }
        java.util.concurrent.locks.LockSupport.unpark(applier);
        try {
            applier.join(READ_WAIT_MILLIS);
            catchUp.join(READ_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.release();
        journal = null;
        closeNow();
    }

    /** For tests and diagnostics: the database file. */
    public Path file() {
        return file;
    }
}
