package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.generate.Generator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A child JVM importing a file is killed with SIGKILL after some batches are committed; importing
 * the same file again must end in exactly the state of a clean import: same records, same
 * profiles, same profile ids, nothing lost or duplicated.
 */
class CrashRecoveryTest {
    @TempDir
    static Path dir;
    static Path input;
    static String cleanExport;
    static int rows;

    @BeforeAll
    static void cleanRun() throws IOException {
        new Generator(11).generate(20_000, dir.resolve("gen"));
        input = dir.resolve("gen").resolve("ecommerce.csv");
        rows = (int) Files.lines(input).count() - 1;
        Path clean = dir.resolve("clean");
        // same batch size as the crashed child, so both runs commit the same sequence; two batches
        // per commit, so the kill also lands while a batch is written into an open transaction
        System.setProperty("idem.import.batch", "500");
        System.setProperty("idem.import.commitEvery", "2");
        try {
            Cli.Result r = Cli.run("import", input.toString(), "--source", "ecommerce", "--id", "id", "--data",
                    clean.toString());
            assertThat(r.code()).as(r.err()).isZero();
            Cli.Result t = Cli.run("import", dir.resolve("gen").resolve("tienda.csv").toString(), "--source", "tienda",
                    "--id", "id", "--data", clean.toString());
            assertThat(t.code()).as(t.err()).isZero();
        } finally {
            System.clearProperty("idem.import.batch");
            System.clearProperty("idem.import.commitEvery");
        }
        cleanExport = export(clean);
        assertThat(cleanExport.lines().count()).isGreaterThan(rows);
    }

    @ParameterizedTest
    @ValueSource(ints = {600, 2_500, 5_000})
    void killedImportThenReimportEqualsCleanImport(int killAfterRecords) throws Exception {
        Path data = dir.resolve("crash-" + killAfterRecords);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Didem.import.batch=500", "-Didem.import.commitEvery=2", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "import", input.toString(), "--source", "ecommerce", "--id", "id", "--data", data.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + killAfterRecords + ".log").toFile()).start();
        long committed = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && System.nanoTime() < deadline) {
            committed = count(data);
            if (committed >= killAfterRecords) {
                break;
            }
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor(10, TimeUnit.SECONDS);
        long atKill = count(data);
        assertThat(atKill).as("killed mid-import").isGreaterThan(0).isLessThan(rows);

        System.setProperty("idem.import.batch", "500");
        System.setProperty("idem.import.commitEvery", "2");
        try {
            Cli.Result r = Cli.run("import", input.toString(), "--source", "ecommerce", "--id", "id", "--data",
                    data.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).containsPattern("records unchanged\\s+" + String.format(java.util.Locale.ROOT, "%,d", atKill).trim());
            Cli.Result t = Cli.run("import", dir.resolve("gen").resolve("tienda.csv").toString(), "--source", "tienda",
                    "--id", "id", "--data", data.toString());
            assertThat(t.code()).as(t.err()).isZero();
        } finally {
            System.clearProperty("idem.import.batch");
            System.clearProperty("idem.import.commitEvery");
        }
        assertThat(export(data)).isEqualTo(cleanExport);
    }

    /**
     * The same for the store tickets, imported after the web orders: nearly every ticket is decided
     * by fuzzy matching. The re-import's engine loads the tickets the killed one committed with the
     * match links it stored, and must end in the clean run's profiles.
     */
    @ParameterizedTest
    @ValueSource(ints = {3_000, 9_000})
    void killedFuzzyImportThenReimportEqualsCleanImport(int killAfterTickets) throws Exception {
        Path data = dir.resolve("crash-tienda-" + killAfterTickets);
        Path tickets = dir.resolve("gen").resolve("tienda.csv");
        System.setProperty("idem.import.batch", "500");
        System.setProperty("idem.import.commitEvery", "2");
        try {
            Cli.Result r = Cli.run("import", input.toString(), "--source", "ecommerce", "--id", "id", "--data",
                    data.toString());
            assertThat(r.code()).as(r.err()).isZero();
        } finally {
            System.clearProperty("idem.import.batch");
            System.clearProperty("idem.import.commitEvery");
        }
        long before = count(data);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Didem.import.batch=500", "-Didem.import.commitEvery=2", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "import", tickets.toString(), "--source", "tienda", "--id", "id", "--data", data.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-tienda-" + killAfterTickets + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && System.nanoTime() < deadline && count(data) - before < killAfterTickets) {
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor(10, TimeUnit.SECONDS);
        long atKill = count(data) - before;
        assertThat(atKill).as("killed mid-import").isGreaterThan(0).isLessThan(Files.lines(tickets).count() - 1);

        System.setProperty("idem.import.batch", "500");
        System.setProperty("idem.import.commitEvery", "2");
        try {
            Cli.Result t = Cli.run("import", tickets.toString(), "--source", "tienda", "--id", "id", "--data",
                    data.toString());
            assertThat(t.code()).as(t.err()).isZero();
        } finally {
            System.clearProperty("idem.import.batch");
            System.clearProperty("idem.import.commitEvery");
        }
        assertThat(export(data)).isEqualTo(cleanExport);
    }

    static long count(Path data) {
        Path db = data.resolve("idem.db");
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM records")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            return 0; // the schema may not exist yet
        }
    }

    static String export(Path data) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Cli.Result r = Cli.run("export", "records", "--data", data.toString());
            assertThat(r.code()).as(r.err()).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
