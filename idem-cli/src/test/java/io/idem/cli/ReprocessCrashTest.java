package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.generate.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM reading a source again ({@code reprocess}) is killed with SIGKILL after some of its
 * batches are committed; running it again must end in exactly the state of an uninterrupted run:
 * the same records, profiles and profile ids.
 */
class ReprocessCrashTest {
    @TempDir
    Path dir;

    @Test
    void aKilledReprocessRunAgainEndsAsAnUninterruptedOne() throws Exception {
        new Generator(13).generate(8_000, dir.resolve("gen"));
        Path input = dir.resolve("gen").resolve("ecommerce.csv");
        Path clean = dir.resolve("clean");
        Path crashed = dir.resolve("crashed");
        System.setProperty("idem.reprocess.batch", "500");
        String cleanExport;
        try {
            for (Path data : List.of(clean, crashed)) {
                Cli.Result r = Cli.run("import", input.toString(), "--source", "ecommerce", "--id", "id", "--region",
                        "ES", "--data", data.toString());
                assertThat(r.code()).as(r.err()).isZero();
            }
            Cli.Result whole = Cli.run("reprocess", "--source", "ecommerce", "--region", "AR", "--data", clean.toString());
            assertThat(whole.code()).as(whole.err()).isZero();
            cleanExport = CrashRecoveryTest.export(clean);
            long total = updated(clean);
            assertThat(total).as("most web orders carry a phone the region changes").isGreaterThan(5_000);

            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Didem.reprocess.batch=500", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "reprocess", "--source", "ecommerce", "--region", "AR", "--data", crashed.toString()));
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (child.isAlive() && System.nanoTime() < deadline && updated(crashed) < 1_500) {
                Thread.sleep(5);
            }
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor(10, TimeUnit.SECONDS);
            long atKill = updated(crashed);
            assertThat(atKill).as("killed mid-run").isGreaterThan(0).isLessThan(total);

            Cli.Result again = Cli.run("reprocess", "--source", "ecommerce", "--region", "AR", "--data",
                    crashed.toString());
            assertThat(again.code()).as(again.err()).isZero();
            // what the killed run committed reads the same now; the rest is updated
            assertThat(again.out()).contains(String.format(java.util.Locale.ROOT, "%,d read differently and updated",
                    total - atKill));
        } finally {
            System.clearProperty("idem.reprocess.batch");
        }
        assertThat(CrashRecoveryTest.export(crashed)).isEqualTo(cleanExport);
    }

    /** Records the latest reprocess run of a store has updated (committed with each of its batches). */
    private static long updated(Path data) {
        Path db = data.resolve("idem.db");
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            try (ResultSet rs = s.executeQuery("SELECT records_updated FROM imports WHERE file='reprocess'"
                    + " ORDER BY started_at DESC LIMIT 1")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            return 0;
        }
    }
}
