package io.idem.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.eval.PairwiseMetrics;
import io.idem.core.generate.Generator;
import io.idem.core.model.SourceRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With fuzzy matching on, loading the generator's channels in another order gives (almost) the same
 * profiles. Fuzzy scores use value frequencies and a prior that grow with the data, so a pair near
 * the match threshold may be decided differently when it is compared at another moment; the test
 * bounds how much that changes: the pairs of records sharing a profile agree to at least 99.5% (as
 * pairwise F1 of one order's profiles against the other's).
 */
class FuzzyStabilityTest {
    @TempDir
    static Path dir;
    static Map<String, List<SourceRecord>> bySource = new HashMap<>();
    static Set<Set<String>> reference;
    static final List<String> DEMO_ORDER = List.of("ecommerce", "concurso", "tienda", "fidelizacion", "app",
            "callcenter");

    @BeforeAll
    static void generate() throws IOException {
        new Generator(7).generate(1_500, dir);
        for (SourceRecord r : OrderIndependenceTest.readAll(dir)) {
            bySource.computeIfAbsent(r.key().source(), k -> new ArrayList<>()).add(r);
        }
        reference = partition(DEMO_ORDER);
    }

    static Stream<List<String>> orders() {
        return Stream.of(
                List.of("callcenter", "app", "fidelizacion", "tienda", "concurso", "ecommerce"),
                List.of("tienda", "callcenter", "concurso", "ecommerce", "fidelizacion", "app"),
                List.of("concurso", "tienda", "app", "ecommerce", "callcenter", "fidelizacion"),
                List.of("fidelizacion", "ecommerce", "callcenter", "app", "tienda", "concurso"));
    }

    @ParameterizedTest
    @MethodSource("orders")
    void channelOrderBarelyChangesTheProfiles(List<String> order) {
        Map<String, String> mine = byRecord(partition(order));
        Map<String, String> theirs = byRecord(reference);
        PairwiseMetrics agreement = PairwiseMetrics.of(theirs, mine);
        assertThat(agreement.f1()).as(agreement.toString()).isGreaterThanOrEqualTo(0.995);
    }

    private static Map<String, String> byRecord(Set<Set<String>> profiles) {
        Map<String, String> out = new HashMap<>();
        for (Set<String> p : profiles) {
            String id = p.iterator().next();
            for (String r : p) {
                out.put(r, id);
            }
        }
        return out;
    }

    static Set<Set<String>> partition(List<String> order) {
        Resolver resolver = new Resolver(ResolverConfig.defaults());
        for (String source : order) {
            for (SourceRecord r : bySource.get(source)) {
                resolver.upsert(r);
            }
        }
        Map<String, Set<String>> byProfile = new HashMap<>();
        for (List<SourceRecord> records : bySource.values()) {
            for (SourceRecord r : records) {
                byProfile.computeIfAbsent(resolver.profileOf(r.key()), k -> new TreeSet<>()).add(r.key().toString());
            }
        }
        return new HashSet<>(byProfile.values());
    }
}
