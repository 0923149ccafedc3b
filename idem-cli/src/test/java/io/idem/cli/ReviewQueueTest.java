package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.Engine;
import io.idem.core.generate.Generator;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.store.PairReview;
import io.idem.core.store.Store;
import io.idem.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open review queue an engine keeps as it writes reviews must be the one reading the whole
 * queue from the store gives, through imports, decisions and a reopen; and so must the queue
 * `review list` and `stats` read from the store alone ({@link io.idem.core.store.ReviewQueue}).
 */
class ReviewQueueTest {
    @TempDir
    Path dir;

    @Test
    void theQueueTheEngineKeepsIsTheOneTheStoreHolds() throws Exception {
        new Generator(5).generate(1_500, dir.resolve("gen"));
        Path data = dir.resolve("data");
        importChannel(data, "ecommerce");
        try (Engine engine = Engine.open(SqliteStore.open(data), ResolverConfig.defaults())) {
            List<PairReview> first = engine.openReviews(); // loads the queue
            assertThat(first).isEqualTo(fromStore(engine));
            // more records through the same engine: the queue grows as the engine writes it
            engine.importFile(new io.idem.core.ingest.ImportRequest(dir.resolve("gen").resolve("tienda.csv"),
                    "tienda", "id", java.util.Map.of(), dir.resolve("tienda-rejects.csv")),
                    new io.idem.core.normalize.Normalizers("AR"), null);
            List<PairReview> grown = engine.openReviews();
            assertThat(grown).hasSizeGreaterThan(first.size() + 20).isEqualTo(fromStore(engine));
            // decisions: accepted pairs join, rejected ones (and their siblings) leave the queue
            List<Engine.ReviewDecision> decisions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                decisions.add(new Engine.ReviewDecision(grown.get(i).id(),
                        i % 2 == 0 ? PairReview.ACCEPTED : PairReview.REJECTED));
            }
            engine.decideReviews(decisions);
            List<PairReview> decided = engine.openReviews();
            assertThat(decided).hasSizeLessThanOrEqualTo(grown.size() - 20).isEqualTo(fromStore(engine));
            // and what `review list` and `stats` read without an engine
            io.idem.core.store.ReviewQueue read = io.idem.core.store.ReviewQueue.read(engine.store());
            assertThat(read.open()).isEqualTo(decided);
            assertThat(read.accepted() + read.rejected()).isGreaterThanOrEqualTo(20);
            for (PairReview r : decided) {
                assertThat(read.profileOf(r.a())).isEqualTo(engine.resolver().profileOf(r.a()));
            }
        }
        try (Engine engine = Engine.open(SqliteStore.open(data), ResolverConfig.defaults())) {
            assertThat(engine.openReviews()).isEqualTo(fromStore(engine));
        }
    }

    private void importChannel(Path data, String channel) {
        Cli.Result r = Cli.run("import", dir.resolve("gen").resolve(channel + ".csv").toString(), "--source", channel,
                "--id", "id", "--data", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** The queue read whole from the store, as the engine read it before it kept one. */
    private static List<PairReview> fromStore(Engine engine) {
        Store store = engine.store();
        List<PairReview> out = new ArrayList<>();
        for (PairReview r : store.reviews()) {
            String pa = engine.resolver().profileOf(r.a());
            String pb = engine.resolver().profileOf(r.b());
            if (PairReview.OPEN.equals(r.status()) && pa != null && pb != null && !pa.equals(pb)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingDouble((PairReview r) -> -r.score()).thenComparing(PairReview::id));
        return out;
    }
}
