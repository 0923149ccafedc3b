package io.idem.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.generate.Generator;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.StoredRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that stops after some batches and is started again on what it wrote must end in the
 * profiles of a run that never stopped, fuzzy matching on: what a re-import after a crash relies
 * on. The "store" here is every drained change set applied to a map, in the order a store keeps
 * records; the restarted resolver loads it as the engine does ({@link StoreLoader}).
 *
 * <p>Before links were stored, the restarted engine scored the pairs of its loaded records again,
 * against the value frequencies of a later moment: with this seed and size, restarting halfway
 * left one person of ten records in three profiles.
 */
class RestartEquivalenceTest {
    private static final int BATCH = 500;
    @TempDir
    static Path dir;
    static List<SourceRecord> records;
    static Resolver clean;

    @BeforeAll
    static void cleanRun() throws IOException {
        new Generator(1).generate(8_000, dir);
        records = OrderIndependenceTest.readAll(dir);
        clean = new Resolver(ResolverConfig.defaults(), 0);
        new Store().resolve(clean, records);
    }

    @Test
    void restartingHalfwayEndsInTheProfilesOfARunThatNeverStopped() {
        assertRestartMatchesCleanRun(records.size() / 2 / BATCH * BATCH);
    }

    @Test
    void restartingWhileTheEstimateOfMIsStillMadeEndsInTheSameProfiles() {
        // estimates at 256, 384, ... 8,748 records: each re-compares every record so far
        assertRestartMatchesCleanRun(3_000);
    }

    private static void assertRestartMatchesCleanRun(int split) {
        Store store = new Store();
        store.resolve(new Resolver(ResolverConfig.defaults(), 0), records.subList(0, split));
        Resolver again = new Resolver(ResolverConfig.defaults(), 0);
        store.retired.forEach(again::loadRetired);
        List<KeyedRecord> stored = store.keyed();
        assertThat(stored).anyMatch(k -> k.links() != null && k.links().contains(";"));
        StoreLoader.load(stored::forEach, again);
        again.finishLoading();
        store.resolve(again, records.subList(split, records.size()));

        List<String> differ = new ArrayList<>();
        for (SourceRecord r : records) {
            String want = clean.profileOf(r.key());
            String got = again.profileOf(r.key());
            if (!want.equals(got)) {
                differ.add(r.key() + " " + clean.recordsOf(want) + " / " + again.recordsOf(got));
            }
        }
        assertThat(differ).as("records in another profile after a restart at " + split).isEmpty();
    }

    /** What a store keeps of the drained change sets: per record its profile, keys and links. */
    private static final class Store {
        final Map<RecordKey, String[]> rows = new LinkedHashMap<>();
        final Set<String> retired = new HashSet<>();

        void resolve(Resolver resolver, List<SourceRecord> input) {
            for (int i = 0; i < input.size(); i++) {
                resolver.upsert(input.get(i));
                if (i % BATCH == BATCH - 1 || i == input.size() - 1) {
                    apply(resolver.drain());
                }
            }
        }

        void apply(ChangeSet cs) {
            for (StoredRecord r : cs.records()) {
                rows.put(r.record().key(), new String[] {r.profileId(), r.keys(), r.links()});
            }
            for (StoredRecord r : cs.replacements()) {
                rows.put(r.record().key(), new String[] {r.profileId(), r.keys(), r.links()});
            }
            cs.moves().forEach((k, p) -> rows.get(k)[0] = p);
            cs.links().forEach((k, l) -> rows.get(k)[2] = l);
            retired.addAll(cs.aliases().keySet());
        }

        List<KeyedRecord> keyed() {
            List<KeyedRecord> out = new ArrayList<>();
            rows.forEach((k, v) -> out.add(new KeyedRecord(k, v[0], v[1], v[2])));
            return out;
        }
    }
}
