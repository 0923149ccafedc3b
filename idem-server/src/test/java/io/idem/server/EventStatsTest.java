package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.Engine;
import io.idem.core.generate.Generator;
import io.idem.core.ingest.ImportRequest;
import io.idem.core.model.RecordKey;
import io.idem.core.normalize.Normalizers;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.Store;
import io.idem.core.store.StoredRecord;
import io.idem.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stats counted from the engine's memory (records, profiles, per source, events and events of
 * known persons) must be those read from the store and from every stored record, also after an
 * erasure; and a store written before records' keys said whether they carry an event is read once,
 * then counted from memory.
 */
class EventStatsTest {
    private static final String[] CHANNELS = {"ecommerce", "concurso", "tienda", "fidelizacion", "app", "callcenter"};
    @TempDir
    Path dir;

    @Test
    void eventsCountedFromMemoryAreThoseReadFromTheRecords() throws Exception {
        new Generator(21).generate(800, dir.resolve("gen"));
        Path data = dir.resolve("data");
        try (Engine engine = Engine.open(SqliteStore.open(data), ResolverConfig.defaults())) {
            for (String channel : CHANNELS) {
                engine.importFile(new ImportRequest(dir.resolve("gen").resolve(channel + ".csv"), channel, "id",
                        Map.of(), dir.resolve(channel + "-rejects.csv")), new Normalizers("AR"), null);
            }
            Reads.Stats read = scanned(engine.store());
            assertThat(read.events()).isPositive();
            assertThat(read.eventsOfKnownPersons()).isPositive().isLessThan(read.events());
            io.idem.core.Engine.Counts counted = engine.counts();
            assertThat(counted.events()).isEqualTo(read.events());
            assertThat(counted.eventsOfKnownPersons()).isEqualTo(read.eventsOfKnownPersons());
            assertThat(counted.records()).isEqualTo(read.records());
            assertThat(counted.profiles()).isEqualTo(read.profiles());
            assertThat(counted.recordsBySource()).isEqualTo(read.recordsBySource());
            // erasing a person: memory and store still agree
            String someone = engine.store().record(new RecordKey("ecommerce", "ORD-0000001")).orElseThrow().profileId();
            engine.erase(someone, "test", dir.resolve("erased"));
            read = scanned(engine.store());
            assertThat(read.mergedAway()).isPositive();
            assertThat(withEngine(engine).stats(0)).isEqualTo(read);

            // keys as an earlier version wrote them: without the event flag
            List<StoredRecord> legacy = legacy(engine.store());
            engine.store().apply(new ChangeSet(List.of(), legacy, Map.of(), Map.of(), List.of(), List.of(), null));
        }
        try (Engine engine = Engine.open(SqliteStore.open(data), ResolverConfig.defaults())) {
            assertThat(engine.counts()).as("flags not in the keys").isNull();
            Reads.Stats read = scanned(engine.store());
            // the first call reads the records and teaches the engine
            assertThat(withEngine(engine).stats(0)).isEqualTo(read);
            assertThat(engine.counts().events()).isEqualTo(read.events());
            assertThat(engine.counts().eventsOfKnownPersons()).isEqualTo(read.eventsOfKnownPersons());
            assertThat(withEngine(engine).stats(1)).isEqualTo(read);
        }
    }

    private static Reads withEngine(Engine engine) {
        return new Reads(engine.store(), engine.config().placeholders(), new Normalizers("AR"), engine);
    }

    private static Reads.Stats scanned(Store store) {
        return new Reads(store, ResolverConfig.defaults().placeholders(), new Normalizers("AR")).stats(0);
    }

    /** Every stored record with its keys cut before the event flag. */
    private static List<StoredRecord> legacy(Store store) {
        Map<RecordKey, KeyedRecord> keyed = new HashMap<>();
        store.scanKeys(k -> keyed.put(k.key(), k));
        List<StoredRecord> out = new ArrayList<>();
        store.scan(r -> {
            KeyedRecord k = keyed.get(r.record().key());
            String keys = k.keys();
            int flag = keys.lastIndexOf('\u001E');
            assertThat(keys.substring(flag + 1)).isIn("e", "-");
            out.add(new StoredRecord(r.record(), r.profileId(), keys.substring(0, flag), k.links()));
        });
        assertThat(out).hasSize(keyed.size());
        return out;
    }
}
