package io.idem.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.Erasure;
import io.idem.core.store.ImportRun;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.LogEntry;
import io.idem.core.store.PairReview;
import io.idem.core.store.Store;
import io.idem.core.store.StoreStats;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} backend must have. A backend's test subclasses this and says
 * how to open a fresh store and how to reopen the same one.
 */
public abstract class StoreContractTest {
    protected Store store;

    /** A new, empty store. */
    protected abstract Store createStore();

    /** The same store, closed and opened again (what a restarted process sees). */
    protected abstract Store reopen(Store old);

    /**
     * Everything the backend has written for this store, as text (an embedded store's files, a
     * server's table contents), without the key file: what a stolen copy of the data reveals.
     */
    protected abstract String everythingStored(Store store);

    /** A record and the other places personal values reach: a log reason, a flag, a review. */
    private static final String SECRET_EMAIL = "zelda.quintanilla@example.org";
    private static final String SECRET_NAME = "Zeldaquintanilla";

    private static SourceRecord personal(String id) {
        return new SourceRecord(new RecordKey("web", id), List.of(
                new Field("correo", FieldKind.EMAIL, " " + SECRET_EMAIL.toUpperCase(java.util.Locale.ROOT), SECRET_EMAIL,
                        null),
                new Field("apellido", FieldKind.LAST_NAME, SECRET_NAME, SECRET_NAME.toLowerCase(java.util.Locale.ROOT),
                        null),
                new Field("dni", FieldKind.DOCUMENT, "27.918.364", "27918364", null)), 1_700_000_000_000L);
    }

    private void writePersonalData() {
        SourceRecord r = personal("1");
        store.apply(new ChangeSet(List.of(new StoredRecord(r, "P1", "keys " + SECRET_EMAIL + " 27918364")), List.of(),
                Map.of(), Map.of(), List.of(new LogEntry(1, "link", "P1", "", "shared email:" + SECRET_EMAIL, "import:web")),
                List.of(new ValueFlag("email:" + SECRET_EMAIL, "shared", "2 different documents")), null, List.of(
                        PairReview.open(r.key(), new RecordKey("web", "2"), 0.8, "name " + SECRET_NAME, 5L))));
    }

    @Test
    void personalDataIsNeverStoredInTheClear() {
        writePersonalData();
        String stored = everythingStored(store);
        assertThat(stored).isNotEmpty()
                .doesNotContain(SECRET_EMAIL).doesNotContain(SECRET_EMAIL.toUpperCase(java.util.Locale.ROOT))
                .doesNotContain(SECRET_NAME).doesNotContain(SECRET_NAME.toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("27918364").doesNotContain("27.918.364");
        // and everything reads back as written
        assertThat(store.record(new RecordKey("web", "1")).orElseThrow().record()).isEqualTo(personal("1"));
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, SECRET_EMAIL)))
                .containsExactly(new RecordKey("web", "1"));
        assertThat(store.history("P1")).singleElement().satisfies(l -> assertThat(l.reason()).contains(SECRET_EMAIL));
        assertThat(store.flags()).extracting(ValueFlag::identifier).containsExactly("email:" + SECRET_EMAIL);
        assertThat(store.reviews()).singleElement().satisfies(r -> assertThat(r.reason()).contains(SECRET_NAME));
        List<KeyedRecord> keys = new ArrayList<>();
        store.scanKeys(keys::add);
        assertThat(keys).singleElement().satisfies(k -> assertThat(k.keys()).isEqualTo("keys " + SECRET_EMAIL + " 27918364"));
    }

    @Test
    void keyRotationReencryptsEverythingAndKeepsLookupsWorking() {
        writePersonalData();
        String before = everythingStored(store);
        var rotation = store.rotateKeys(true);
        assertThat(rotation.before()).containsExactly("k1");
        assertThat(rotation.current()).isEqualTo("k2");
        assertThat(rotation.records()).isEqualTo(1);
        assertThat(rotation.retired()).containsExactly("k1");
        store = reopen(store);
        String after = everythingStored(store);
        assertThat(after).doesNotContain(SECRET_EMAIL).doesNotContain(SECRET_NAME);
        // no ciphertext of the old key is left: every sealed value now names k2 (text form "k1.",
        // byte form a length byte then "k1"; a few hundred random ciphertext bytes hold either by
        // chance about once in 10^5 runs)
        assertThat(after).doesNotContain("k1.").doesNotContain("\u0002k1");
        assertThat(before).contains("k1.");
        assertThat(store.record(new RecordKey("web", "1")).orElseThrow().record()).isEqualTo(personal("1"));
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, SECRET_EMAIL)))
                .containsExactly(new RecordKey("web", "1"));
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.DOCUMENT, "27918364")))
                .containsExactly(new RecordKey("web", "1"));
        assertThat(store.history("P1")).singleElement().satisfies(l -> assertThat(l.reason()).contains(SECRET_EMAIL));
        assertThat(store.flags()).extracting(ValueFlag::status).containsExactly("shared");
        assertThat(store.reviews()).singleElement().satisfies(r -> assertThat(r.reason()).contains(SECRET_NAME));
        // a record written after the rotation is found through the rebuilt index too
        store.apply(records(new StoredRecord(record("web", "3", "ana@x.com", "ana@x.com"), "P3")));
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "ana@x.com")))
                .containsExactly(new RecordKey("web", "3"));
    }

    @BeforeEach
    void open() {
        store = createStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    protected static SourceRecord record(String source, String id, String email, String raw) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("correo", FieldKind.EMAIL, raw, email, null));
        fields.add(new Field("nombre", FieldKind.FIRST_NAME, "MÓNICA", "Mónica", null));
        fields.add(new Field("nota", FieldKind.ATTRIBUTE, "tiene \u001F raros; \"comillas\"\n y saltos", null, null));
        fields.add(new Field("nacimiento", FieldKind.BIRTH_DATE, "31/02/1990", null, "impossible date '31/02/1990'"));
        return new SourceRecord(new RecordKey(source, id), fields, 1_700_000_000_000L);
    }

    protected static ChangeSet records(StoredRecord... rs) {
        return new ChangeSet(List.of(rs), List.of(), Map.of(), Map.of(), List.of(), List.of(), null);
    }

    @Test
    void recordsRoundTripExactlyAsReceived() {
        SourceRecord r = record("web", "1", "ana@x.com", " Ana@X.com ");
        store.apply(records(new StoredRecord(r, "P1")));
        StoredRecord back = store.record(new RecordKey("web", "1")).orElseThrow();
        assertThat(back.record()).isEqualTo(r);
        assertThat(back.profileId()).isEqualTo("P1");
        assertThat(store.record(new RecordKey("web", "2"))).isEmpty();
    }

    @Test
    void committedChangesSurviveReopening() {
        store.apply(records(new StoredRecord(record("web", "1", "ana@x.com", "ana@x.com"), "P1")));
        store = reopen(store);
        assertThat(store.record(new RecordKey("web", "1"))).isPresent();
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "ana@x.com")))
                .containsExactly(new RecordKey("web", "1"));
    }

    @Test
    void upsertReplacesTheRecordAndItsIdentifiers() {
        store.apply(records(new StoredRecord(record("web", "1", "ana@x.com", "ana@x.com"), "P1")));
        store.apply(new ChangeSet(List.of(), List.of(new StoredRecord(record("web", "1", "bea@x.com", "bea@x.com"),
                "P2", "k2")), Map.of(), Map.of(), List.of(), List.of(), null));
        assertThat(store.stats().records()).isEqualTo(1);
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "ana@x.com"))).isEmpty();
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "bea@x.com")))
                .containsExactly(new RecordKey("web", "1"));
        assertThat(store.recordsOfProfile("P2")).hasSize(1);
        assertThat(store.recordsOfProfile("P1")).isEmpty();
    }

    @Test
    void replacementsKeepOrMoveIdentifierIndexRowsRecordByRecord() {
        store.apply(records(new StoredRecord(record("web", "1", "ana@x.com", "ana@x.com"), "P1"),
                new StoredRecord(record("web", "2", "bea@x.com", "bea@x.com"), "P2"),
                new StoredRecord(record("web", "3", "cai@x.com", "cai@x.com"), "P3")));
        // in one change set: record 1 changes only what it was received as (its identifiers stay),
        // record 2 changes its e-mail to record 3's, record 3 drops its e-mail
        SourceRecord sameIdentifiers = record("web", "1", "ana@x.com", " ANA@x.com ");
        SourceRecord dropped = new SourceRecord(new RecordKey("web", "3"),
                List.of(new Field("nombre", FieldKind.FIRST_NAME, "Cai", "Cai", null)), 1_700_000_000_000L);
        store.apply(new ChangeSet(List.of(), List.of(new StoredRecord(sameIdentifiers, "P1", "k1"),
                new StoredRecord(record("web", "2", "cai@x.com", "cai@x.com"), "P3", "k2"),
                new StoredRecord(dropped, "P3", "k3")), Map.of(), Map.of(), List.of(), List.of(), null));
        assertThat(store.record(new RecordKey("web", "1")).orElseThrow().record().fields())
                .isEqualTo(sameIdentifiers.fields());
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "ana@x.com")))
                .containsExactly(new RecordKey("web", "1"));
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "bea@x.com"))).isEmpty();
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "cai@x.com")))
                .containsExactly(new RecordKey("web", "2"));
        assertThat(store.recordsOfProfile("P3")).hasSize(2);
        store = reopen(store);
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "cai@x.com")))
                .containsExactly(new RecordKey("web", "2"));
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "ana@x.com")))
                .containsExactly(new RecordKey("web", "1"));
    }

    @Test
    void movesChangeOnlyTheProfile() {
        SourceRecord r = record("web", "1", "ana@x.com", "ana@x.com");
        store.apply(records(new StoredRecord(r, "P1")));
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(r.key(), "P9"), Map.of(),
                List.of(), List.of(), null));
        StoredRecord back = store.record(r.key()).orElseThrow();
        assertThat(back.profileId()).isEqualTo("P9");
        assertThat(back.record()).isEqualTo(r);
    }

    @Test
    void severalChangeSetsAppliedTogetherTakeEffectInOrderAndSurviveReopening() {
        SourceRecord a = record("web", "1", "ana@x.com", "ana@x.com");
        SourceRecord b = record("web", "2", "bea@x.com", "bea@x.com");
        store.applyAll(List.of(
                records(new StoredRecord(a, "P1")),
                // the second set moves a record the first one inserted, and retires P1
                new ChangeSet(List.of(new StoredRecord(b, "P2")), List.of(), Map.of(a.key(), "P2"), Map.of("P1", "P2"),
                        List.of(new LogEntry(1, "merge", "P2", "P1", "shared email", "api:web")), List.of(), null),
                new ChangeSet(List.of(), List.of(new StoredRecord(record("web", "2", "bea@y.com", "bea@y.com"), "P2")),
                        Map.of(), Map.of(), List.of(), List.of(), null)));
        store = reopen(store);
        assertThat(store.record(a.key()).orElseThrow().profileId()).isEqualTo("P2");
        assertThat(store.recordsOfProfile("P2")).hasSize(2);
        assertThat(store.liveProfileId("P1")).contains("P2");
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "bea@x.com"))).isEmpty();
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "bea@y.com")))
                .containsExactly(new RecordKey("web", "2"));
        assertThat(store.history("P2")).hasSize(1);
        assertThat(store.stats().records()).isEqualTo(2);
    }

    @Test
    void mergedAwayIdsLeadToTheSurvivorEvenThroughChains() {
        store.apply(records(new StoredRecord(record("web", "1", "ana@x.com", "a"), "P3")));
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of("P1", "P2"), List.of(), List.of(), null));
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of("P2", "P3"), List.of(), List.of(), null));
        assertThat(store.liveProfileId("P1")).contains("P3");
        assertThat(store.liveProfileId("P2")).contains("P3");
        assertThat(store.liveProfileId("P3")).contains("P3");
        assertThat(store.liveProfileId("nope")).isEmpty();
        Map<String, String> aliases = new HashMap<>();
        store.scanAliases(aliases::put);
        assertThat(aliases).containsEntry("P1", "P3").containsEntry("P2", "P3");
        assertThat(store.mergedAwayCount()).isEqualTo(2).isEqualTo(store.stats().mergedAway());
    }

    @Test
    void historyFindsEntriesByEitherProfile() {
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(
                new LogEntry(1, "merge", "P2", "P1", "shared email:ana@x.com", "import:web"),
                new LogEntry(2, "split", "P7", "", "records now resolve to 2 profiles", "import:web")), List.of(), null));
        assertThat(store.history("P1")).extracting(LogEntry::action).containsExactly("merge");
        assertThat(store.history("P2")).singleElement().satisfies(l -> assertThat(l.reason()).contains("ana@x.com"));
        assertThat(store.history("P7")).extracting(LogEntry::action).containsExactly("split");
    }

    @Test
    void flagsOfSomeIdentifiersAreFoundWithoutTheOthers() {
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(
                new ValueFlag("phone:+541100000001", "quarantined", "12+ different names"),
                new ValueFlag("email:flia@x.com", "shared", "2 different documents")), null));
        assertThat(store.flagsOf(List.of("email:flia@x.com", "email:ana@x.com")))
                .containsOnlyKeys("email:flia@x.com")
                .containsEntry("email:flia@x.com", new ValueFlag("email:flia@x.com", "shared", "2 different documents"));
        assertThat(store.flagsOf(List.of())).isEmpty();
    }

    @Test
    void flagsOfManyIdentifiersAreFoundInOneCall() {
        List<ValueFlag> flags = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            flags.add(new ValueFlag("phone:+5411" + (10_000_000 + i), "shared", "reason " + i));
            asked.add("phone:+5411" + (10_000_000 + i));
        }
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(), flags, null));
        asked.add("email:nobody@x.com");
        Map<String, ValueFlag> found = store.flagsOf(asked);
        assertThat(found).hasSize(1_201).doesNotContainKey("email:nobody@x.com");
        assertThat(found.get("phone:+541110000777")).isEqualTo(new ValueFlag("phone:+541110000777", "shared",
                "reason 777"));
    }

    @Test
    void profilesWithAnIdentifierAreTheProfilesOfItsRecordsOnceEach() {
        store.apply(records(new StoredRecord(record("web", "1", "ana@x.com", "ana@x.com"), "P2"),
                new StoredRecord(record("app", "7", "ana@x.com", "Ana@x.com"), "P1"),
                new StoredRecord(record("pos", "3", "ana@x.com", "ana@x.com"), "P2"),
                new StoredRecord(record("web", "2", "bea@x.com", "bea@x.com"), "P3")));
        Identifier ana = new Identifier(FieldKind.EMAIL, "ana@x.com");
        assertThat(store.profilesWithIdentifier(ana)).containsExactly("P1", "P2");
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(new RecordKey("app", "7"), "P2"), Map.of("P1", "P2"),
                List.of(), List.of(), null));
        assertThat(store.profilesWithIdentifier(ana)).containsExactly("P2");
        assertThat(store.profilesWithIdentifier(new Identifier(FieldKind.EMAIL, "bea@x.com"))).containsExactly("P3");
        assertThat(store.profilesWithIdentifier(new Identifier(FieldKind.EMAIL, "nobody@x.com"))).isEmpty();
    }

    /**
     * A read that must not wait (the HTTP selector thread's lookups) sees every change the store
     * acknowledged: it either runs and sees them, or declines, and then nothing it read was used.
     * Here the read is retried as a caller would (on a thread that may wait) when declined.
     */
    @Test
    void aReadThatMustNotWaitNeverSeesLessThanWasAcknowledged() {
        Identifier ana = new Identifier(FieldKind.EMAIL, "ana@x.com");
        for (int i = 1; i <= 30; i++) {
            store.apply(records(new StoredRecord(record("web", "r" + i, "ana@x.com", "ana@x.com"), "P" + i)));
            store.apply(new ChangeSet(List.of(), List.of(), Map.of(new RecordKey("web", "r" + i), "Q" + i),
                    Map.of("P" + i, "Q" + i), List.of(), List.of(), null));
            List<String> seen = new ArrayList<>();
            if (!store.readWithoutWaiting(() -> seen.addAll(store.profilesWithIdentifier(ana)))) {
                seen.addAll(store.profilesWithIdentifier(ana));
            }
            assertThat(seen).as("after record %d", i).contains("Q" + i).doesNotContain("P" + i);
            assertThat(seen).hasSize(i);
        }
    }

    @Test
    void flagsAreSetAndLifted() {
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(
                new ValueFlag("phone:+541100000001", "quarantined", "12+ different names"),
                new ValueFlag("email:flia@x.com", "shared", "2 different documents")), null));
        assertThat(store.flags()).extracting(ValueFlag::identifier)
                .containsExactly("email:flia@x.com", "phone:+541100000001");
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(
                new ValueFlag("email:flia@x.com", "ok", "no longer shared")), null));
        assertThat(store.flags()).extracting(ValueFlag::identifier).containsExactly("phone:+541100000001");
        assertThat(store.stats().flagsByStatus()).containsEntry("quarantined", 1L);
    }

    @Test
    void statsCountBySourceAndImportRunsAreUpserted() {
        store.apply(records(new StoredRecord(record("web", "1", "a1@x.com", "a"), "P1"),
                new StoredRecord(record("web", "2", "a2@x.com", "a"), "P1"),
                new StoredRecord(record("tienda", "1", "a3@x.com", "a"), "P2")));
        ImportRun running = new ImportRun("r1", "web", "web.csv", 10, 0, "running", 2, 2, 0, 0, 1, 0, 0, 0, "");
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(), running));
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(),
                new ImportRun("r1", "web", "web.csv", 10, 20, "done", 3, 2, 0, 0, 1, 0, 0, 1, "rej.csv")));
        StoreStats s = store.stats();
        assertThat(s.records()).isEqualTo(3);
        assertThat(s.profiles()).isEqualTo(2);
        assertThat(s.recordsBySource()).containsEntry("web", 2L).containsEntry("tienda", 1L);
        assertThat(s.profilesBySource()).containsEntry("web", 1L);
        assertThat(s.imports()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("done");
            assertThat(r.rowsRejected()).isEqualTo(1);
        });
    }

    @Test
    void resolutionKeysAreStoredForLoading() {
        store.apply(records(new StoredRecord(record("web", "1", "a1@x.com", "a"), "P1", "k1")));
        List<KeyedRecord> keyed = new ArrayList<>();
        store.scanKeys(keyed::add);
        assertThat(keyed).containsExactly(new KeyedRecord(new RecordKey("web", "1"), "P1", "k1"));
    }

    @Test
    void linksAreStoredWithTheRecordReplacedWithItAndUpdatedAlone() {
        RecordKey web1 = new RecordKey("web", "1");
        RecordKey web2 = new RecordKey("web", "2");
        store.apply(records(new StoredRecord(record("web", "1", "a1@x.com", "a"), "P1", "k1", "1"),
                new StoredRecord(record("web", "2", "a2@x.com", "a"), "P2", "k2", null)));
        assertThat(keyed()).containsExactly(new KeyedRecord(web1, "P1", "k1", "1"),
                new KeyedRecord(web2, "P2", "k2", null));
        // links alone (a record compared again), beside a profile move of the same record
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(web2, "P1"), Map.of(), List.of(), List.of(), null,
                List.of(), Map.of(web2, "2;ab:3f7ae148")));
        assertThat(keyed()).containsExactly(new KeyedRecord(web1, "P1", "k1", "1"),
                new KeyedRecord(web2, "P1", "k2", "2;ab:3f7ae148"));
        // a replacement writes its links, even unknown ones
        store.apply(new ChangeSet(List.of(), List.of(new StoredRecord(record("web", "1", "a9@x.com", "a"), "P1", "k1b",
                "3;cd:3f800000"), new StoredRecord(record("web", "2", "a2@x.com", "b"), "P1", "k2b", null)),
                Map.of(), Map.of(), List.of(), List.of(), null));
        store = reopen(store);
        assertThat(keyed()).containsExactly(new KeyedRecord(web1, "P1", "k1b", "3;cd:3f800000"),
                new KeyedRecord(web2, "P1", "k2b", null));
    }

    /**
     * The engine estimates {@code m} on the first records to arrive and expects them first when it
     * loads: a store that returned rows it rewrote last (PostgreSQL keeps a new row version where it
     * has room) would give a restarted engine other weights than the one that wrote it.
     */
    @Test
    void keysAreScannedInTheOrderRecordsArrivedWhateverWasRewritten() {
        List<StoredRecord> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(new StoredRecord(record("web", "r" + i, "a" + i + "@x.com", "a"), "P" + i, "k" + i, "1"));
        }
        store.apply(records(first.toArray(StoredRecord[]::new)));
        store.apply(new ChangeSet(List.of(), List.of(new StoredRecord(record("web", "r0", "z@x.com", "a"), "P0", "k0b",
                "2")), Map.of(new RecordKey("web", "r1"), "P9"), Map.of(), List.of(), List.of(), null, List.of(),
                Map.of(new RecordKey("web", "r2"), "3;ab:3f800000")));
        store.apply(records(new StoredRecord(record("web", "r40", "b@x.com", "b"), "P40", "k40", "4")));
        List<String> order = new ArrayList<>();
        store.scanKeys(k -> order.add(k.key().recordId()));
        List<String> arrival = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            arrival.add("r" + i);
        }
        assertThat(order).containsExactlyElementsOf(arrival);
    }

    @Test
    void profilesOfManyRecordsCountAndDecidedReviewsAreReadInBulk() {
        List<StoredRecord> rs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rs.add(new StoredRecord(record("web", "r" + i, "a" + i + "@x.com", "a"), "P" + (i % 7)));
        }
        store.apply(records(rs.toArray(StoredRecord[]::new)));
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(new RecordKey("web", "r5"), "P9"), Map.of(), List.of(),
                List.of(), null));
        List<RecordKey> asked = new ArrayList<>();
        for (int i = 0; i < 300; i += 2) {
            asked.add(new RecordKey("web", "r" + i));
        }
        asked.add(new RecordKey("web", "r5"));
        asked.add(new RecordKey("web", "r4")); // twice
        asked.add(new RecordKey("web", "missing"));
        Map<RecordKey, String> profiles = store.profilesOf(asked);
        assertThat(profiles).hasSize(151).doesNotContainKey(new RecordKey("web", "missing"))
                .containsEntry(new RecordKey("web", "r5"), "P9").containsEntry(new RecordKey("web", "r14"), "P0")
                .containsEntry(new RecordKey("web", "r298"), "P4");
        assertThat(store.recordCount()).isEqualTo(300);

        PairReview open = PairReview.open(new RecordKey("web", "r1"), new RecordKey("web", "r2"), 0.6, "a", 1);
        PairReview accepted = PairReview.open(new RecordKey("web", "r3"), new RecordKey("web", "r4"), 0.7, "b", 2)
                .decided(PairReview.ACCEPTED, 3);
        PairReview rejected = PairReview.open(new RecordKey("web", "r5"), new RecordKey("web", "r6"), 0.8, "c", 4)
                .decided(PairReview.REJECTED, 5);
        // withdrawn by a rematch: off the queue, and not a person's decision
        PairReview withdrawn = PairReview.open(new RecordKey("web", "r7"), new RecordKey("web", "r8"), 0.5, "d", 6)
                .decided(PairReview.WITHDRAWN, 7);
        store.apply(new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(), null,
                List.of(open, accepted, rejected, withdrawn)));
        assertThat(store.reviews()).hasSize(4);
        assertThat(store.decidedReviews()).extracting(PairReview::id)
                .containsExactlyElementsOf(store.reviews().stream().filter(PairReview::decided)
                        .map(PairReview::id).toList())
                .containsExactlyInAnyOrder(accepted.id(), rejected.id());
        // heads: every review, no reason; then the chosen ones whole
        assertThat(store.reviewHeads()).extracting(PairReview::id)
                .containsExactlyInAnyOrderElementsOf(store.reviews().stream().map(PairReview::id).toList());
        assertThat(store.reviewHeads()).allSatisfy(r -> assertThat(r.reason()).isEmpty())
                .extracting(PairReview::status).containsExactlyInAnyOrderElementsOf(List.of(PairReview.OPEN,
                        PairReview.ACCEPTED, PairReview.REJECTED, PairReview.WITHDRAWN));
        assertThat(store.reviews(List.of(rejected.id(), open.id(), "R-unknown")))
                .containsExactlyElementsOf(store.reviews().stream()
                        .filter(r -> r.id().equals(rejected.id()) || r.id().equals(open.id())).toList())
                .extracting(PairReview::reason).containsExactlyInAnyOrder("a", "c");
        assertThat(store.reviews(List.of())).isEmpty();
    }

    private List<KeyedRecord> keyed() {
        List<KeyedRecord> keyed = new ArrayList<>();
        store.scanKeys(keyed::add);
        keyed.sort(java.util.Comparator.comparing(k -> k.key().recordId()));
        return keyed;
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        SourceRecord r = record("web", "1", "ana@x.com", "ana@x.com");
        store.apply(records(new StoredRecord(r, "P1")));
        // replacing a record that is not stored is refused, and the whole change set with it
        ChangeSet bad = new ChangeSet(List.of(new StoredRecord(record("web", "2", "b@x.com", "b"), "P2")),
                List.of(new StoredRecord(record("web", "404", "c@x.com", "c"), "P3")), Map.of(), Map.of(),
                List.of(), List.of(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.apply(bad))
                .isInstanceOf(io.idem.core.IdemException.class).hasMessageContaining("web:404");
        assertThat(store.record(new RecordKey("web", "2"))).isEmpty();
        store.apply(records(new StoredRecord(record("web", "3", "d@x.com", "d"), "P4")));
        assertThat(store.stats().records()).isEqualTo(2);
    }

    @Test
    void changeSetsAppliedOpenAreReadableAndCommittedByTheNextApply() {
        SourceRecord a = record("web", "1", "ana@x.com", "ana@x.com");
        SourceRecord b = record("web", "2", "bea@x.com", "bea@x.com");
        store.applyOpen(records(new StoredRecord(a, "P1")));
        // the next open change set builds on the first: it moves the record the first inserted
        store.applyOpen(new ChangeSet(List.of(new StoredRecord(b, "P2")), List.of(), Map.of(a.key(), "P2"),
                Map.of("P1", "P2"), List.of(), List.of(), null));
        store.apply(records(new StoredRecord(record("web", "3", "cris@x.com", "cris@x.com"), "P3")));
        store = reopen(store);
        assertThat(store.stats().records()).isEqualTo(3);
        assertThat(store.record(a.key()).orElseThrow().profileId()).isEqualTo("P2");
        assertThat(store.recordsOfProfile("P2")).hasSize(2);
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "bea@x.com")))
                .containsExactly(new RecordKey("web", "2"));
        assertThat(store.liveProfileId("P1")).contains("P2");
    }

    @Test
    void aFailedWriteAfterOpenChangeSetsLeavesTheStoreAsAtTheLastCommitOrLater() {
        store.apply(records(new StoredRecord(record("web", "1", "ana@x.com", "ana@x.com"), "P1")));
        store.applyOpen(records(new StoredRecord(record("web", "2", "bea@x.com", "bea@x.com"), "P2")));
        ChangeSet bad = new ChangeSet(List.of(), List.of(new StoredRecord(record("web", "404", "c@x.com", "c"), "P3")),
                Map.of(), Map.of(), List.of(), List.of(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.apply(bad))
                .isInstanceOf(io.idem.core.IdemException.class).hasMessageContaining("web:404");
        // a store may have committed the open change set on its own, never half of one; the next
        // writes go on as usual, with record ids that do not collide
        long kept = store.stats().records();
        assertThat(kept).isBetween(1L, 2L);
        store.apply(records(new StoredRecord(record("web", "3", "d@x.com", "d"), "P4")));
        store = reopen(store);
        assertThat(store.stats().records()).isEqualTo(kept + 1);
        assertThat(store.record(new RecordKey("web", "3"))).isPresent();
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "d@x.com")))
                .containsExactly(new RecordKey("web", "3"));
    }

    @Test
    void aFailedErasureAfterOpenChangeSetsKeepsThemOrReportsTheirLoss() {
        store.applyOpen(records(new StoredRecord(record("web", "1", "ana@x.com", "ana@x.com"), "P1")));
        LogEntry entry = new LogEntry(4L, "erase", "P9", "", "erased 0 records", "cli:erase");
        // the change set that follows the erasure replaces a record that is not stored: refused
        ChangeSet bad = new ChangeSet(List.of(), List.of(new StoredRecord(record("web", "404", "c@x.com", "c"), "P3")),
                Map.of(), Map.of(), List.of(), List.of(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.erase(new Erasure(List.of(), Set.of("P9"),
                List.of(), List.of(), List.of(), entry), bad)).isInstanceOf(io.idem.core.IdemException.class);
        ChangeSet next = records(new StoredRecord(record("web", "2", "bea@x.com", "bea@x.com"), "P2"));
        try {
            store.apply(next);
        } catch (io.idem.core.IdemException.Storage e) {
            // the open change set went with the erasure's rollback, and the store says so once
            assertThat(e).hasMessageContaining("rolled back");
            assertThat(store.record(new RecordKey("web", "1"))).isEmpty();
            store.apply(next);
        }
        store = reopen(store);
        assertThat(store.record(new RecordKey("web", "2"))).isPresent();
        assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "bea@x.com")))
                .containsExactly(new RecordKey("web", "2"));
    }

    @Test
    void apiKeysAreFoundByHashAndSurviveReopening() {
        store.putApiKey(new io.idem.core.store.ApiKey("ab12", "web-shop", "write", "ecommerce", 5));
        store.putApiKey(new io.idem.core.store.ApiKey("cd34", "analyst", "read", null, 6));
        store = reopen(store);
        assertThat(store.apiKey("ab12")).contains(new io.idem.core.store.ApiKey("ab12", "web-shop", "write",
                "ecommerce", 5));
        assertThat(store.apiKey("cd34").orElseThrow().source()).isEmpty();
        assertThat(store.apiKey("AB12")).isEmpty();
        assertThat(store.apiKey("' OR '1'='1")).isEmpty();
    }

    @Test
    void anExclusiveStepRunsAndReturnsItsResult() {
        List<String> seen = new ArrayList<>();
        io.idem.core.store.ChangeFeed feed = new io.idem.core.store.ChangeFeed() {
            @Override
            public void record(KeyedRecord stored) {
                seen.add(stored.key().toString());
            }

            @Override
            public void alias(String mergedAway, String survivor) {
                seen.add(mergedAway);
            }
        };
        String out = store.exclusive(feed, () -> {
            store.apply(records(new StoredRecord(record("web", "1", "a1@x.com", "a"), "P1", "k1")));
            return "done";
        });
        assertThat(out).isEqualTo("done");
        // what this process wrote itself is never fed back as another process's change
        store.exclusive(feed, () -> null);
        assertThat(seen).isEmpty();
    }

    static ChangeSet reviews(PairReview... rs) {
        return new ChangeSet(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(), null, List.of(rs));
    }

    @Test
    void reviewsAreUpsertedByIdOrderedByIdAndSurviveReopening() {
        PairReview first = PairReview.open(new RecordKey("web", "2"), new RecordKey("tienda", "1"), 0.91,
                "score 0.910: given name exact, surname sounds alike", 10);
        PairReview second = PairReview.open(new RecordKey("web", "3"), new RecordKey("web", "4"), 0.5, "", 11);
        store.apply(reviews(first, second));
        assertThat(first.a()).isEqualTo(new RecordKey("tienda", "1"));
        assertThat(store.reviews()).extracting(PairReview::id).isSorted().containsExactlyInAnyOrder(first.id(),
                second.id());
        PairReview rejected = first.decided(PairReview.REJECTED, 20);
        store.apply(reviews(rejected));
        store = reopen(store);
        assertThat(store.reviews()).hasSize(2).contains(rejected, second);
    }

    @Test
    void reviewsOfAFailedWriteAreNotStored() {
        PairReview review = PairReview.open(new RecordKey("web", "1"), new RecordKey("web", "2"), 0.9, "x", 1);
        ChangeSet bad = new ChangeSet(List.of(), List.of(new StoredRecord(record("web", "404", "c@x.com", "c"), "P3")),
                Map.of(), Map.of(), List.of(), List.of(), null, List.of(review));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.apply(bad))
                .isInstanceOf(io.idem.core.IdemException.class);
        assertThat(store.reviews()).isEmpty();
    }

    @Test
    void scanIsOrderedByKey() {
        store.apply(records(new StoredRecord(record("web", "2", "a2@x.com", "a"), "P1"),
                new StoredRecord(record("tienda", "9", "a3@x.com", "a"), "P2"),
                new StoredRecord(record("web", "1", "a1@x.com", "a"), "P1")));
        List<String> keys = new ArrayList<>();
        store.scan(r -> keys.add(r.record().key().toString()));
        assertThat(keys).containsExactly("tienda:9", "web:1", "web:2");
    }

    @Test
    void eraseDeletesRecordsAndDerivedDataDurablyAndKeepsSuppressionHashes() {
        RecordKey ana = new RecordKey("web", "1");
        RecordKey bob = new RecordKey("web", "2");
        store.apply(new ChangeSet(List.of(new StoredRecord(record("web", "1", "ana@x.com", " Ana@X.com "), "P1"),
                new StoredRecord(record("web", "2", "bob@x.com", "bob@x.com"), "P2")), List.of(), Map.of(),
                Map.of("P0", "P1"), List.of(new LogEntry(1L, "merge", "P1", "P0", "shared email:ana@x.com", "import:web"),
                        new LogEntry(2L, "merge", "P2", "P9", "shared email:bob@x.com", "import:web")),
                List.of(new ValueFlag("email:ana@x.com", "shared", "2 different documents")), null,
                List.of(PairReview.open(ana, bob, 0.5, "fuzzy", 3L))));
        LogEntry entry = new LogEntry(4L, "erase", "P1", "", "erased 1 records and 1 identifiers", "cli:erase");
        store.erase(new Erasure(List.of(ana), Set.of("P1"), List.of("email:ana@x.com"), List.of("email:ana@x.com"),
                List.of("h1", "h2"), entry), new ChangeSet(List.of(), List.of(), Map.of(bob, "P3"), Map.of(), List.of(),
                        List.of(), null));
        for (int pass = 0; pass < 2; pass++) {
            assertThat(store.record(ana)).isEmpty();
            assertThat(store.record(bob).orElseThrow().profileId()).isEqualTo("P3");
            assertThat(store.recordsWithIdentifier(new Identifier(FieldKind.EMAIL, "ana@x.com"))).isEmpty();
            assertThat(store.liveProfileId("P1")).isEmpty();
            assertThat(store.liveProfileId("P0")).isEmpty();
            assertThat(store.recordsOfProfile("P1")).isEmpty();
            assertThat(store.flags()).isEmpty();
            assertThat(store.reviews()).isEmpty();
            assertThat(store.history("P1")).extracting(LogEntry::reason)
                    .containsExactly("shared email:[erased]", "erased 1 records and 1 identifiers");
            assertThat(store.history("P2")).extracting(LogEntry::reason).containsExactly("shared email:bob@x.com");
            List<String> hashes = new ArrayList<>();
            store.scanSuppressions(hashes::add);
            assertThat(hashes).containsExactlyInAnyOrder("h1", "h2");
            List<String> keys = new ArrayList<>();
            store.scan(r -> keys.add(r.record().key().toString()));
            assertThat(keys).containsExactly("web:2");
            store = reopen(store);
        }
    }

    @Test
    void erasureSecretIsCreatedOnceAndSurvivesReopening() {
        byte[] first = store.erasureSecret();
        assertThat(first).hasSize(32);
        assertThat(store.erasureSecret()).isEqualTo(first);
        store = reopen(store);
        assertThat(store.erasureSecret()).isEqualTo(first);
        List<String> hashes = new ArrayList<>();
        store.scanSuppressions(hashes::add);
        assertThat(hashes).isEmpty();
    }
}
