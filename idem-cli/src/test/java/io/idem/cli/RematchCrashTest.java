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
 * A child JVM applying new thresholds to a base ({@code rematch}) is killed with SIGKILL after some
 * of its steps are committed; running it again must end in the state of an uninterrupted run: the
 * same records, profiles and profile ids, and the same review queue.
 */
class RematchCrashTest {
    private static final String[] CHANNELS = {"ecommerce", "concurso", "tienda", "fidelizacion", "app", "callcenter"};
    @TempDir
    Path dir;

    @Test
    void aKilledRematchRunAgainEndsAsAnUninterruptedOne() throws Exception {
        new Generator(17).generate(3_000, dir.resolve("gen"));
        Path clean = dir.resolve("clean");
        Path crashed = dir.resolve("crashed");
        for (Path data : List.of(clean, crashed)) {
            for (String channel : CHANNELS) {
                Cli.Result r = Cli.run("import", dir.resolve("gen").resolve(channel + ".csv").toString(), "--source",
                        channel, "--id", "id", "--data", data.toString());
                assertThat(r.code()).as(r.err()).isZero();
            }
            Files.writeString(data.resolve("matching.conf"), "match_threshold = 0.8\nreview_threshold = 0.4\n");
        }
        String before = CrashRecoveryTest.export(clean);
        Cli.Result whole = Cli.run("rematch", "--data", clean.toString());
        assertThat(whole.code()).as(whole.err()).isZero();
        String cleanExport = CrashRecoveryTest.export(clean);
        assertThat(cleanExport).as("the new thresholds change some profiles").isNotEqualTo(before);
        long total = cleanExport.lines().count() - 1;

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Didem.rematch.batch=20", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "rematch", "--data", crashed.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && System.nanoTime() < deadline && repartitioned(crashed) < 1_000) {
            Thread.sleep(2);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor(10, TimeUnit.SECONDS);
        long atKill = repartitioned(crashed);
        assertThat(atKill).as("killed mid-run").isGreaterThan(0).isLessThan(total);
        assertThat(Cli.run("stats", "--data", crashed.toString()).out()).containsPattern("running +\\*");

        Cli.Result again = Cli.run("rematch", "--data", crashed.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(CrashRecoveryTest.export(crashed)).isEqualTo(cleanExport);
        assertThat(queue(crashed)).isNotEmpty().isEqualTo(queue(clean));
    }

    /** The open pairs `review list` shows, as CSV. */
    private static String queue(Path data) {
        Cli.Result r = Cli.run("review", "list", "--csv", "--limit", "0", "--data", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    /** Records the latest rematch run of a store has re-partitioned (committed with each step). */
    private static long repartitioned(Path data) {
        Path db = data.resolve("idem.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            try (ResultSet rs = s.executeQuery("SELECT rows_read FROM imports WHERE file='rematch'"
                    + " ORDER BY started_at DESC LIMIT 1")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            return 0;
        }
    }
}
