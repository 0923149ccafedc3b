package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.Engine;
import io.idem.core.generate.Generator;
import io.idem.core.ingest.ImportRequest;
import io.idem.core.match.MatchConfig;
import io.idem.core.normalize.Normalizers;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.store.PairReview;
import io.idem.core.store.Store;
import io.idem.store.pg.PgTestDatabase;
import io.idem.store.pg.PostgresStore;
import io.idem.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Engine.rematch} on both backends: a base imported under the default thresholds and
 * rematched under others holds the profiles and the open queue of one imported under the others
 * and rematched, and a reopened engine holds them too.
 */
class RematchBackendsTest {
    private static final List<String> CHANNELS = List.of("ecommerce", "concurso", "tienda", "fidelizacion", "app",
            "callcenter");
    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void newThresholdsGiveTheBaseOfAnImportUnderThem(String backend) {
        Map<String, String> databases = new HashMap<>();
        Function<String, Store> open = name -> backend.equals("sqlite") ? SqliteStore.open(dir.resolve(name))
                : PostgresStore.open(databases.computeIfAbsent(name, n -> PgTestDatabase.create()));
        try {
            Path generated = dir.resolve("generated");
            new Generator(23).generate(700, generated);
            ResolverConfig looser = ResolverConfig.defaults().withMatch(MatchConfig.defaults().withThresholds(0.85, 0.5));
            try (Engine engine = Engine.open(open.apply("defaults"), ResolverConfig.defaults())) {
                importAll(engine, generated);
            }
            Set<Set<String>> rematched;
            Set<String> queue;
            try (Engine engine = Engine.open(open.apply("defaults"), looser)) {
                Set<Set<String>> before = partition(engine.store());
                Engine.RematchReport report = engine.rematch((a, b, c) -> { });
                assertThat(report.profilesMerged()).isPositive();
                rematched = partition(engine.store());
                assertThat(rematched).isNotEqualTo(before);
                queue = open(engine);
            }
            try (Engine engine = Engine.open(open.apply("looser"), looser)) {
                importAll(engine, generated);
                engine.rematch((a, b, c) -> { });
                assertThat(partition(engine.store())).isEqualTo(rematched);
                assertThat(open(engine)).isNotEmpty().isEqualTo(queue);
            }
            try (Engine reopened = Engine.open(open.apply("defaults"), looser)) {
                Engine.RematchReport again = reopened.rematch((a, b, c) -> { });
                assertThat(again.recordsMoved()).isZero();
                assertThat(again.linksWritten()).isZero();
                assertThat(again.pairsWithdrawn()).isZero();
                assertThat(partition(reopened.store())).isEqualTo(rematched);
            }
        } finally {
            databases.values().forEach(PgTestDatabase::drop);
        }
    }

    private void importAll(Engine engine, Path generated) {
        for (String c : CHANNELS) {
            engine.importFile(new ImportRequest(generated.resolve(c + ".csv"), c, "id", Map.of(),
                    dir.resolve("rejects-" + c + ".csv")), new Normalizers("AR"), null);
        }
    }

    private static Set<Set<String>> partition(Store store) {
        Map<String, Set<String>> byProfile = new HashMap<>();
        store.scan(r -> byProfile.computeIfAbsent(r.profileId(), k -> new TreeSet<>()).add(r.record().key().toString()));
        return new HashSet<>(byProfile.values());
    }

    /** The open queue: pair ids with the pair's two records. */
    private static Set<String> open(Engine engine) {
        Set<String> out = new TreeSet<>();
        for (PairReview r : engine.openReviews()) {
            out.add(r.id() + " " + r.a() + " " + r.b());
        }
        return out;
    }
}
