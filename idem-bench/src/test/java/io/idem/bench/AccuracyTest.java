package io.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.idem.core.resolve.ResolverConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accuracy floors on small labelled samples, through the real import path into SQLite with the
 * default configuration: a drop below a floor is a regression to explain, not to paper over.
 */
class AccuracyTest {
    /**
     * Where the shared benchmark files live: {@code IDEM_DATASETS} when set ({@code .ci/run} sets
     * it), else the repository's sibling {@code ../shared/datasets}.
     */
    static final Path DATASETS = System.getenv("IDEM_DATASETS") != null ? Path.of(System.getenv("IDEM_DATASETS"))
            : Path.of("..", "..", "shared", "datasets");

    @TempDir
    Path dir;

    @Test
    void generatorOfAThousandPeople() throws IOException {
        Evaluate.Dataset d = Evaluate.generator(1_000, dir.resolve("gen"));
        Evaluate.Result r = Evaluate.run(d, ResolverConfig.defaults(), dir.resolve("store"), 0);
        // measured when written: F1 0.8606, precision 0.9902, 3 mixed profiles of 1,300 (0.23%), when about
        // 15% of the true pairs involved anonymous app devices no one can link; since those are visitors of
        // their own in the truth (see BENCHMARKS.md): F1 0.9404, precision 0.9902, mixed 0.228%; with a
        // mistyped document's loyalty card scored and rare names linked (acc4): F1 0.9425, precision 0.9902,
        // mixed 0.230%
        assertThat(r.metrics().f1()).as(r.toString()).isGreaterThanOrEqualTo(0.942);
        assertThat(r.metrics().precision()).as(r.toString()).isGreaterThanOrEqualTo(0.99);
        assertThat(r.metrics().mixedShare()).as(r.toString()).isLessThanOrEqualTo(0.0025);
        assertThat(r.comparisons()).isPositive();
    }

    @Test
    void febrl1() throws IOException {
        assumeTrue(Files.exists(DATASETS.resolve("febrl1/dataset1.csv")), "FEBRL files not found in " + DATASETS);
        Evaluate.Result r = Evaluate.run(Evaluate.dataset("febrl1", DATASETS, 0, dir), ResolverConfig.defaults(),
                dir.resolve("store"), 0);
        // measured when written: F1 0.9940, precision 1.0000; with m estimated by EM: F1 0.9990
        assertThat(r.metrics().f1()).as(r.toString()).isGreaterThanOrEqualTo(0.998);
        assertThat(r.metrics().precision()).as(r.toString()).isGreaterThanOrEqualTo(0.999);
    }

    @Test
    void fake1000() throws IOException {
        assumeTrue(Files.exists(DATASETS.resolve("splink_fake_1000/fake_1000.csv")),
                "fake_1000 not found in " + DATASETS);
        Evaluate.Result r = Evaluate.run(Evaluate.dataset("fake1000", DATASETS, 0, dir), ResolverConfig.defaults(),
                dir.resolve("store"), 0);
        // measured when written: F1 0.9001, precision 1.0000 (issue 3's target: 0.90)
        assertThat(r.metrics().f1()).as(r.toString()).isGreaterThanOrEqualTo(0.90);
        assertThat(r.metrics().precision()).as(r.toString()).isGreaterThanOrEqualTo(0.999);
    }
}
