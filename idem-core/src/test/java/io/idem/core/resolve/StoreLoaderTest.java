package io.idem.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.generate.Generator;
import io.idem.core.match.MatchConfig;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.StoredRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loading on two threads ({@link StoreLoader}) must leave a resolver exactly as loading the same
 * stored records one by one on one thread does: the same profiles, and the same decisions, change
 * sets and counters for every record resolved after it. A failing scan stops the load with its own
 * error.
 */
class StoreLoaderTest {
    @TempDir
    static Path dir;
    static List<SourceRecord> records;

    @BeforeAll
    static void generate() throws IOException {
        new Generator(23).generate(5_000, dir);
        records = OrderIndependenceTest.readAll(dir);
    }

    @ParameterizedTest(name = "fuzzy={0}")
    @ValueSource(booleans = {false, true})
    void loadingOnTwoThreadsEqualsLoadingOnOne(boolean fuzzy) {
        ResolverConfig config = fuzzy ? ResolverConfig.defaults()
                : ResolverConfig.defaults().withMatch(MatchConfig.off());
        int split = records.size() * 2 / 3;
        List<KeyedRecord> stored = resolveAndStore(config, records.subList(0, split));
        // thousands of hand-over batches cross between the threads
        assertThat(stored.size()).isGreaterThan(10_000);

        Resolver one = new Resolver(config, 0);
        stored.forEach(one::load);
        one.finishLoading();
        Resolver two = new Resolver(config, 0);
        StoreLoader.load(stored::forEach, two);
        two.finishLoading();

        assertThat(two.recordCount()).isEqualTo(one.recordCount()).isEqualTo(stored.size());
        assertThat(two.profileCount()).isEqualTo(one.profileCount());
        for (KeyedRecord k : stored) {
            assertThat(two.profileOf(k.key())).as(k.key().toString()).isEqualTo(k.profileId());
        }
        List<SourceRecord> rest = records.subList(split, records.size());
        for (int i = 0; i < rest.size(); i++) {
            SourceRecord r = rest.get(i);
            assertThat(two.upsert(r)).as(r.key().toString()).isEqualTo(one.upsert(r));
            if (i % 500 == 499 || i == rest.size() - 1) {
                assertThat(two.drainCounters()).isEqualTo(one.drainCounters());
                assertThat(ShortcutEquivalenceTest.describe(two.drain()))
                        .isEqualTo(ShortcutEquivalenceTest.describe(one.drain()));
            }
        }
        assertThat(two.comparisons()).isEqualTo(one.comparisons());
        if (fuzzy) {
            assertThat(two.comparisons()).isPositive();
        }
    }

    @Test
    void aFailingScanStopsTheLoadWithItsOwnErrorAndLeavesNoThread() {
        ResolverConfig config = ResolverConfig.defaults();
        List<KeyedRecord> stored = resolveAndStore(config, records.subList(0, 12_000));
        IllegalStateException broken = new IllegalStateException("disk went away at record 9,000");
        Consumer<Consumer<KeyedRecord>> scan = sink -> {
            for (int i = 0; i < stored.size(); i++) {
                if (i == 9_000) {
                    throw broken;
                }
                sink.accept(stored.get(i));
            }
        };
        assertThatThrownBy(() -> StoreLoader.load(scan, new Resolver(config, 0))).isSameAs(broken);
        assertThat(loaderThreads()).isZero();
    }

    @Test
    void aFilingThreadThatStopsStopsTheReadingThread() throws InterruptedException {
        ResolverConfig config = ResolverConfig.defaults();
        List<KeyedRecord> stored = resolveAndStore(config, records.subList(0, 5_000));
        // a scan that never ends: only the filing thread giving up can stop the reading one
        Consumer<Consumer<KeyedRecord>> endless = sink -> {
            while (true) {
                stored.forEach(sink);
            }
        };
        Throwable[] thrown = new Throwable[1];
        Thread caller = new Thread(() -> {
            try {
                StoreLoader.load(endless, new Resolver(config, 0));
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        caller.start();
        Thread.sleep(300);
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown[0]).isInstanceOf(io.idem.core.IdemException.class).hasMessageContaining("interrupted");
        long deadline = System.currentTimeMillis() + 5_000;
        while (loaderThreads() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(loaderThreads()).isZero();
    }

    private static long loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("idem-load") && t.isAlive()).count();
    }

    /** What a store holds after resolving {@code input}: each record's latest keys, links and final profile, in order. */
    private static List<KeyedRecord> resolveAndStore(ResolverConfig config, List<SourceRecord> input) {
        Resolver writer = new Resolver(config, 0);
        Map<RecordKey, String> keys = new LinkedHashMap<>();
        Map<RecordKey, String> links = new java.util.HashMap<>();
        for (int i = 0; i < input.size(); i++) {
            writer.upsert(input.get(i));
            if (i % 1_000 == 999 || i == input.size() - 1) {
                ChangeSet cs = writer.drain();
                for (StoredRecord r : cs.records()) {
                    keys.put(r.record().key(), r.keys());
                    links.put(r.record().key(), r.links());
                }
                for (StoredRecord r : cs.replacements()) {
                    keys.put(r.record().key(), r.keys());
                    links.put(r.record().key(), r.links());
                }
                links.putAll(cs.links());
            }
        }
        List<KeyedRecord> out = new ArrayList<>();
        keys.forEach((k, v) -> out.add(new KeyedRecord(k, writer.profileOf(k), v, links.get(k))));
        return out;
    }
}
