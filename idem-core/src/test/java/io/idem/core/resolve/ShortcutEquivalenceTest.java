package io.idem.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.generate.Generator;
import io.idem.core.match.MatchConfig;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.LogEntry;
import io.idem.core.store.StoredRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The resolver's shortcut for new records (join a simple profile or start one without running the
 * partitioner) must change nothing: on generated data, in several orders, with updates mixed in and
 * with fuzzy matching on and off, a resolver using it and one re-partitioning every record produce
 * the same profile ids, the same change sets batch after batch and the same counters.
 */
class ShortcutEquivalenceTest {
    @TempDir
    static Path dir;
    static List<SourceRecord> records;

    @BeforeAll
    static void generate() throws IOException {
        new Generator(11).generate(1_500, dir);
        records = OrderIndependenceTest.readAll(dir);
    }

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (boolean fuzzy : new boolean[] {false, true}) {
            for (long seed : new long[] {0, 1, 2}) {
                out.add(Arguments.of(fuzzy, seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "fuzzy={0} seed={1}")
    @MethodSource("runs")
    void shortcutGivesExactlyWhatThePartitionerGives(boolean fuzzy, long seed) {
        List<SourceRecord> input = input(seed);
        ResolverConfig config = fuzzy ? ResolverConfig.defaults()
                : ResolverConfig.defaults().withMatch(MatchConfig.off());
        Resolver fast = new Resolver(config, true);
        Resolver slow = new Resolver(config, false);
        for (int i = 0; i < input.size(); i++) {
            SourceRecord r = input.get(i);
            assertThat(fast.upsert(r)).isEqualTo(slow.upsert(r));
            if (i % 500 == 499 || i == input.size() - 1) {
                assertThat(fast.drainCounters()).isEqualTo(slow.drainCounters());
                assertThat(describe(fast.drain())).isEqualTo(describe(slow.drain()));
            }
        }
        for (SourceRecord r : input) {
            assertThat(fast.profileOf(r.key())).as(r.key().toString()).isEqualTo(slow.profileOf(r.key()));
        }
        assertThat(fast.profileCount()).isEqualTo(slow.profileCount());
        // the shortcut must actually be exercised for the comparison to mean something
        assertThat(fast.shortcutsTaken()).isGreaterThan(input.size() / 4L);
        assertThat(slow.shortcutsTaken()).isZero();
    }

    /**
     * The generated records in the demo's channel order (seed 0) or shuffled, with one record in
     * seven first arriving without its last field and later in full (an update).
     */
    private static List<SourceRecord> input(long seed) {
        List<SourceRecord> ordered = new ArrayList<>(records);
        if (seed != 0) {
            Collections.shuffle(ordered, new Random(seed));
        }
        List<SourceRecord> out = new ArrayList<>();
        List<SourceRecord> later = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            SourceRecord r = ordered.get(i);
            if (i % 7 == 3 && r.fields().size() > 1) {
                out.add(new SourceRecord(r.key(), r.fields().subList(0, r.fields().size() - 1), r.ingestedAt()));
                later.add(r);
            } else {
                out.add(r);
            }
            if (i % 1000 == 999) {
                out.addAll(later);
                later.clear();
            }
        }
        out.addAll(later);
        return out;
    }

    /** A change set as comparable text, without log times. */
    static List<String> describe(ChangeSet cs) {
        List<String> out = new ArrayList<>();
        for (StoredRecord r : cs.records()) {
            out.add("record " + r.record().key() + " " + r.profileId() + " " + r.keys());
        }
        for (StoredRecord r : cs.replacements()) {
            out.add("replace " + r.record().key() + " " + r.profileId() + " " + r.keys());
        }
        cs.moves().forEach((k, v) -> out.add("move " + k + " " + v));
        cs.aliases().forEach((k, v) -> out.add("alias " + k + " " + v));
        for (LogEntry l : cs.log()) {
            out.add("log " + l.action() + " " + l.profileId() + " " + l.otherId() + " " + l.reason() + " " + l.actor());
        }
        cs.flags().forEach(f -> out.add("flag " + f));
        cs.reviews().forEach(r -> out.add("review " + r.id() + " " + r.status() + " " + r.score()));
        Collections.sort(out);
        return out;
    }
}
