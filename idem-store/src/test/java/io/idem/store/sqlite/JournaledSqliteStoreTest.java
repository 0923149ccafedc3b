package io.idem.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.LogEntry;
import io.idem.core.store.Store;
import io.idem.core.store.StoreStats;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import io.idem.store.StoreContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store as the API server opens it: durable in its journal, applied to SQLite behind
 * it. The whole store contract, then what the journal adds: recovery of acknowledged change sets
 * SQLite never received, torn and damaged journal files, one owner per data directory.
 */
class JournaledSqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store createStore() {
        return SqliteStore.openJournaled(dir);
    }

    @Override
    protected Store reopen(Store old) {
        old.close();
        return SqliteStore.openJournaled(dir);
    }

    /** The database files and the journal's segments, byte for byte. */
    @Override
    protected String everythingStored(Store s) {
        s.stats(); // a read: SQLite has caught up with the journal when it returns
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Stream.concat(Files.list(dir), Files.list(dir.resolve("journal")))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("idem.db")
                    || f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                sb.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static ChangeSet person(int i) {
        SourceRecord r = new SourceRecord(new RecordKey("api", "r" + i), List.of(
                new Field("email", FieldKind.EMAIL, "Person" + i + "@Example.org", "person" + i + "@example.org", null),
                new Field("name", FieldKind.FIRST_NAME, "Ñusta " + i, "nusta " + i, null)), 1_700_000_000_000L + i);
        return new ChangeSet(List.of(new StoredRecord(r, "P" + i, "keys " + i)), List.of(), Map.of(), Map.of(),
                List.of(new LogEntry(i, "create", "P" + i, "", "new email", "api:web")), List.of(), null);
    }

    private static Identifier email(int i) {
        return new Identifier(FieldKind.EMAIL, "person" + i + "@example.org");
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    @Test
    void acknowledgedChangeSetsSqliteNeverGotAreAppliedOnTheNextOpen() throws IOException {
        SqliteStore s = (SqliteStore) store;
        s.apply(person(1));
        assertThat(s.record(new RecordKey("api", "r1"))).isPresent(); // applied: the read waits for it
        s.holdApplier();
        for (int i = 2; i <= 40; i++) {
            s.applyAll(List.of(person(i), person(1000 + i)));
        }
        s.crash();
        assertThat(segments()).isNotEmpty();
        // the plain open (a CLI command after the crash) recovers just as the server would
        store = SqliteStore.open(dir);
        for (int i = 1; i <= 40; i++) {
            assertThat(store.recordsWithIdentifier(email(i))).as("person %d", i).containsExactly(new RecordKey("api", "r" + i));
            assertThat(store.history("P" + i)).hasSize(1);
        }
        assertThat(store.stats().records()).isEqualTo(1 + 39 * 2);
        assertThat(segments()).isEmpty();
        // recovering twice changes nothing (each entry is applied once)
        store = reopen(store);
        assertThat(store.stats().records()).isEqualTo(1 + 39 * 2);
        assertThat(store.history("P7")).hasSize(1);
    }

    @Test
    void aTornLastEntryIsCutOffAndEverythingBeforeItRecovered() throws IOException {
        SqliteStore s = (SqliteStore) store;
        s.holdApplier();
        for (int i = 1; i <= 5; i++) {
            s.apply(person(i));
        }
        s.crash();
        // the segment holding the entries (the one after it is only prepared: zeros)
        Path written = segments().get(0);
        byte[] bytes = Files.readAllBytes(written);
        int end = 0;
        while (java.nio.ByteBuffer.wrap(bytes, end, 4).getInt() != 0) {
            end += 16 + java.nio.ByteBuffer.wrap(bytes, end, 4).getInt();
        }
        assertThat(end).isPositive();
        assertThat(segments()).hasSizeGreaterThan(1);
        // a write the crash cut in the middle: a header announcing more than follows
        System.arraycopy(new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 6, 42, 42}, 0, bytes, end, 18);
        Files.write(written, bytes);
        store = SqliteStore.openJournaled(dir);
        assertThat(store.stats().records()).isEqualTo(5);
        assertThat(store.recordsWithIdentifier(email(5))).hasSize(1);
        store.apply(person(6)); // and the journal goes on after the cut
        store = reopen(store);
        assertThat(store.stats().records()).isEqualTo(6);
    }

    @Test
    void aDamagedEntryBeforeTheLastSegmentIsAnErrorNotSkipped() throws IOException {
        SqliteStore s = (SqliteStore) store;
        s.holdApplier();
        s.apply(person(1));
        s.crash();
        Path first = segments().get(0);
        byte[] bytes = Files.readAllBytes(first);
        bytes[16 + 5] ^= 0x55; // one flipped byte in the first entry's payload (after its 16-byte header)
        Files.write(first, bytes);
        // and a later segment with an entry, so the damaged one is not the last written
        Files.write(dir.resolve("journal").resolve("00000000000000009999.log"), new byte[] {0, 0, 0, 1, 9, 9, 9, 9});
        assertThatThrownBy(() -> SqliteStore.openJournaled(dir)).isInstanceOf(IdemException.Storage.class)
                .hasMessageContaining(first.getFileName().toString()).hasMessageContaining("checksum");
        // nothing was applied from it, and the journal is still there for whoever repairs it
        assertThat(Files.readAllBytes(first)).isEqualTo(bytes);
        for (Path p : segments()) {
            Files.delete(p);
        }
        store = SqliteStore.open(dir);
        assertThat(store.stats().records()).isZero();
    }

    /**
     * The disk fills while calls come in: they are acknowledged from the journal (its segment is
     * written ahead) and SQLite cannot take them; once there is room again the applier catches up
     * by itself, every call in SQLite, the process never restarted.
     */
    @Test
    void afterAFullDiskTheApplierCatchesUpWithoutARestart() throws Exception {
        store.apply(person(0));
        store.stats();
        SqliteStore s = (SqliteStore) store;
        s.capPagesForTest(2);
        for (int i = 1; i <= 300; i++) {
            store.apply(person(i));
        }
        Thread.sleep(1_500); // the applier tries, and fails
        assertThat(store.gauges().get("journal_pending_change_sets").getAsLong()).as("SQLite is full").isPositive();
        s.capPagesForTest(-1);
        assertThat(store.stats().records()).isEqualTo(301);
        for (int i = 0; i <= 300; i += 50) {
            assertThat(store.recordsWithIdentifier(email(i))).hasSize(1);
        }
        store = reopen(store);
        assertThat(store.stats().records()).isEqualTo(301);
    }

    @Test
    void oneServerPerDataDirectory() {
        assertThatThrownBy(() -> SqliteStore.openJournaled(dir)).isInstanceOf(IdemException.Configuration.class)
                .hasMessageContaining("is in use by another idem process");
        // an open for reading (a CLI command that reads) reads, leaving the journal to its owner
        store.apply(person(1));
        assertThat(store.recordsWithIdentifier(email(1))).hasSize(1); // seen at once, through the journal
        assertThat(store.stats().records()).isEqualTo(1); // a whole-store read: in SQLite once it returns
        try (SqliteStore reader = SqliteStore.openForReading(dir)) {
            assertThat(reader.recordsWithIdentifier(email(1))).hasSize(1);
        }
    }

    @Test
    void aCleanCloseLeavesNoJournalBehind() throws IOException {
        for (int i = 1; i <= 20; i++) {
            store.apply(person(i));
        }
        store.close();
        assertThat(segments()).isEmpty();
        store = SqliteStore.open(dir);
        assertThat(store.stats().records()).isEqualTo(20);
    }

    /**
     * Reads see what the journal acknowledged and SQLite does not hold yet, at once: with the
     * applier held, a merge (a new record, a move, an alias, a log line) shows in every read that
     * it changes, and the reads it does not change answer as before.
     */
    /**
     * What SQLite has applied leaves the in-memory overlay: on the next call's append while calls
     * go on, and by the applier once they stop (never by the applier under the lock every append
     * needs while calls come), so the overlay does not keep what SQLite already holds.
     */
    @Test
    void theOverlayForgetsWhatSqliteAppliedOnTheNextCallOrOnceCallsStop() throws Exception {
        SqliteStore s = (SqliteStore) store;
        java.util.function.LongSupplier overlay = s.gauges().get("journal_overlay_records");
        java.util.function.LongSupplier pending = s.gauges().get("journal_pending_change_sets");
        s.holdApplier();
        for (int i = 1; i <= 5; i++) {
            s.apply(person(i));
        }
        assertThat(overlay.getAsLong()).isEqualTo(5);
        s.releaseApplier();
        assertThat(s.stats().records()).isEqualTo(5); // waits until SQLite holds all five
        assertThat(pending.getAsLong()).isZero();
        // the next append prunes what was applied before it, and keeps only itself
        s.holdApplier();
        s.apply(person(6));
        assertThat(overlay.getAsLong()).isEqualTo(1);
        assertThat(s.recordsWithIdentifier(email(6))).containsExactly(new RecordKey("api", "r6"));
        // no call comes any more: the applier applies the last one and, idle, empties the overlay
        s.releaseApplier();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (overlay.getAsLong() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(overlay.getAsLong()).isZero();
        assertThat(s.recordsWithIdentifier(email(6))).containsExactly(new RecordKey("api", "r6"));
        assertThat(s.recordsOfProfile("P3")).hasSize(1);
    }

    @Test
    void readsSeeAcknowledgedWritesWithoutWaitingForTheApplier() throws Exception {
        SqliteStore s = (SqliteStore) store;
        s.apply(person(1));
        s.apply(person(2));
        assertThat(s.stats().records()).isEqualTo(2); // both in SQLite
        s.holdApplier();
        // a merge of 2 into 3, acknowledged (in the journal) but not in SQLite
        SourceRecord three = new SourceRecord(new RecordKey("api", "r3"), List.of(
                new Field("email", FieldKind.EMAIL, "person2@example.org", "person2@example.org", null)), 5L);
        s.apply(new ChangeSet(List.of(new StoredRecord(three, "P3", "")), List.of(),
                Map.of(new RecordKey("api", "r2"), "P3"), Map.of("P2", "P3"),
                List.of(new LogEntry(5, "merge", "P3", "P2", "same email", "api:web")),
                List.of(new ValueFlag("email:person2@example.org", "shared", "2 different documents")), null));
        java.util.function.LongSupplier pending = s.gauges().get("journal_pending_change_sets");
        assertThat(s.recordsWithIdentifier(email(1))).containsExactly(new RecordKey("api", "r1"));
        assertThat(s.profilesWithIdentifier(email(1))).containsExactly("P1");
        assertThat(s.recordsOfProfile("P1")).hasSize(1);
        assertThat(s.liveProfileId("P1")).contains("P1");
        assertThat(s.profilesWithIdentifier(email(2))).containsExactly("P3");
        assertThat(s.recordsWithIdentifier(email(2))).containsExactly(new RecordKey("api", "r2"), new RecordKey("api", "r3"));
        assertThat(s.liveProfileId("P2")).contains("P3");
        assertThat(s.liveProfileId("P3")).contains("P3");
        assertThat(s.recordsOfProfile("P2")).isEmpty();
        assertThat(s.recordsOfProfile("P3")).extracting(r -> r.record().key().recordId()).containsExactly("r2", "r3");
        assertThat(s.recordsOfProfile("P3").get(0).record().first(FieldKind.FIRST_NAME)).isEqualTo("nusta 2");
        assertThat(s.record(new RecordKey("api", "r2"))).hasValueSatisfying(r -> assertThat(r.profileId()).isEqualTo("P3"));
        assertThat(s.record(new RecordKey("api", "r3"))).isPresent();
        assertThat(s.history("P2")).extracting(LogEntry::action).containsExactly("create", "merge");
        assertThat(s.flagsOf(List.of("email:person2@example.org", "email:person1@example.org")))
                .containsOnlyKeys("email:person2@example.org");
        assertThat(pending.getAsLong()).as("no read applied anything").isEqualTo(1);
        // the same answers once SQLite holds the merge
        s.releaseApplier();
        assertThat(s.stats().records()).isEqualTo(3);
        assertThat(pending.getAsLong()).isZero();
        assertThat(s.profilesWithIdentifier(email(2))).containsExactly("P3");
        assertThat(s.liveProfileId("P2")).contains("P3");
        assertThat(s.recordsOfProfile("P3")).extracting(r -> r.record().key().recordId()).containsExactly("r2", "r3");
        assertThat(s.history("P2")).extracting(LogEntry::action).containsExactly("create", "merge");
    }

    /**
     * Without waiting (the HTTP selector thread's lookups): reads of records, profiles and
     * identifiers never wait, even for what the applier has not written; a read of the whole store
     * (statistics) would, so it stops and says so, and nothing it did leaks out.
     */
    @Test
    void aReadThatMustNotWaitStopsInsteadOfWaiting() throws Exception {
        SqliteStore s = (SqliteStore) store;
        s.apply(person(1));
        s.apply(person(2));
        assertThat(s.stats().records()).isEqualTo(2);
        s.holdApplier();
        s.apply(new ChangeSet(List.of(), List.of(), Map.of(new RecordKey("api", "r2"), "Q2"), Map.of("P2", "Q2"),
                List.of(), List.of(), null));
        List<String> found = new java.util.ArrayList<>();
        long t0 = System.nanoTime();
        assertThat(s.readWithoutWaiting(() -> found.addAll(s.profilesWithIdentifier(email(1))))).isTrue();
        assertThat(s.readWithoutWaiting(() -> found.addAll(s.profilesWithIdentifier(email(2))))).isTrue();
        assertThat(s.readWithoutWaiting(() -> assertThat(s.recordsOfProfile("Q2")).hasSize(1))).isTrue();
        List<StoreStats> stats = new java.util.ArrayList<>();
        assertThat(s.readWithoutWaiting(() -> stats.add(s.stats()))).as("a full barrier read").isFalse();
        assertThat(System.nanoTime() - t0).as("no waiting").isLessThan(2_000_000_000L);
        assertThat(found).containsExactly("P1", "Q2");
        assertThat(stats).isEmpty();
        // allowed to wait, the barrier read answers once the move is applied
        java.util.concurrent.CompletableFuture<StoreStats> waited = java.util.concurrent.CompletableFuture.supplyAsync(s::stats);
        Thread.sleep(100);
        assertThat(waited).isNotDone();
        s.releaseApplier();
        assertThat(waited.get(10, java.util.concurrent.TimeUnit.SECONDS).records()).isEqualTo(2);
        // and then without waiting too, once the applier has finished its round: that is the
        // applier thread's own time (its last commit and cleanup may still be running when the
        // waiting read returns; a loaded CI machine showed it), so poll for it, bounded
        long until = System.nanoTime() + 10_000_000_000L;
        boolean answered = s.readWithoutWaiting(() -> stats.add(s.stats()));
        while (!answered && System.nanoTime() < until) {
            Thread.sleep(10);
            answered = s.readWithoutWaiting(() -> stats.add(s.stats()));
        }
        assertThat(answered).as("a barrier read without waiting, once everything is applied").isTrue();
        assertThat(stats).singleElement().extracting(StoreStats::records).isEqualTo(2L);
    }

    /**
     * A read that must wait for SQLite (a whole-store read) applies whole rounds of what is waiting
     * (at most 256 change sets each) until SQLite holds everything accepted before it; lookups
     * apply nothing: they read through the pending writes.
     */
    @Test
    void aReadAppliesWholeRoundsUntilItsEntryIsIn() {
        SqliteStore s = (SqliteStore) store;
        s.pauseApplierThread(true);
        for (int i = 1; i <= 300; i++) {
            s.apply(person(i));
        }
        java.util.function.LongSupplier unapplied = s.gauges().get("journal_pending_change_sets");
        assertThat(unapplied.getAsLong()).isEqualTo(300);
        assertThat(s.profilesWithIdentifier(email(10))).containsExactly("P10");
        assertThat(s.profilesWithIdentifier(email(290))).containsExactly("P290");
        assertThat(unapplied.getAsLong()).as("lookups apply nothing").isEqualTo(300);
        assertThat(s.stats().records()).isEqualTo(300);
        assertThat(unapplied.getAsLong()).as("two rounds, 256 then 44").isZero();
        s.pauseApplierThread(false);
        for (int i = 1; i <= 300; i += 7) {
            assertThat(s.profilesWithIdentifier(email(i))).as("person %d", i).containsExactly("P" + i);
        }
    }

    /**
     * Reads through the journal's pending writes answer exactly what a store that applied every
     * change set at once answers: random creations, replacements (identifiers gained and lost),
     * moves, merges with aliases (chains, and survivors merged away again), log lines and flags,
     * in groups, with the applier paused and resumed at random so that reads meet backlogs of every
     * size, and SQLite commits racing the reads.
     */
    @Test
    void readsThroughPendingWritesMatchAStoreThatAppliedEverything(@TempDir Path other) {
        SqliteStore s = (SqliteStore) store;
        java.util.Random rnd = new java.util.Random(42);
        Map<RecordKey, String> profileOf = new java.util.HashMap<>();
        java.util.Set<String> profiles = new java.util.TreeSet<>();
        List<RecordKey> keys = new java.util.ArrayList<>();
        int[] next = {0};
        java.util.function.LongSupplier pending = s.gauges().get("journal_pending_change_sets");
        int behind = 0;
        try (SqliteStore reference = SqliteStore.open(other)) {
            for (int step = 0; step < 600; step++) {
                if (rnd.nextInt(40) == 0) {
                    s.pauseApplierThread(rnd.nextBoolean());
                }
                List<ChangeSet> group = new java.util.ArrayList<>();
                for (int g = 1 + rnd.nextInt(3); g > 0; g--) {
                    group.add(randomChange(rnd, profileOf, profiles, keys, next));
                }
                s.applyAll(group);
                reference.applyAll(group);
                behind += pending.getAsLong() > 0 ? 1 : 0;
                for (int r = 0; r < 4; r++) {
                    String p = "P" + rnd.nextInt(next[0] + 2);
                    Identifier e = new Identifier(FieldKind.EMAIL, "m" + rnd.nextInt(30) + "@example.org");
                    RecordKey k = new RecordKey("api", "r" + rnd.nextInt(next[0] + 2));
                    String at = "step " + step + ", " + p + ", " + e + ", " + k;
                    assertThat(s.recordsOfProfile(p)).as(at).isEqualTo(reference.recordsOfProfile(p));
                    assertThat(s.liveProfileId(p)).as(at).isEqualTo(reference.liveProfileId(p));
                    assertThat(s.history(p)).as(at).isEqualTo(reference.history(p));
                    assertThat(s.profilesWithIdentifier(e)).as(at).isEqualTo(reference.profilesWithIdentifier(e));
                    assertThat(s.recordsWithIdentifier(e)).as(at).isEqualTo(reference.recordsWithIdentifier(e));
                    assertThat(s.record(k)).as(at).isEqualTo(reference.record(k));
                    assertThat(s.flagsOf(List.of(e.key()))).as(at).isEqualTo(reference.flagsOf(List.of(e.key())));
                }
            }
            s.pauseApplierThread(false);
            assertThat(behind).as("steps read while SQLite was behind").isGreaterThan(300);
            assertThat(s.stats()).isEqualTo(reference.stats());
        }
    }

    /** One random change set over the records so far (see the test above). */
    private static ChangeSet randomChange(java.util.Random rnd, Map<RecordKey, String> profileOf, java.util.Set<String> profiles,
            List<RecordKey> keys, int[] next) {
        List<StoredRecord> created = new java.util.ArrayList<>();
        List<StoredRecord> replaced = new java.util.ArrayList<>();
        Map<RecordKey, String> moves = new java.util.HashMap<>();
        Map<String, String> aliases = new java.util.HashMap<>();
        List<LogEntry> log = new java.util.ArrayList<>();
        List<ValueFlag> flags = new java.util.ArrayList<>();
        int kind = keys.size() < 3 ? 0 : rnd.nextInt(5);
        if (kind == 0) { // a new record, in a new profile or an existing one
            RecordKey k = new RecordKey("api", "r" + next[0]++);
            String p = profiles.isEmpty() || rnd.nextBoolean() ? "P" + next[0] : pick(rnd, profiles);
            created.add(new StoredRecord(randomRecord(rnd, k), p, "keys"));
            keys.add(k);
            profileOf.put(k, p);
            profiles.add(p);
            log.add(new LogEntry(next[0], "create", p, "", "new", "api:web"));
        } else if (kind == 1) { // new content (identifiers gained or lost), sometimes another profile
            RecordKey k = keys.get(rnd.nextInt(keys.size()));
            String p = rnd.nextInt(3) == 0 ? pick(rnd, profiles) : profileOf.get(k);
            replaced.add(new StoredRecord(randomRecord(rnd, k), p, "keys"));
            profileOf.put(k, p);
        } else if (kind == 2) { // a record moves, to a new profile or an existing one
            RecordKey k = keys.get(rnd.nextInt(keys.size()));
            String p = rnd.nextBoolean() ? "P" + next[0]++ : pick(rnd, profiles);
            moves.put(k, p);
            profileOf.put(k, p);
            profiles.add(p);
            log.add(new LogEntry(next[0], "split", p, "", "moved", "api:web"));
        } else if (kind == 3) { // merges into one survivor, one or two profiles at once
            String survivor = pick(rnd, profiles);
            for (int m = 1 + rnd.nextInt(2); m > 0; m--) {
                String gone = pick(rnd, profiles);
                if (gone.equals(survivor)) {
                    continue;
                }
                aliases.put(gone, survivor);
                profileOf.forEach((k, p) -> {
                    if (p.equals(gone)) {
                        moves.put(k, survivor);
                    }
                });
                log.add(new LogEntry(next[0], "merge", survivor, gone, "same email", "api:web"));
            }
            moves.forEach(profileOf::put);
            profiles.removeAll(aliases.keySet());
        } else { // a flag set or lifted
            String status = List.of("shared", "quarantined", "ok").get(rnd.nextInt(3));
            flags.add(new ValueFlag("email:m" + rnd.nextInt(30) + "@example.org", status, status + " " + next[0]));
        }
        return new ChangeSet(created, replaced, moves, aliases, log, flags, null);
    }

    private static String pick(java.util.Random rnd, java.util.Set<String> from) {
        return List.copyOf(from).get(rnd.nextInt(from.size()));
    }

    private static SourceRecord randomRecord(java.util.Random rnd, RecordKey k) {
        List<Field> fields = new java.util.ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            String m = "m" + rnd.nextInt(30) + "@example.org";
            fields.add(new Field("email", FieldKind.EMAIL, m, m, null));
        }
        fields.add(new Field("name", FieldKind.FIRST_NAME, "N" + rnd.nextInt(1000), "n" + rnd.nextInt(1000), null));
        return new SourceRecord(k, fields, rnd.nextInt(1_000_000));
    }

    /**
     * The low-priority applier gets no CPU (a saturated machine): a backlog below the catch-up
     * threshold waits for it, one above it is applied by the catch-up thread, not by the calls,
     * down to the low mark and no further; nothing is lost either way.
     */
    @Test
    void aBacklogTheApplierCannotTakeIsCaughtUpOffTheCallersPath() throws Exception {
        SqliteStore s = (SqliteStore) store;
        s.pauseApplierThread(true);
        java.util.function.LongSupplier pending = s.gauges().get("journal_pending_change_sets");
        java.util.function.LongSupplier catchUps = s.gauges().get("journal_catch_ups");
        int high = SqliteStore.CATCH_UP_HIGH;
        int n = 0;
        while (n < high - 1_000) {
            List<ChangeSet> group = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                group.add(person(++n));
            }
            s.applyAll(group);
        }
        Thread.sleep(300);
        assertThat(pending.getAsLong()).as("below the threshold: left to the applier").isEqualTo(high - 1_000);
        assertThat(catchUps.getAsLong()).isZero();
        while (n < high + 500) {
            List<ChangeSet> group = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                group.add(person(++n));
            }
            s.applyAll(group);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (pending.getAsLong() > SqliteStore.CATCH_UP_LOW && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertThat(pending.getAsLong()).as("caught up to the low mark, the rest left to the applier")
                .isLessThanOrEqualTo(SqliteStore.CATCH_UP_LOW).isPositive();
        assertThat(catchUps.getAsLong()).isEqualTo(1);
        s.pauseApplierThread(false);
        assertThat(s.stats().records()).isEqualTo(n);
        for (int i = 1; i <= n; i += 449) {
            assertThat(s.profilesWithIdentifier(email(i))).as("person %d", i).containsExactly("P" + i);
        }
        store = reopen(store);
        assertThat(store.stats().records()).isEqualTo(n);
    }

    @Test
    void aReadRightAfterAWriteSeesIt() {
        SqliteStore s = (SqliteStore) store;
        // the applier pauses between transactions; a read right after a write sees it anyway
        for (int i = 1; i <= 50; i++) {
            s.apply(person(i));
            assertThat(s.recordsWithIdentifier(email(i))).as("person %d", i).containsExactly(new RecordKey("api", "r" + i));
        }
        assertThat(s.stats().records()).isEqualTo(50);
    }

    /** Read-your-writes while the applier commits all the time: a move is never missed. */
    @Test
    void aReadNeverMissesAnAcknowledgedMove() {
        SqliteStore s = (SqliteStore) store;
        for (int i = 1; i <= 400; i++) {
            s.apply(person(i));
            if (i % 2 == 0) {
                s.profilesWithIdentifier(email(i - 1)); // sometimes SQLite is caught up, sometimes not
            }
            s.apply(new ChangeSet(List.of(), List.of(), Map.of(new RecordKey("api", "r" + i), "Q" + i),
                    Map.of("P" + i, "Q" + i), List.of(), List.of(), null));
            assertThat(s.profilesWithIdentifier(email(i))).as("person %d", i).containsExactly("Q" + i);
            assertThat(s.recordsOfProfile("P" + i)).as("person %d", i).isEmpty();
        }
    }

    /**
     * After an erasure no journal entry from before it is left: the erased person's change sets
     * were sealed there, and the key that sealed them is still in the key file.
     */
    @Test
    void anErasureLeavesNoJournalEntryFromBeforeIt() throws IOException {
        SqliteStore s = (SqliteStore) store;
        for (int i = 1; i <= 30; i++) {
            s.apply(person(i));
        }
        assertThat(written()).isNotEmpty();
        RecordKey seven = new RecordKey("api", "r7");
        s.erase(new io.idem.core.store.Erasure(List.of(seven), java.util.Set.of("P7"), List.of(email(7).key()),
                List.of(email(7).key()), List.of("h7"), new LogEntry(99, "erase", "P7", "", "erased 1 records", "cli:erase")),
                new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(), null));
        assertThat(written()).as("segments holding entries").isEmpty();
        assertThat(s.record(seven)).isEmpty();
        s.apply(person(31)); // and the journal goes on
        assertThat(written()).hasSize(1);
        store = reopen(store);
        assertThat(store.stats().records()).isEqualTo(30);
    }

    /** The segments with at least one entry (a written first header). */
    private List<Path> written() throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (Path p : segments()) {
            byte[] head = new byte[16];
            try (var in = Files.newInputStream(p)) {
                int n = in.readNBytes(head, 0, 16);
                for (int i = 0; i < n; i++) {
                    if (head[i] != 0) {
                        out.add(p);
                        break;
                    }
                }
            }
        }
        return out;
    }
}
