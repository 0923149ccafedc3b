package io.idem.store.sqlite;

import io.idem.core.store.Store;
import io.idem.store.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store createStore() {
        return SqliteStore.open(dir);
    }

    @Override
    protected Store reopen(Store old) {
        old.close();
        return SqliteStore.open(dir);
    }

    /** The database file and its write-ahead log, byte for byte, as Latin-1 so any byte is a char. */
    @Override
    protected String everythingStored(Store s) {
        StringBuilder sb = new StringBuilder();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("idem.db")).sorted().toList()) {
                sb.append(new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Open change sets are one transaction with the next apply: a process that stops before it loses them. */
    @org.junit.jupiter.api.Test
    void openChangeSetsWithoutALaterApplyAreNotKept(@TempDir Path d) {
        try (SqliteStore s = SqliteStore.open(d)) {
            s.apply(records(new io.idem.core.store.StoredRecord(record("web", "1", "ana@x.com", "ana@x.com"), "P1")));
            s.applyOpen(records(new io.idem.core.store.StoredRecord(record("web", "2", "bea@x.com", "bea@x.com"), "P2")));
            org.assertj.core.api.Assertions.assertThat(s.stats().records()).isEqualTo(1);
        }
        try (SqliteStore s = SqliteStore.open(d)) {
            org.assertj.core.api.Assertions.assertThat(s.stats().records()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(s.record(new io.idem.core.model.RecordKey("web", "2"))).isEmpty();
            s.apply(records(new io.idem.core.store.StoredRecord(record("web", "2", "bea@x.com", "bea@x.com"), "P2")));
            org.assertj.core.api.Assertions.assertThat(s.recordsWithIdentifier(
                    new io.idem.core.model.Identifier(io.idem.core.model.FieldKind.EMAIL, "bea@x.com")))
                    .containsExactly(new io.idem.core.model.RecordKey("web", "2"));
        }
    }

    /**
     * Commits are copied from the write-ahead log into the database file by a thread of their own,
     * while the writer goes on: the file grows without any close, and long before the writer's
     * own checkpoint (every 65,536 pages) would.
     */
    @org.junit.jupiter.api.Test
    void aBackgroundCheckpointCopiesCommitsIntoTheDatabaseFile(@TempDir Path d) throws Exception {
        try (SqliteStore s = SqliteStore.open(d)) {
            long before = java.nio.file.Files.size(d.resolve("idem.db"));
            for (int batch = 0; batch < 5; batch++) {
                java.util.List<io.idem.core.store.StoredRecord> rs = new java.util.ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    String id = batch + "-" + i;
                    rs.add(new io.idem.core.store.StoredRecord(record("web", id, id + "@x.com", id + "@x.com"), "P" + id));
                }
                s.apply(new io.idem.core.store.ChangeSet(rs, java.util.List.of(), java.util.Map.of(), java.util.Map.of(),
                        java.util.List.of(), java.util.List.of(), null));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (java.nio.file.Files.size(d.resolve("idem.db")) <= before + 400_000 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.size(d.resolve("idem.db")))
                    .isGreaterThan(before + 400_000);
            org.assertj.core.api.Assertions.assertThat(s.stats().records()).isEqualTo(2_000);
        }
    }

    /** A data directory written before encryption at rest (schema 1) is sealed in place on open. */
    @org.junit.jupiter.api.Test
    void aStoreFromBeforeEncryptionIsSealedOnOpen(@TempDir Path old) throws Exception {
        var fields = java.util.List.of(new io.idem.core.model.Field("correo", io.idem.core.model.FieldKind.EMAIL,
                "Ximena.Legacy@Example.org", "ximena.legacy@example.org", null));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old.resolve("idem.db"));
                var st = c.createStatement()) {
            st.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("INSERT INTO meta VALUES ('schema', '1')");
            st.execute("CREATE TABLE records(id INTEGER PRIMARY KEY, key_hash INTEGER NOT NULL, source TEXT NOT NULL,"
                    + " record_id TEXT NOT NULL, profile_id TEXT NOT NULL, profile_hash INTEGER NOT NULL,"
                    + " ingested_at INTEGER NOT NULL, keys TEXT NOT NULL, fields TEXT NOT NULL)");
            st.execute("CREATE TABLE identifiers(h INTEGER NOT NULL, rec INTEGER NOT NULL)");
            st.execute("CREATE TABLE flags(identifier TEXT PRIMARY KEY, status TEXT NOT NULL, reason TEXT NOT NULL)");
            st.execute("CREATE TABLE log(seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
                    + " action TEXT NOT NULL, profile_id TEXT NOT NULL, other_id TEXT NOT NULL,"
                    + " reason TEXT NOT NULL, actor TEXT NOT NULL)");
            try (var ps = c.prepareStatement("INSERT INTO records VALUES (1, ?, 'web', '1', 'P1', ?, 5, ?, ?)")) {
                ps.setLong(1, io.idem.core.store.Hashes.of("web", "1"));
                ps.setLong(2, io.idem.core.store.Hashes.of("P1"));
                ps.setString(3, "legacy keys ximena.legacy@example.org");
                ps.setString(4, io.idem.core.store.RecordCodec.encode(fields));
                ps.executeUpdate();
            }
            st.execute("INSERT INTO identifiers VALUES (" + io.idem.core.store.Hashes.of("email:ximena.legacy@example.org")
                    + ", 1)");
            st.execute("INSERT INTO flags VALUES ('email:ximena.legacy@example.org', 'shared', '2 different documents')");
            st.execute("INSERT INTO log(at, action, profile_id, other_id, reason, actor) VALUES (1, 'link', 'P1', '',"
                    + " 'shared email:ximena.legacy@example.org', 'import:web')");
        }
        try (SqliteStore s = SqliteStore.open(old)) {
            var email = new io.idem.core.model.Identifier(io.idem.core.model.FieldKind.EMAIL, "ximena.legacy@example.org");
            org.assertj.core.api.Assertions.assertThat(s.recordsWithIdentifier(email))
                    .containsExactly(new io.idem.core.model.RecordKey("web", "1"));
            org.assertj.core.api.Assertions.assertThat(s.record(new io.idem.core.model.RecordKey("web", "1"))
                    .orElseThrow().record().fields()).isEqualTo(fields);
            org.assertj.core.api.Assertions.assertThat(s.flags()).extracting(io.idem.core.store.ValueFlag::identifier)
                    .containsExactly("email:ximena.legacy@example.org");
            org.assertj.core.api.Assertions.assertThat(s.history("P1")).singleElement()
                    .satisfies(l -> org.assertj.core.api.Assertions.assertThat(l.reason()).contains("ximena.legacy"));
        }
        String bytes = new String(java.nio.file.Files.readAllBytes(old.resolve("idem.db")),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        org.assertj.core.api.Assertions.assertThat(bytes).doesNotContainIgnoringCase("ximena.legacy");
    }

    /**
     * Records sealed as Base64 text, as every store wrote them before sealed bytes (2026-12-07), stay
     * readable by every read path; a rewrite or a key rotation turns them into bytes.
     */
    @org.junit.jupiter.api.Test
    void recordsSealedAsTextByEarlierVersionsStayReadable(@TempDir Path d) throws Exception {
        var ana = new io.idem.core.store.StoredRecord(record("web", "1", "ana@x.com", "ana@x.com"), "P1");
        var bea = new io.idem.core.store.StoredRecord(record("web", "2", "bea@x.com", "bea@x.com"), "P2");
        try (SqliteStore s = SqliteStore.open(d)) {
            s.apply(records(ana, bea));
        }
        var atRest = io.idem.core.privacy.AtRest.current(io.idem.core.privacy.Keyring.load(d.resolve("idem.keys")));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + d.resolve("idem.db"));
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT id, keys, fields FROM records");
                var upd = c.prepareStatement("UPDATE records SET keys=?, fields=? WHERE id=?")) {
            while (rs.next()) {
                org.assertj.core.api.Assertions.assertThat(rs.getObject(3)).isInstanceOf(byte[].class);
                upd.setString(1, atRest.seal(new String(atRest.openBytes(rs.getBytes(2)), java.nio.charset.StandardCharsets.UTF_8)));
                upd.setString(2, atRest.seal(new String(atRest.openBytes(rs.getBytes(3)), java.nio.charset.StandardCharsets.UTF_8)));
                upd.setLong(3, rs.getLong(1));
                upd.executeUpdate();
            }
        }
        org.assertj.core.api.Assertions.assertThat(columnTypes(d)).containsOnly("text");
        var anaEmail = new io.idem.core.model.Identifier(io.idem.core.model.FieldKind.EMAIL, "ana@x.com");
        try (SqliteStore s = SqliteStore.open(d)) {
            org.assertj.core.api.Assertions.assertThat(s.record(ana.record().key())).contains(ana);
            org.assertj.core.api.Assertions.assertThat(s.recordsWithIdentifier(anaEmail)).containsExactly(ana.record().key());
            java.util.List<io.idem.core.store.KeyedRecord> keyed = new java.util.ArrayList<>();
            s.scanKeys(keyed::add);
            org.assertj.core.api.Assertions.assertThat(keyed).extracting(io.idem.core.store.KeyedRecord::keys)
                    .containsExactlyInAnyOrder(ana.keys(), bea.keys());
            // a replaced record is written as bytes; the other stays text and readable
            var ana2 = new io.idem.core.store.StoredRecord(record("web", "1", "ana@y.com", "ana@y.com"), "P1");
            s.apply(new io.idem.core.store.ChangeSet(java.util.List.of(), java.util.List.of(ana2), java.util.Map.of(),
                    java.util.Map.of(), java.util.List.of(), java.util.List.of(), null));
            org.assertj.core.api.Assertions.assertThat(s.record(ana.record().key())).contains(ana2);
            org.assertj.core.api.Assertions.assertThat(s.record(bea.record().key())).contains(bea);
            org.assertj.core.api.Assertions.assertThat(s.recordsWithIdentifier(anaEmail)).isEmpty();
            org.assertj.core.api.Assertions.assertThat(columnTypes(d)).containsOnly("text", "blob");
            s.rotateKeys(false);
            org.assertj.core.api.Assertions.assertThat(s.record(bea.record().key())).contains(bea);
        }
        org.assertj.core.api.Assertions.assertThat(columnTypes(d)).containsOnly("blob");
    }

    /**
     * During a bulk load the identifier index is dropped; a replacement that moves identifier rows
     * brings it back first (each of its deletes would otherwise scan the whole table), and the
     * lookups are right during and after the load.
     */
    @org.junit.jupiter.api.Test
    void aReplacementThatMovesIdentifiersDuringABulkLoadRebuildsTheIndexFirst(@TempDir Path d) throws Exception {
        try (SqliteStore s = SqliteStore.open(d)) {
            s.apply(records(new io.idem.core.store.StoredRecord(record("web", "1", "ana@x.com", "ana@x.com"), "P1")));
            s.beginBulk();
            s.applyOpen(records(new io.idem.core.store.StoredRecord(record("web", "2", "bea@x.com", "bea@x.com"), "P2")));
            org.assertj.core.api.Assertions.assertThat(indexes(d)).doesNotContain("identifiers_h");
            // only the received text changes: nothing moves, the index stays dropped
            s.applyOpen(new io.idem.core.store.ChangeSet(java.util.List.of(), java.util.List.of(
                    new io.idem.core.store.StoredRecord(record("web", "2", "bea@x.com", "BEA@x.com"), "P2", "k")),
                    java.util.Map.of(), java.util.Map.of(), java.util.List.of(), java.util.List.of(), null));
            // web:1 takes another e-mail: the index is rebuilt, in the same transaction
            s.apply(new io.idem.core.store.ChangeSet(java.util.List.of(), java.util.List.of(
                    new io.idem.core.store.StoredRecord(record("web", "1", "cai@x.com", "cai@x.com"), "P1", "k")),
                    java.util.Map.of(), java.util.Map.of(), java.util.List.of(), java.util.List.of(), null));
            org.assertj.core.api.Assertions.assertThat(indexes(d)).contains("identifiers_h", "records_profile");
            org.assertj.core.api.Assertions.assertThat(s.recordsWithIdentifier(email("ana@x.com"))).isEmpty();
            org.assertj.core.api.Assertions.assertThat(s.recordsWithIdentifier(email("cai@x.com")))
                    .containsExactly(new io.idem.core.model.RecordKey("web", "1"));
            org.assertj.core.api.Assertions.assertThat(s.recordsWithIdentifier(email("bea@x.com")))
                    .containsExactly(new io.idem.core.model.RecordKey("web", "2"));
            s.endBulk();
            org.assertj.core.api.Assertions.assertThat(indexes(d)).contains("identifiers_h", "records_profile");
        }
    }

    private static io.idem.core.model.Identifier email(String value) {
        return new io.idem.core.model.Identifier(io.idem.core.model.FieldKind.EMAIL, value);
    }

    /** The names of the indexes the database file holds now (what a reader opening it sees). */
    private static java.util.Set<String> indexes(Path d) throws java.sql.SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + d.resolve("idem.db"));
                var rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type='index'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The storage classes of the records' sealed columns. */
    private static java.util.Set<String> columnTypes(Path d) throws java.sql.SQLException {
        java.util.Set<String> types = new java.util.HashSet<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + d.resolve("idem.db"));
                var rs = c.createStatement().executeQuery("SELECT typeof(keys), typeof(fields) FROM records")) {
            while (rs.next()) {
                types.add(rs.getString(1));
                types.add(rs.getString(2));
            }
        }
        return types;
    }

    /** A store never silently starts over with a new key: a missing or different key file is refused. */
    @org.junit.jupiter.api.Test
    void aMissingOrForeignKeyFileIsRefusedBeforeAnythingIsWritten(@TempDir Path other) throws Exception {
        store.apply(io.idem.core.store.ChangeSet.of(java.util.List.of(new io.idem.core.store.StoredRecord(new io.idem.core.model.SourceRecord(
                new io.idem.core.model.RecordKey("web", "1"), java.util.List.of(new io.idem.core.model.Field("correo",
                        io.idem.core.model.FieldKind.EMAIL, "ana@x.com", "ana@x.com", null)), 1L), "P1")),
                java.util.Map.of(), java.util.List.of(), java.util.List.of(), null));
        store.close();
        Path keys = dir.resolve("idem.keys");
        Path moved = other.resolve("moved.keys");
        java.nio.file.Files.move(keys, moved);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(io.idem.core.IdemException.Configuration.class)
                .hasMessageContaining("does not exist").hasMessageContaining("IDEM_KEY_FILE");
        org.assertj.core.api.Assertions.assertThat(keys).doesNotExist();
        Path foreign = other.resolve("foreign.keys");
        io.idem.core.privacy.KeyFile.loadOrCreate(foreign); // also a "k1", but another secret
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteStore.open(dir, foreign))
                .isInstanceOf(io.idem.core.IdemException.Configuration.class)
                .hasMessageContaining("another key 'k1'");
        store = SqliteStore.open(dir, moved);
        org.assertj.core.api.Assertions.assertThat(store.recordsWithIdentifier(
                new io.idem.core.model.Identifier(io.idem.core.model.FieldKind.EMAIL, "ana@x.com"))).hasSize(1);
    }
}
