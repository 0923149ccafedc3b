package io.idem.store.pg;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ApiKey;
import io.idem.core.store.ChangeFeed;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.Erasure;
import io.idem.core.store.Hashes;
import io.idem.core.store.ImportRun;
import io.idem.core.store.KeyRotation;
import io.idem.core.privacy.AtRest;
import io.idem.core.privacy.KeyFile;
import io.idem.core.privacy.Keyring;
import java.nio.file.Path;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.LogEntry;
import io.idem.core.store.PairReview;
import io.idem.core.store.RecordCodec;
import io.idem.core.store.SqlStats;
import io.idem.core.store.Store;
import io.idem.core.store.StoreStats;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The PostgreSQL store. Several idem processes may share one database: every write holds one
 * PostgreSQL advisory lock until it commits, and each change to a record or alias takes a number
 * from the sequence {@code idem_changes}. A process resolving calls holds that lock around the
 * whole resolve-and-write step ({@link #exclusive}) and first reads every record and alias numbered
 * after what it last saw, so its in-memory resolution state is the database's when it resolves.
 * Because writers are serialised by the lock, numbers at or below the sequence's last value read
 * under the lock are all committed: nothing is skipped.
 *
 * <p>Writes go through one connection (serialised by this object's monitor); reads use a small pool
 * of auto-commit connections, so lookups do not wait for commits.
 */
public final class PostgresStore implements Store {
    /** 1: plaintext records and unkeyed index; 2: sealed records, keyed index (migrated on open). */
    static final int SCHEMA_VERSION = 2;
    /** The advisory lock every idem writer on a database takes ("idem" in ASCII). */
    static final long WRITE_LOCK = 0x6964656dL;
    private static final int READERS = 4;
    private static final String RECORD_COLUMNS = "source, record_id, profile_id, ingested_at, fields";

    private final PgUrl url;
    /** Replaced by {@link #reviveWriter} when PostgreSQL closed it (a restart, a failover). */
    private Connection writer;
    /** A statement on the writer failed: check it is alive before its next use. */
    private volatile boolean writerSuspect;
    /**
     * When the writer was last taken. After this long unused it is checked before use (one round
     * trip): a server restarted during a quiet spell, the usual time for maintenance, then costs no
     * call at all.
     */
    private long writerUsed = System.nanoTime();
    private static final long IDLE_CHECK_NANOS = 5_000_000_000L;

    /** For tests: as if the writer had not been used for longer than the idle check. */
    synchronized void idleWriterForTest() {
        writerUsed = System.nanoTime() - IDLE_CHECK_NANOS - 1;
    }
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    /** The last change number this process has seen or written. */
    private long cursor;
    private volatile boolean inExclusive;

    /** The key file, or null when the keys live in the database's {@code keyring} table. */
    private final Path keyFile;
    private AtRest atRest;

    private PostgresStore(PgUrl url, Connection writer, Path keyFile) {
        this.url = url;
        this.writer = writer;
        this.keyFile = keyFile;
    }

    /**
     * Opens (creating the schema if needed) the store at {@code postgresql://user:pass@host:port/db}.
     * Its keys come from the file named by {@code IDEM_KEY_FILE}; without it they are kept in the
     * database itself (table {@code keyring}), which keeps every process sharing the database
     * consistent but protects nothing against a copy of the whole database (see the README).
     */
    public static PostgresStore open(String storeUrl) {
        return open(storeUrl, KeyFile.fromEnvironment().orElse(null));
    }

    /** Opens the store with its keys in {@code keyFile} (created if missing); null: in the database. */
    public static PostgresStore open(String storeUrl, Path keyFile) {
        PgUrl url = PgUrl.parse(storeUrl);
        Connection w = url.connect();
        PostgresStore store = new PostgresStore(url, w, keyFile);
        try {
            w.setAutoCommit(false);
            store.migrate();
            for (int i = 0; i < READERS; i++) {
                Connection r = url.connect();
                store.allReaders.add(r);
                store.readers.add(r);
            }
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e instanceof RuntimeException re ? re
                    : new IdemException.Storage("cannot open " + url.display() + ": " + reason((SQLException) e), e);
        }
        return store;
    }

    private void migrate() throws SQLException {
        try (Statement s = writer.createStatement()) {
            // two processes starting together must not both create the schema
            s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            s.execute("CREATE SEQUENCE IF NOT EXISTS idem_changes");
            // profiles erased, numbered like every other change so other processes forget them too
            s.execute("CREATE TABLE IF NOT EXISTS erased_profiles(profile_id TEXT NOT NULL, seq BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            // fields and keys hold control characters (the record codec's separators, NUL for a
            // missing value), which PostgreSQL text refuses: they are stored as UTF-8 bytes
            s.execute("CREATE TABLE IF NOT EXISTS records(id BIGSERIAL PRIMARY KEY, source TEXT NOT NULL,"
                    + " record_id TEXT NOT NULL, profile_id TEXT NOT NULL, ingested_at BIGINT NOT NULL,"
                    + " keys BYTEA NOT NULL, fields BYTEA NOT NULL, seq BIGINT NOT NULL, links TEXT,"
                    + " UNIQUE(source, record_id))");
            // the engine's fuzzy match links (KeyedRecord.links): null in stores written before them
            s.execute("ALTER TABLE records ADD COLUMN IF NOT EXISTS links TEXT");
            s.execute("CREATE INDEX IF NOT EXISTS records_profile ON records(profile_id)");
            s.execute("CREATE INDEX IF NOT EXISTS records_seq ON records(seq)");
            // identifier index: hash of kind:value -> record; no raw identifier is stored here
            s.execute("CREATE TABLE IF NOT EXISTS identifiers(h BIGINT NOT NULL, rec BIGINT NOT NULL,"
                    + " PRIMARY KEY(h, rec))");
            s.execute("CREATE TABLE IF NOT EXISTS aliases(old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL,"
                    + " seq BIGINT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS aliases_new ON aliases(new_id)");
            s.execute("CREATE INDEX IF NOT EXISTS aliases_seq ON aliases(seq)");
            s.execute("CREATE TABLE IF NOT EXISTS log(seq BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL,"
                    + " action TEXT NOT NULL, profile_id TEXT NOT NULL, other_id TEXT NOT NULL,"
                    + " reason TEXT NOT NULL, actor TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS log_profile ON log(profile_id)");
            s.execute("CREATE INDEX IF NOT EXISTS log_other ON log(other_id)");
            // flags by keyed hash; the identifier itself and the reason are sealed
            s.execute("CREATE TABLE IF NOT EXISTS flags(tag TEXT PRIMARY KEY, identifier TEXT NOT NULL,"
                    + " status TEXT NOT NULL, reason TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS keyring(id INT PRIMARY KEY CHECK (id = 1), keys TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS imports(id TEXT PRIMARY KEY, source TEXT NOT NULL,"
                    + " file TEXT NOT NULL, started_at BIGINT NOT NULL, finished_at BIGINT NOT NULL,"
                    + " status TEXT NOT NULL, rows_read BIGINT NOT NULL, records_new BIGINT NOT NULL,"
                    + " records_updated BIGINT NOT NULL, records_unchanged BIGINT NOT NULL,"
                    + " profiles_created BIGINT NOT NULL, profiles_merged BIGINT NOT NULL,"
                    + " identifiers_quarantined BIGINT NOT NULL, rows_rejected BIGINT NOT NULL,"
                    + " reject_file TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS api_keys(hash TEXT PRIMARY KEY, name TEXT NOT NULL,"
                    + " scope TEXT NOT NULL, source TEXT NOT NULL, created_at BIGINT NOT NULL)");
            // keyed hashes of erased people's identifiers, and the secret that keys them
            s.execute("CREATE TABLE IF NOT EXISTS suppressions(hash TEXT PRIMARY KEY)");
            s.execute("CREATE TABLE IF NOT EXISTS erasure_secret(id INT PRIMARY KEY CHECK (id = 1), secret BYTEA NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS reviews(id TEXT PRIMARY KEY, a_source TEXT NOT NULL,"
                    + " a_id TEXT NOT NULL, b_source TEXT NOT NULL, b_id TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,"
                    + " reason TEXT NOT NULL, status TEXT NOT NULL, at BIGINT NOT NULL)");
            // decisions are numbered like every other change so other processes honour them too
            s.execute("ALTER TABLE reviews ADD COLUMN IF NOT EXISTS seq BIGINT NOT NULL DEFAULT 0");
            Keyring keyring = loadKeys();
            int version = SCHEMA_VERSION;
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key='schema'")) {
                if (rs.next()) {
                    version = Integer.parseInt(rs.getString(1));
                    if (version > SCHEMA_VERSION) {
                        throw new IdemException.Storage(url.display() + " has schema version " + version
                                + ", newer than this idem (" + SCHEMA_VERSION + ")", null);
                    }
                } else {
                    s.execute("INSERT INTO meta(key, value) VALUES ('schema', '" + SCHEMA_VERSION + "')");
                    s.execute("INSERT INTO meta(key, value) VALUES ('index_key', '" + AtRest.current(keyring).indexStamp() + "')");
                }
            }
            if (version < 2) {
                atRest = AtRest.current(keyring);
                sealLegacy(s);
            } else {
                String stamp = keyring.currentVersion();
                try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key='index_key'")) {
                    if (rs.next()) {
                        stamp = rs.getString(1);
                    }
                }
                atRest = AtRest.forStamp(keyring, stamp, url.display(), keyLocation());
            }
            // read under the lock: every change numbered up to here is committed
            cursor = lastChange(s);
        }
        commitWriter();
    }

    private static long lastChange(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM idem_changes")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------ coordination

    @Override
    public boolean sharedAcrossProcesses() {
        return true;
    }

    @Override
    public <T> T exclusive(ChangeFeed feed, Supplier<T> step) {
        synchronized (this) {
            reviveWriter();
            try (Statement s = writer.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + WRITE_LOCK + ")");
                commitWriter();
                catchUp(feed);
            } catch (SQLException e) {
                unlockQuietly();
                throw storage("cannot lock " + url.display(), e);
            } catch (RuntimeException e) {
                unlockQuietly();
                throw e;
            }
            inExclusive = true;
        }
        // the step may write from another thread (the importer's writer): the lock belongs to the
        // connection, so the Java monitor is not held while it runs
        try {
            return step.get();
        } finally {
            synchronized (this) {
                inExclusive = false;
                unlockQuietly();
            }
        }
    }

    private void catchUp(ChangeFeed feed) throws SQLException {
        long seen = cursor;
        try (Statement s = writer.createStatement()) {
            long last = lastChange(s);
            if (last == seen) {
                commitWriter();
                return;
            }
            try (PreparedStatement ps = writer.prepareStatement("SELECT source, record_id, profile_id, keys FROM records"
                    + " WHERE seq > ? ORDER BY seq")) {
                ps.setLong(1, seen);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        feed.record(new KeyedRecord(new RecordKey(rs.getString(1), rs.getString(2)), rs.getString(3),
                                atRest.open(text(rs.getBytes(4)))));
                    }
                }
            }
            try (PreparedStatement ps = writer.prepareStatement("SELECT old_id, new_id FROM aliases WHERE seq > ?"
                    + " ORDER BY seq")) {
                ps.setLong(1, seen);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        feed.alias(rs.getString(1), rs.getString(2));
                    }
                }
            }
            try (PreparedStatement ps = writer.prepareStatement("SELECT id, a_source, a_id, b_source, b_id, score,"
                    + " reason, status, at FROM reviews WHERE seq > ? AND status <> 'open' ORDER BY seq")) {
                ps.setLong(1, seen);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        feed.decision(new PairReview(rs.getString(1), new RecordKey(rs.getString(2), rs.getString(3)),
                                new RecordKey(rs.getString(4), rs.getString(5)), rs.getDouble(6),
                                atRest.open(rs.getString(7)),
                                rs.getString(8), rs.getLong(9)));
                    }
                }
            }
            try (PreparedStatement ps = writer.prepareStatement("SELECT profile_id FROM erased_profiles WHERE seq > ?"
                    + " ORDER BY seq")) {
                ps.setLong(1, seen);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        feed.erased(rs.getString(1));
                    }
                }
            }
            cursor = last;
            commitWriter();
        }
    }

    private void unlockQuietly() {
        try (Statement s = writer.createStatement()) {
            s.execute("SELECT pg_advisory_unlock_all()");
            commitWriter();
        } catch (SQLException ignored) {
            // a broken connection releases its locks anyway
        }
    }

    // ------------------------------------------------------------------ writes

    @Override
    public synchronized void apply(ChangeSet changes) {
        applyAll(List.of(changes));
    }

    @Override
    public synchronized void applyAll(List<ChangeSet> changes) {
        writeAll(changes, true);
    }

    /** Open change sets were rolled back by another write's failure; the next write reports it. */
    private boolean openLost;
    /** Change sets are written and not committed yet ({@link #applyOpen}). */
    private boolean open;

    /** Writes the change set in the transaction the next {@link #apply} or {@link #applyAll} commits. */
    @Override
    public synchronized void applyOpen(ChangeSet changes) {
        writeAll(List.of(changes), false);
    }

    /** Writes in the writer's transaction, then commits it or leaves it open; a failure rolls all of it back. */
    private void writeAll(List<ChangeSet> changes, boolean commit) {
        checkOpenKept();
        if (!inExclusive) {
            reviveWriter(); // inside exclusive(), the lock is this connection's: it was checked there
        }
        try {
            open = true;
            for (ChangeSet c : changes) {
                write(c);
            }
            if (commit) {
                commitWriter();
            }
        } catch (SQLException e) {
            rollbackQuietly();
            // this failure is reported here, open change sets included
            openLost = false;
            throw storage("cannot write to " + url.display(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            openLost = false;
            throw e;
        }
    }

    /** Commits the writer's transaction: open change sets included, which are then durable. */
    private void commitWriter() throws SQLException {
        writer.commit();
        open = false;
    }

    private void checkOpenKept() {
        if (openLost) {
            openLost = false;
            throw new IdemException.Storage("change sets written to " + url.display() + " since its last commit were"
                    + " rolled back by a failed write; nothing was written after them (run the import again)", null);
        }
    }

    /** Writes a change set inside the open transaction, holding the write lock. */
    private void write(ChangeSet changes) throws SQLException {
        {
            try (Statement s = writer.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            }
            insertRecords(changes.records());
            replaceRecords(changes.replacements());
            updateRecords("UPDATE records SET profile_id=?, seq=nextval('idem_changes') WHERE source=? AND record_id=?",
                    changes.moves());
            // links alone are not numbered as a change: other processes sharing the store compare such
            // a record again when they need its edges, as they did before links were kept
            updateRecords("UPDATE records SET links=? WHERE source=? AND record_id=?", changes.links());
            writeAliases(changes.aliases());
            writeLog(changes.log());
            writeFlags(changes.flags());
            if (changes.run() != null) {
                writeRun(changes.run());
            }
            writeReviews(changes.reviews());
            if (inExclusive) {
                // this process is caught up and holds the lock: its own changes need no replay
                try (Statement s = writer.createStatement()) {
                    cursor = lastChange(s);
                }
            }
        }
    }

    /**
     * Deleted rows stay in the table files as dead tuples until PostgreSQL's vacuum reuses the
     * space: what reaches a PostgreSQL data directory is the operator's (see the README).
     */
    @Override
    public synchronized void erase(Erasure erasure, ChangeSet after) {
        reviveWriter();
        try {
            try (Statement s = writer.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            }
            try (PreparedStatement idx = writer.prepareStatement("DELETE FROM identifiers WHERE rec IN"
                    + " (SELECT id FROM records WHERE source=? AND record_id=?)");
                    PreparedStatement rec = writer.prepareStatement("DELETE FROM records WHERE source=? AND record_id=?");
                    PreparedStatement rev = writer.prepareStatement("DELETE FROM reviews WHERE (a_source=? AND a_id=?)"
                            + " OR (b_source=? AND b_id=?)")) {
                for (RecordKey k : erasure.records()) {
                    for (PreparedStatement ps : List.of(idx, rec, rev)) {
                        ps.setString(1, k.source());
                        ps.setString(2, k.recordId());
                    }
                    rev.setString(3, k.source());
                    rev.setString(4, k.recordId());
                    idx.addBatch();
                    rec.addBatch();
                    rev.addBatch();
                }
                idx.executeBatch();
                rec.executeBatch();
                rev.executeBatch();
            }
            try (PreparedStatement flags = writer.prepareStatement("DELETE FROM flags WHERE tag=?");
                    PreparedStatement aliases = writer.prepareStatement("DELETE FROM aliases WHERE old_id=? OR new_id=?")) {
                for (String v : erasure.unused()) {
                    flags.setString(1, atRest.tag(v));
                    flags.addBatch();
                }
                flags.executeBatch();
                for (String p : erasure.profileIds()) {
                    aliases.setString(1, p);
                    aliases.setString(2, p);
                    aliases.addBatch();
                }
                aliases.executeBatch();
            }
            try (PreparedStatement gone = writer.prepareStatement(
                    "INSERT INTO erased_profiles(profile_id, seq) VALUES (?, nextval('idem_changes'))")) {
                for (String p : erasure.profileIds()) {
                    gone.setString(1, p);
                    gone.addBatch();
                }
                gone.executeBatch();
            }
            write(after);
            scrubLog(erasure.identifiers());
            writeLog(List.of(erasure.entry()));
            try (PreparedStatement ps = writer.prepareStatement(
                    "INSERT INTO suppressions(hash) VALUES (?) ON CONFLICT DO NOTHING")) {
                for (String h : erasure.suppressions()) {
                    ps.setString(1, h);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            commitWriter();
        } catch (SQLException e) {
            rollbackQuietly();
            throw storage("cannot erase from " + url.display(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    @Override
    public void scanSuppressions(Consumer<String> sink) {
        query("SELECT hash FROM suppressions", ps -> { }, rs -> sink.accept(rs.getString(1)));
    }

    /** A row of the table {@code erasure_secret}, created by the first process that needs it. */
    @Override
    public synchronized byte[] erasureSecret() {
        reviveWriter();
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        try {
            try (PreparedStatement ps = writer.prepareStatement(
                    "INSERT INTO erasure_secret(id, secret) VALUES (1, ?) ON CONFLICT DO NOTHING")) {
                ps.setBytes(1, fresh);
                ps.executeUpdate();
            }
            byte[] out = null;
            try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT secret FROM erasure_secret WHERE id=1")) {
                if (rs.next()) {
                    out = rs.getBytes(1);
                }
            }
            commitWriter();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw storage("cannot read or create the erasure secret in " + url.display(), e);
        }
    }

    // ------------------------------------------------------------------ keys and sealing

    /** The keyring from the key file, or from the {@code keyring} table (created with one key). */
    private Keyring loadKeys() throws SQLException {
        if (keyFile != null) {
            return KeyFile.loadOrCreate(keyFile);
        }
        try (PreparedStatement ps = writer.prepareStatement(
                "INSERT INTO keyring(id, keys) VALUES (1, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, Keyring.newKeyLine("k1") + "\n");
            ps.executeUpdate();
        }
        try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("SELECT keys FROM keyring WHERE id=1")) {
            rs.next();
            return Keyring.parse(rs.getString(1), keyLocation());
        }
    }

    private String keyLocation() {
        return keyFile != null ? keyFile.toString() : "table keyring of " + url.display();
    }

    /** Schema 1 to 2: every stored value is sealed and the index rebuilt with keyed hashes. */
    private void sealLegacy(Statement s) throws SQLException {
        List<ValueFlag> legacyFlags = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns"
                + " WHERE table_name='flags' AND column_name='tag'")) {
            if (!rs.next()) {
                try (Statement q = writer.createStatement();
                        ResultSet f = q.executeQuery("SELECT identifier, status, reason FROM flags")) {
                    while (f.next()) {
                        legacyFlags.add(new ValueFlag(f.getString(1), f.getString(2), f.getString(3)));
                    }
                }
                s.execute("DROP TABLE flags");
                s.execute("CREATE TABLE flags(tag TEXT PRIMARY KEY, identifier TEXT NOT NULL,"
                        + " status TEXT NOT NULL, reason TEXT NOT NULL)");
            }
        }
        reseal(true, legacyFlags);
        s.execute("UPDATE meta SET value='" + SCHEMA_VERSION + "' WHERE key='schema'");
    }

    /**
     * Key rotation (see {@link Store#rotateKeys}): the new key is added where the keys are kept,
     * every sealed value is re-encrypted and the index rebuilt, under the write lock, in one
     * transaction (with keys in the database, the new key commits with them). PostgreSQL keeps the
     * old row versions until its vacuum runs: the README says to run {@code VACUUM FULL} after.
     */
    @Override
    public synchronized KeyRotation rotateKeys(boolean retireOld) {
        reviveWriter();
        AtRest before = atRest;
        try (Statement s = writer.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            String version;
            if (keyFile != null) {
                version = KeyFile.addKey(keyFile);
                atRest = AtRest.of(Keyring.load(keyFile), before.indexVersion());
            } else {
                version = before.keyring().nextVersion();
                String text = storedKeys() + Keyring.newKeyLine(version) + "\n";
                storeKeys(text);
                atRest = AtRest.of(Keyring.parse(text, keyLocation()), before.indexVersion());
            }
            long records = reseal(false, flags());
            List<String> retired = new ArrayList<>();
            if (retireOld && keyFile == null) {
                String keep = "";
                for (String line : storedKeys().lines().toList()) {
                    if (line.startsWith(version + ":")) {
                        keep = line + "\n";
                    }
                }
                storeKeys(keep);
                retired.addAll(before.keyring().versions());
                atRest = AtRest.current(Keyring.parse(keep, keyLocation()));
            }
            commitWriter();
            if (retireOld && keyFile != null) {
                retired.addAll(KeyFile.retireOld(keyFile));
                atRest = AtRest.current(Keyring.load(keyFile));
            }
            return new KeyRotation(before.keyring().versions(), version, records, keyLocation(), retired);
        } catch (SQLException e) {
            rollbackQuietly();
            atRest = before;
            throw storage("cannot re-encrypt " + url.display() + " (it is unchanged)", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            atRest = before;
            throw e;
        }
    }

    private String storedKeys() throws SQLException {
        try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("SELECT keys FROM keyring WHERE id=1")) {
            rs.next();
            String t = rs.getString(1);
            return t.endsWith("\n") ? t : t + "\n";
        }
    }

    private void storeKeys(String text) throws SQLException {
        try (PreparedStatement ps = writer.prepareStatement("UPDATE keyring SET keys=? WHERE id=1")) {
            ps.setString(1, text);
            ps.executeUpdate();
        }
    }

    /**
     * Seals every stored value under the current key and rebuilds the identifier index with it,
     * inside the open transaction; {@code plain}: the values are not sealed yet (schema 1).
     * {@code oldFlags} are the flags as read before (they are rewritten). Returns records rewritten.
     */
    private long reseal(boolean plain, List<ValueFlag> oldFlags) throws SQLException {
        AtRest from = atRest;
        AtRest to = atRest.rotated();
        java.util.function.UnaryOperator<String> read = plain ? v -> v : from::open;
        long rewritten = 0;
        try (Statement s = writer.createStatement();
                PreparedStatement sel = writer.prepareStatement(
                        "SELECT id, keys, fields FROM records WHERE id > ? ORDER BY id LIMIT 4096");
                PreparedStatement upd = writer.prepareStatement("UPDATE records SET keys=?, fields=? WHERE id=?");
                PreparedStatement idx = writer.prepareStatement(
                        "INSERT INTO identifiers(h, rec) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.execute("DELETE FROM identifiers");
            long last = 0;
            while (true) {
                sel.setLong(1, last);
                int n = 0;
                try (ResultSet rs = sel.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String fields = read.apply(text(rs.getBytes(3)));
                        upd.setBytes(1, bytes(to.seal(read.apply(text(rs.getBytes(2))))));
                        upd.setBytes(2, bytes(to.seal(fields)));
                        upd.setLong(3, id);
                        upd.addBatch();
                        for (Identifier identifier : new SourceRecord(new RecordKey("", ""),
                                RecordCodec.decode(fields), 0).identifiers()) {
                            idx.setLong(1, to.index(identifier.key()));
                            idx.setLong(2, id);
                            idx.addBatch();
                        }
                        last = id;
                        n++;
                    }
                }
                if (n == 0) {
                    break;
                }
                upd.executeBatch();
                idx.executeBatch();
                rewritten += n;
            }
            resealColumn("log", "seq", read, to);
            resealColumn("reviews", "id", read, to);
            s.execute("DELETE FROM flags");
            atRest = to;
            writeFlags(oldFlags);
            s.execute("INSERT INTO meta(key, value) VALUES ('index_key', '" + to.indexStamp()
                    + "') ON CONFLICT (key) DO UPDATE SET value=EXCLUDED.value");
        } catch (SQLException | RuntimeException e) {
            atRest = from;
            throw e;
        }
        return rewritten;
    }

    private void resealColumn(String table, String key, java.util.function.UnaryOperator<String> read, AtRest to)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("SELECT " + key + ", reason FROM "
                + table)) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getObject(1), rs.getString(2)});
            }
        }
        try (PreparedStatement upd = writer.prepareStatement("UPDATE " + table + " SET reason=? WHERE " + key + "=?")) {
            for (Object[] row : rows) {
                upd.setString(1, to.seal(read.apply((String) row[1])));
                upd.setObject(2, row[0]);
                upd.addBatch();
            }
            upd.executeBatch();
        }
    }

    /** Reasons are sealed, so each is opened, cleaned of the erased values and sealed again. */
    private void scrubLog(List<String> identifiers) throws SQLException {
        if (identifiers.isEmpty()) {
            return;
        }
        List<Object[]> changed = new ArrayList<>();
        try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("SELECT seq, reason FROM log")) {
            while (rs.next()) {
                String reason = atRest.open(rs.getString(2));
                String clean = Erasure.scrub(reason, identifiers);
                if (!clean.equals(reason)) {
                    changed.add(new Object[] {rs.getLong(1), clean});
                }
            }
        }
        try (PreparedStatement ps = writer.prepareStatement("UPDATE log SET reason=? WHERE seq=?")) {
            for (Object[] row : changed) {
                ps.setString(1, atRest.seal((String) row[1]));
                ps.setLong(2, (Long) row[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertRecords(List<StoredRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        long[] ids = new long[records.size()];
        try (PreparedStatement ps = writer.prepareStatement(
                "SELECT nextval('records_id_seq') FROM generate_series(1, ?)")) {
            ps.setInt(1, ids.length);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ins = writer.prepareStatement("INSERT INTO records(id, source, record_id, profile_id,"
                + " ingested_at, keys, fields, links, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, nextval('idem_changes'))");
                PreparedStatement idx = writer.prepareStatement(
                        "INSERT INTO identifiers(h, rec) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < ids.length; i++) {
                StoredRecord r = records.get(i);
                ins.setLong(1, ids[i]);
                ins.setString(2, r.record().key().source());
                ins.setString(3, r.record().key().recordId());
                ins.setString(4, r.profileId());
                ins.setLong(5, r.record().ingestedAt());
                ins.setBytes(6, bytes(atRest.seal(r.keys())));
                ins.setBytes(7, bytes(atRest.seal(RecordCodec.encode(r.record().fields()))));
                ins.setString(8, r.links());
                ins.addBatch();
                for (Identifier identifier : r.record().identifiers()) {
                    idx.setLong(1, atRest.index(identifier.key()));
                    idx.setLong(2, ids[i]);
                    idx.addBatch();
                }
            }
            ins.executeBatch();
            idx.executeBatch();
        }
    }

    /** Runs {@code sql} (value, source, record id) for each entry: one column of stored records. */
    private void updateRecords(String sql, Map<RecordKey, String> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = writer.prepareStatement(sql)) {
            for (Map.Entry<RecordKey, String> e : values.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, e.getKey().source());
                ps.setString(3, e.getKey().recordId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** What replacing a record needs of its stored row: its id and its identifier-index hashes. */
    private record StoredRow(long id, long[] identifiers) {
    }

    private void replaceRecords(List<StoredRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        Map<RecordKey, StoredRow> stored = storedRows(records);
        try (PreparedStatement upd = writer.prepareStatement("UPDATE records SET profile_id=?, ingested_at=?,"
                        + " keys=?, fields=?, links=?, seq=nextval('idem_changes') WHERE id=?");
                PreparedStatement del = writer.prepareStatement("DELETE FROM identifiers WHERE h=? AND rec=?");
                PreparedStatement idx = writer.prepareStatement(
                        "INSERT INTO identifiers(h, rec) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (StoredRecord r : records) {
                RecordKey k = r.record().key();
                StoredRow old = stored.get(k);
                if (old == null) {
                    throw new IdemException.Storage("cannot replace record " + k + ": it is not stored", null);
                }
                long[] now = atRest.indexes(r.record().identifiers());
                // most updates change an event or an attribute, not what the record is found by:
                // then its identifier-index rows stay as they are
                if (!java.util.Arrays.equals(old.identifiers(), now)) {
                    for (long h : old.identifiers()) {
                        del.setLong(1, h);
                        del.setLong(2, old.id());
                        del.addBatch();
                    }
                    for (long h : now) {
                        idx.setLong(1, h);
                        idx.setLong(2, old.id());
                        idx.addBatch();
                    }
                }
                // a record replaced twice in one change set starts its second replacement from its first
                stored.put(k, new StoredRow(old.id(), now));
                upd.setString(1, r.profileId());
                upd.setLong(2, r.record().ingestedAt());
                upd.setBytes(3, bytes(atRest.seal(r.keys())));
                upd.setBytes(4, bytes(atRest.seal(RecordCodec.encode(r.record().fields()))));
                upd.setString(5, r.links());
                upd.setLong(6, old.id());
                upd.addBatch();
            }
            del.executeBatch();
            idx.executeBatch();
            upd.executeBatch();
        }
    }

    /** The stored rows of the records about to be replaced, found in one statement per thousand. */
    private Map<RecordKey, StoredRow> storedRows(List<StoredRecord> records) throws SQLException {
        List<RecordKey> keys = records.stream().map(r -> r.record().key()).distinct().toList();
        Map<RecordKey, StoredRow> out = new java.util.HashMap<>(keys.size() * 2);
        try (PreparedStatement find = writer.prepareStatement("SELECT r.id, r.source, r.record_id, r.fields"
                + " FROM records r JOIN unnest(?::text[], ?::text[]) AS k(source, record_id)"
                + " ON r.source = k.source AND r.record_id = k.record_id")) {
            for (int from = 0; from < keys.size(); from += 1_000) {
                List<RecordKey> part = keys.subList(from, Math.min(keys.size(), from + 1_000));
                find.setArray(1, writer.createArrayOf("text", part.stream().map(RecordKey::source).toArray()));
                find.setArray(2, writer.createArrayOf("text", part.stream().map(RecordKey::recordId).toArray()));
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        RecordKey k = new RecordKey(rs.getString(2), rs.getString(3));
                        List<Field> fields = RecordCodec.decode(atRest.open(text(rs.getBytes(4))));
                        out.put(k, new StoredRow(rs.getLong(1), atRest.indexes(new SourceRecord(k, fields, 0).identifiers())));
                    }
                }
            }
        }
        return out;
    }

    private void writeAliases(Map<String, String> aliases) throws SQLException {
        if (aliases.isEmpty()) {
            return;
        }
        try (PreparedStatement put = writer.prepareStatement("INSERT INTO aliases(old_id, new_id, seq)"
                + " VALUES (?, ?, nextval('idem_changes')) ON CONFLICT (old_id) DO UPDATE"
                + " SET new_id=EXCLUDED.new_id, seq=EXCLUDED.seq");
                PreparedStatement chain = writer.prepareStatement(
                        "UPDATE aliases SET new_id=?, seq=nextval('idem_changes') WHERE new_id=?");
                PreparedStatement revive = writer.prepareStatement("DELETE FROM aliases WHERE old_id=?")) {
            for (Map.Entry<String, String> e : aliases.entrySet()) {
                String survivor = liveTarget(e.getValue(), aliases);
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
    }

    /** Follows aliases inside the same change set, so chains within one batch collapse. */
    private static String liveTarget(String id, Map<String, String> aliases) {
        String cur = id;
        for (int i = 0; i < 1000 && aliases.containsKey(cur); i++) {
            cur = aliases.get(cur);
        }
        return cur;
    }

    private void writeLog(List<LogEntry> log) throws SQLException {
        if (log.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO log(at, action, profile_id, other_id,"
                + " reason, actor) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (LogEntry l : log) {
                ps.setLong(1, l.at());
                ps.setString(2, clean(l.action()));
                ps.setString(3, clean(l.profileId()));
                ps.setString(4, clean(l.otherId()));
                ps.setString(5, atRest.seal(l.reason()));
                ps.setString(6, clean(l.actor()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeFlags(List<ValueFlag> flags) throws SQLException {
        if (flags.isEmpty()) {
            return;
        }
        try (PreparedStatement put = writer.prepareStatement("INSERT INTO flags(tag, identifier, status, reason)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (tag) DO UPDATE SET identifier=EXCLUDED.identifier,"
                + " status=EXCLUDED.status, reason=EXCLUDED.reason");
                PreparedStatement del = writer.prepareStatement("DELETE FROM flags WHERE tag=?")) {
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
    }

    private void writeRun(ImportRun r) throws SQLException {
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO imports(id, source, file, started_at,"
                + " finished_at, status, rows_read, records_new, records_updated, records_unchanged, profiles_created,"
                + " profiles_merged, identifiers_quarantined, rows_rejected, reject_file)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " finished_at=EXCLUDED.finished_at, status=EXCLUDED.status, rows_read=EXCLUDED.rows_read,"
                + " records_new=EXCLUDED.records_new, records_updated=EXCLUDED.records_updated,"
                + " records_unchanged=EXCLUDED.records_unchanged, profiles_created=EXCLUDED.profiles_created,"
                + " profiles_merged=EXCLUDED.profiles_merged, identifiers_quarantined=EXCLUDED.identifiers_quarantined,"
                + " rows_rejected=EXCLUDED.rows_rejected, reject_file=EXCLUDED.reject_file")) {
            ps.setString(1, r.id());
            ps.setString(2, clean(r.source()));
            ps.setString(3, clean(r.file()));
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
            ps.setString(15, clean(r.rejectFile()));
            ps.executeUpdate();
        }
    }

    private void writeReviews(List<PairReview> reviews) throws SQLException {
        if (reviews.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO reviews(id, a_source, a_id, b_source, b_id,"
                + " score, reason, status, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, nextval('idem_changes'))"
                + " ON CONFLICT (id) DO UPDATE SET score=EXCLUDED.score, reason=EXCLUDED.reason,"
                + " status=EXCLUDED.status, at=EXCLUDED.at, seq=EXCLUDED.seq")) {
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
        return SqlStats.reviews(this::rows, atRest::open, SqlStats.Reviews.ALL, "COLLATE \"C\"");
    }

    @Override
    public List<PairReview> reviewHeads() {
        return SqlStats.reviews(this::rows, atRest::open, SqlStats.Reviews.HEADS, "COLLATE \"C\"");
    }

    @Override
    public List<PairReview> reviews(java.util.Collection<String> ids) {
        return SqlStats.reviews(this::rows, atRest::open, ids, "COLLATE \"C\"");
    }

    @Override
    public List<PairReview> decidedReviews() {
        return SqlStats.reviews(this::rows, atRest::open, SqlStats.Reviews.DECIDED, "COLLATE \"C\"");
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
    public synchronized void putApiKey(ApiKey key) {
        reviveWriter();
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO api_keys(hash, name, scope, source,"
                + " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET name=EXCLUDED.name,"
                + " scope=EXCLUDED.scope, source=EXCLUDED.source, created_at=EXCLUDED.created_at")) {
            ps.setString(1, key.hash());
            ps.setString(2, clean(key.name()));
            ps.setString(3, key.scope());
            ps.setString(4, clean(key.source()));
            ps.setLong(5, key.createdAt());
            ps.executeUpdate();
            commitWriter();
        } catch (SQLException e) {
            rollbackQuietly();
            throw storage("cannot write to " + url.display(), e);
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public void scan(Consumer<StoredRecord> sink) {
        streaming("SELECT " + RECORD_COLUMNS + " FROM records ORDER BY source COLLATE \"C\", record_id COLLATE \"C\"",
                rs -> sink.accept(readRecord(rs)));
    }

    @Override
    public void scanKeys(Consumer<KeyedRecord> sink) {
        // in the order records arrived (ids are handed out in that order and kept by rewrites): the
        // engine estimates m on the first records and expects them first; a rewritten row's new
        // version is elsewhere in the table, so the table's own order is not arrival
        streaming("SELECT source, record_id, profile_id, keys, links FROM records ORDER BY id", rs -> sink.accept(
                new KeyedRecord(new RecordKey(rs.getString(1), rs.getString(2)), rs.getString(3),
                        atRest.open(text(rs.getBytes(4))), rs.getString(5))));
    }

    @Override
    public void scanAliases(BiConsumer<String, String> sink) {
        streaming("SELECT old_id, new_id FROM aliases ORDER BY old_id COLLATE \"C\"",
                rs -> sink.accept(rs.getString(1), rs.getString(2)));
    }

    @Override
    public Optional<StoredRecord> record(RecordKey key) {
        List<StoredRecord> out = new ArrayList<>(1);
        query("SELECT " + RECORD_COLUMNS + " FROM records WHERE source=? AND record_id=?", ps -> {
            ps.setString(1, key.source());
            ps.setString(2, key.recordId());
        }, rs -> out.add(readRecord(rs)));
        return out.stream().findFirst();
    }

    @Override
    public Map<RecordKey, String> profilesOf(java.util.Collection<RecordKey> keys) {
        List<RecordKey> list = keys.stream().distinct().toList();
        Map<RecordKey, String> out = new java.util.HashMap<>(list.size() * 2);
        for (int from = 0; from < list.size(); from += 1_000) {
            List<RecordKey> part = list.subList(from, Math.min(list.size(), from + 1_000));
            query("SELECT r.source, r.record_id, r.profile_id FROM records r"
                    + " JOIN unnest(?::text[], ?::text[]) AS k(source, record_id)"
                    + " ON r.source = k.source AND r.record_id = k.record_id", ps -> {
                        ps.setArray(1, ps.getConnection().createArrayOf("text", part.stream().map(RecordKey::source).toArray()));
                        ps.setArray(2, ps.getConnection().createArrayOf("text", part.stream().map(RecordKey::recordId).toArray()));
                    }, rs -> out.put(new RecordKey(rs.getString(1), rs.getString(2)), rs.getString(3)));
        }
        return out;
    }

    @Override
    public List<StoredRecord> recordsOfProfile(String profileId) {
        List<StoredRecord> out = new ArrayList<>();
        query("SELECT " + RECORD_COLUMNS + " FROM records WHERE profile_id=?"
                + " ORDER BY source COLLATE \"C\", record_id COLLATE \"C\"", ps -> ps.setString(1, profileId),
                rs -> out.add(readRecord(rs)));
        return out;
    }

    @Override
    public List<RecordKey> recordsWithIdentifier(Identifier identifier) {
        List<RecordKey> out = new ArrayList<>();
        // the index holds hashes: confirm each hit against the record itself
        query("SELECT r.source, r.record_id, r.fields FROM identifiers i JOIN records r ON r.id = i.rec WHERE i.h=?"
                + " ORDER BY r.source COLLATE \"C\", r.record_id COLLATE \"C\"",
                ps -> ps.setLong(1, atRest.index(identifier.key())), rs -> {
                    RecordKey k = new RecordKey(rs.getString(1), rs.getString(2));
                    if (new SourceRecord(k, RecordCodec.decode(atRest.open(text(rs.getBytes(3)))), 0).identifiers()
                            .contains(identifier)) {
                        out.add(k);
                    }
                });
        return out;
    }

    @Override
    public Optional<String> liveProfileId(String profileId) {
        List<String> out = new ArrayList<>(1);
        query("SELECT new_id FROM aliases WHERE old_id=? UNION ALL"
                + " (SELECT profile_id FROM records WHERE profile_id=? LIMIT 1)", ps -> {
                    ps.setString(1, profileId);
                    ps.setString(2, profileId);
                }, rs -> out.add(rs.getString(1)));
        return out.stream().findFirst();
    }

    @Override
    public List<LogEntry> history(String profileId) {
        List<LogEntry> out = new ArrayList<>();
        query("SELECT at, action, profile_id, other_id, reason, actor FROM log WHERE profile_id=? OR other_id=?"
                + " ORDER BY seq", ps -> {
                    ps.setString(1, profileId);
                    ps.setString(2, profileId);
                }, rs -> out.add(new LogEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        atRest.open(rs.getString(5)), rs.getString(6))));
        return out;
    }

    @Override
    public List<ValueFlag> flags() {
        AtRest keys = atRest;
        List<ValueFlag> out = new ArrayList<>();
        query("SELECT identifier, status, reason FROM flags", ps -> { },
                rs -> out.add(new ValueFlag(keys.open(rs.getString(1)), rs.getString(2), keys.open(rs.getString(3)))));
        out.sort(java.util.Comparator.comparing(ValueFlag::identifier));
        return out;
    }

    @Override
    public java.util.Map<String, ValueFlag> flagsOf(java.util.Collection<String> identifiers) {
        java.util.Map<String, ValueFlag> out = new java.util.HashMap<>();
        for (String identifier : new java.util.TreeSet<>(identifiers)) {
            query("SELECT status, reason FROM flags WHERE tag=?", ps -> ps.setString(1, atRest.tag(identifier)),
                    rs -> out.put(identifier, new ValueFlag(identifier, rs.getString(1), atRest.open(rs.getString(2)))));
        }
        return out;
    }

    @Override
    public StoreStats stats() {
        return SqlStats.of(this::rows, "COLLATE \"C\"");
    }

    @Override
    public Optional<ApiKey> apiKey(String hash) {
        List<ApiKey> out = new ArrayList<>(1);
        query("SELECT hash, name, scope, source, created_at FROM api_keys WHERE hash=?", ps -> ps.setString(1, hash),
                rs -> out.add(new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5))));
        return out.stream().findFirst();
    }

    private StoredRecord readRecord(ResultSet rs) throws SQLException {
        List<Field> fields = RecordCodec.decode(atRest.open(text(rs.getBytes(5))));
        return new StoredRecord(new SourceRecord(new RecordKey(rs.getString(1), rs.getString(2)), fields,
                rs.getLong(4)), rs.getString(3));
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
     * A query on a reader connection. One that PostgreSQL closed (a restart, a failover) is replaced,
     * with every idle one found closed too, and the query is run once more on the new one when no
     * row had reached {@code handler} yet: a restart costs the reads made while it lasted, not one
     * failed read per pooled connection after it.
     */
    private void query(String sql, Binder binder, RowHandler handler) {
        for (int attempt = 0;; attempt++) {
            Connection c = borrow();
            Connection back = c;
            int[] rows = {0};
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows[0]++;
                        handler.row(rs);
                    }
                }
                return;
            } catch (SQLException e) {
                back = revived(c);
                if (back == c || attempt > 0 || rows[0] > 0) {
                    throw storage("cannot read " + url.display(), e);
                }
                reviveIdleReaders();
            } finally {
                readers.add(back);
            }
        }
    }

    /** After one reader was found closed: the idle ones are checked (and replaced) now, not one failure each. */
    private void reviveIdleReaders() {
        List<Connection> idle = new ArrayList<>();
        readers.drainTo(idle);
        for (Connection c : idle) {
            readers.add(revived(c));
        }
    }

    /** A query over many rows, fetched in chunks (a cursor needs a transaction). */
    private void streaming(String sql, RowHandler handler) {
        Connection c = borrow();
        boolean failed = false;
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.row(rs);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failed = true;
            throw storage("cannot read " + url.display(), e);
        } finally {
            readers.add(failed ? revived(c) : c);
            if (failed) {
                reviveIdleReaders();
            }
        }
    }

    private Connection borrow() {
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdemException.Storage("interrupted waiting for a connection to " + url.display(), e);
        }
    }

    private void rollbackQuietly() {
        if (open) {
            // open change sets go with it: the next write says so instead of committing what followed
            open = false;
            openLost = true;
        }
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original error matters more
        }
    }

    private IdemException.Storage storage(String what, SQLException e) {
        writerSuspect = true; // cheap to check: one round trip before the next write
        return new IdemException.Storage(what + ": " + reason(e), e);
    }

    /**
     * Checks a writer connection a failed statement left suspect, and replaces it when PostgreSQL
     * closed it: a restarted or failed-over server costs the calls made while it was away, not every
     * call after (before, a long-running {@code serve} answered 503 until it was restarted itself).
     * Still unreachable: the error says so and the next use tries again.
     */
    private synchronized void reviveWriter() {
        long now = System.nanoTime();
        boolean idle = now - writerUsed > IDLE_CHECK_NANOS;
        writerUsed = now;
        if (!writerSuspect && !idle) {
            return;
        }
        try {
            if (writer.isValid(2)) {
                writerSuspect = false;
                return;
            }
        } catch (SQLException ignored) {
            // as good as closed
        }
        closeQuietly(writer);
        Connection w = url.connect();
        try {
            w.setAutoCommit(false);
        } catch (SQLException e) {
            closeQuietly(w);
            throw storage("cannot reconnect to " + url.display(), e);
        }
        writer = w;
        open = false; // what the old connection held open is gone; openLost says so if anything was
        writerSuspect = false;
    }

    /**
     * A reader connection after a failed query: itself when it is alive, else a new one (or, while
     * PostgreSQL is unreachable, the old one, checked again after its next failure).
     */
    private Connection revived(Connection c) {
        try {
            if (c.isValid(1)) {
                return c;
            }
        } catch (SQLException ignored) {
            // as good as closed
        }
        Connection fresh;
        try {
            fresh = url.connect();
        } catch (RuntimeException stillDown) {
            return c;
        }
        closeQuietly(c);
        synchronized (allReaders) {
            allReaders.remove(c);
            allReaders.add(fresh);
        }
        return fresh;
    }

    /** Longest driver message kept in an error. */
    private static final int MAX_REASON = 500;

    /**
     * The driver's reason for a failure, without the statement a failed batch quotes whole: its
     * message held every row's values, megabytes of sealed bytes printed on the user's terminal
     * when the connection dropped during an import.
     */
    static String reason(SQLException e) {
        SQLException cause = e instanceof java.sql.BatchUpdateException && e.getNextException() != null
                ? e.getNextException() : e;
        String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int aborted = m.indexOf(" was aborted: ");
        if (m.startsWith("Batch entry ") && aborted > 0) {
            m = "a batch was aborted: " + m.substring(aborted + " was aborted: ".length());
        }
        return m.length() > MAX_REASON ? m.substring(0, MAX_REASON) + "..." : m;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** PostgreSQL text cannot hold NUL: replaced, so a stray one never fails a write. */
    private static String clean(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
    }

    @Override
    public synchronized void close() {
        synchronized (allReaders) {
            for (Connection c : allReaders) {
                closeQuietly(c);
            }
        }
        closeQuietly(writer);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing left to do
        }
    }
}
