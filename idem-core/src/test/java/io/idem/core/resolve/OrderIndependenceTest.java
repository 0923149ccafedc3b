package io.idem.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.generate.Generator;
import io.idem.core.ingest.ColumnMapping;
import io.idem.core.ingest.CsvReader;
import io.idem.core.ingest.RowParser;
import io.idem.core.match.MatchConfig;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: importing the same records in any order gives the same partition into profiles. This is
 * the exact-identifier layer's guarantee, so fuzzy matching is off here; {@link FuzzyStabilityTest}
 * covers what the fuzzy layer guarantees.
 */
class OrderIndependenceTest {
    @TempDir
    static Path dir;
    static List<SourceRecord> records;
    static Set<Set<String>> reference;

    @BeforeAll
    static void generate() throws IOException {
        new Generator(7).generate(400, dir);
        records = readAll(dir);
        reference = partition(records);
    }

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(25);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shuffledOrderGivesTheSamePartition(long seed) {
        List<SourceRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(partition(shuffled)).isEqualTo(reference);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void reversedChannelsAndReimportsGiveTheSamePartition(long seed) {
        List<SourceRecord> twice = new ArrayList<>(records);
        Collections.shuffle(twice, new Random(seed * 31));
        List<SourceRecord> all = new ArrayList<>(twice.subList(0, twice.size() / 2));
        all.addAll(records);
        Collections.reverse(all);
        assertThat(partition(all)).isEqualTo(reference);
    }

    static Set<Set<String>> partition(List<SourceRecord> input) {
        Resolver resolver = new Resolver(ResolverConfig.defaults().withMatch(MatchConfig.off()));
        for (SourceRecord r : input) {
            resolver.upsert(r);
        }
        Map<String, Set<String>> byProfile = new HashMap<>();
        for (SourceRecord r : records) {
            byProfile.computeIfAbsent(resolver.profileOf(r.key()), k -> new TreeSet<>()).add(r.key().toString());
        }
        return new java.util.HashSet<>(byProfile.values());
    }

    static List<SourceRecord> readAll(Path dir) throws IOException {
        List<SourceRecord> out = new ArrayList<>();
        Normalizers normalizers = new Normalizers("AR");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".csv") || name.equals("truth.csv")) {
                    continue;
                }
                String source = name.substring(0, name.length() - 4);
                try (CsvReader csv = new CsvReader(Files.newBufferedReader(f, StandardCharsets.UTF_8))) {
                    RowParser parser = new RowParser(ColumnMapping.of(csv.header(), "id", new TreeMap<>()),
                            normalizers, source);
                    CsvReader.Row row;
                    long n = 0;
                    while ((row = csv.next()) != null) {
                        RowParser.Parsed p = parser.parse(row, ++n, 0);
                        if (p.record() != null) {
                            out.add(p.record());
                        }
                    }
                }
            }
        }
        assertThat(out).hasSizeGreaterThan(1000);
        return out;
    }
}
