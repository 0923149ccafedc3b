package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.Engine;
import io.idem.core.generate.Generator;
import io.idem.core.ingest.ImportRequest;
import io.idem.core.ingest.Reread;
import io.idem.core.match.MatchConfig;
import io.idem.core.normalize.Normalizers;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.store.ImportRun;
import io.idem.core.store.Store;
import io.idem.store.pg.PgTestDatabase;
import io.idem.store.pg.PostgresStore;
import io.idem.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code reprocess}: stored records read again from their values as received, on a real store. */
class ReprocessCommandTest {
    private static final List<String> CHANNELS = List.of("ecommerce", "concurso", "tienda", "fidelizacion", "app",
            "callcenter");

    @TempDir
    Path dir;

    /**
     * A base imported with the wrong region (Spain: the Argentine mobiles do not read, or read as
     * other numbers), read again with the right one, ends in exactly the profiles a clean import
     * with the right region gives (exact identifiers: order does not matter), and a second run
     * finds nothing to change.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aBaseImportedWithTheWrongRegionEndsAsACleanImportWithTheRightOne(String backend) throws IOException {
        Map<String, String> databases = new HashMap<>();
        // the store of a name: a directory, or a database made on first use (the same one again later)
        java.util.function.Function<String, Store> open = name -> backend.equals("sqlite")
                ? SqliteStore.open(dir.resolve(name))
                : PostgresStore.open(databases.computeIfAbsent(name, n -> PgTestDatabase.create()));
        try {
            wrongRegionThenReprocess(open);
        } finally {
            databases.values().forEach(PgTestDatabase::drop);
        }
    }

    private void wrongRegionThenReprocess(java.util.function.Function<String, Store> open) throws IOException {
        Path generated = dir.resolve("generated");
        new Generator(7).generate(300, generated);
        ResolverConfig exact = ResolverConfig.defaults().withMatch(MatchConfig.off());
        Map<String, Set<String>> fixed;
        try (Engine engine = Engine.open(open.apply("wrong"), exact)) {
            importAll(engine, generated, new Normalizers("ES"));
            Map<String, Set<String>> before = partition(engine);
            long updated = 0;
            for (String c : CHANNELS) {
                ImportRun run = engine.reprocess(c, new Reread(new Normalizers("AR"), false, Map.of()));
                assertThat(run.status()).isEqualTo("done");
                assertThat(run.rowsRead()).isEqualTo(run.recordsUpdated() + run.recordsUnchanged() + run.rowsRejected());
                updated += run.recordsUpdated();
            }
            assertThat(updated).as("the phones of every channel that has them read differently").isGreaterThan(500);
            fixed = partition(engine);
            assertThat(fixed).isNotEqualTo(before);
            for (String c : CHANNELS) {
                ImportRun again = engine.reprocess(c, new Reread(new Normalizers("AR"), false, Map.of()));
                assertThat(again.recordsUpdated()).as(c).isZero();
                assertThat(again.profilesMerged()).as(c).isZero();
            }
        }
        try (Engine clean = Engine.open(open.apply("clean"), exact)) {
            importAll(clean, generated, new Normalizers("AR"));
            assertThat(fixed).isEqualTo(partition(clean));
        }
        // the records read again survive a restart as they are
        try (Engine reopened = Engine.open(open.apply("wrong"), exact)) {
            assertThat(partition(reopened)).isEqualTo(fixed);
        }
    }

    private void importAll(Engine engine, Path generated, Normalizers normalizers) {
        for (String c : CHANNELS) {
            engine.importFile(new ImportRequest(generated.resolve(c + ".csv"), c, "id", Map.of(),
                    dir.resolve("rejects-" + c + ".csv")), normalizers, null);
        }
    }

    /** The profiles as sets of record keys, keyed by their smallest record (profile ids may differ). */
    private static Map<String, Set<String>> partition(Engine engine) {
        Map<String, Set<String>> byProfile = new HashMap<>();
        engine.store().scan(r -> byProfile.computeIfAbsent(r.profileId(), k -> new java.util.TreeSet<>())
                .add(r.record().key().toString()));
        Map<String, Set<String>> out = new HashMap<>();
        for (Set<String> group : byProfile.values()) {
            out.put(((java.util.TreeSet<String>) group).first(), group);
        }
        return out;
    }

    /**
     * A column read as the wrong kind: read as another kind it links, dropped it unlinks (the
     * profile splits), and by its name (`--remap`) it is what an import would make of it today.
     */
    @Test
    void aColumnReadAsAnotherKindLinksAndADroppedOneSplitsTheProfile() throws IOException {
        String data = dir.resolve("data").toString();
        Path web = Cli.file(dir, "web.csv", "pedido,dni,email,celular,nombre,apellido\n"
                + "A-1,30.123.456,monica@gmail.com,011 15-4123-4567,Mónica,González\n"
                + "A-2,27.555.111,ncordoba@gmail.com,,Nicolás,Córdoba\n");
        Path store = Cli.file(dir, "tienda.csv", "ticket,nombre_completo,Nº Socio,tel\n"
                + "T-1,GONZALEZ MONICA,,11 4123-4567\n"
                + "T-2,CORDOBA NICOLAS,FID-77,\n");
        Path loyalty = Cli.file(dir, "socios.csv", "socio,dni\nFID-77,27555111\n");
        assertThat(Cli.run("import", web.toString(), "--source", "web", "--id", "pedido", "--data", data).code()).isZero();
        assertThat(Cli.run("import", store.toString(), "--source", "tienda", "--id", "ticket", "--map",
                "Nº Socio=attribute", "--data", data).code()).isZero();
        assertThat(Cli.run("import", loyalty.toString(), "--source", "socios", "--map", "socio=loyalty_id", "--data",
                data).code()).isZero();
        assertThat(profileOf(data, "tienda", "T-1")).isEqualTo(profileOf(data, "web", "A-1"));
        assertThat(profileOf(data, "tienda", "T-2")).isNotEqualTo(profileOf(data, "web", "A-2"));

        // read again as it is: nothing changes, and the column today's rules read otherwise is named
        Cli.Result plain = Cli.run("reprocess", "--source", "tienda", "--data", data);
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("tienda: 2 records read again: 0 read differently and updated, 2 unchanged")
                .containsPattern("Nº Socio\\s+attribute -> loyalty_id");

        // a dry run says what --remap would change, and changes nothing
        String before = ImportCommandTest.captureStdout("export", "records", "--data", data);
        Cli.Result dry = Cli.run("reprocess", "--source", "tienda", "--remap", "--dry-run", "--data", data);
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("tienda: 2 records read again, nothing changed: 1 would read differently")
                .containsPattern("Nº Socio\\s+1 records");
        assertThat(ImportCommandTest.captureStdout("export", "records", "--data", data)).isEqualTo(before);
        assertThat(Cli.run("reprocess", "--source", "nope", "--dry-run", "--data", data).code()).isEqualTo(3);

        // by its name, as an import would read it today: a loyalty id, which links T-2 to its member
        Cli.Result remapped = Cli.run("reprocess", "--source", "tienda", "--remap", "--data", data);
        assertThat(remapped.code()).as(remapped.err()).isZero();
        assertThat(remapped.out()).contains("tienda: 2 records read again: 1 read differently and updated, 1 unchanged")
                .contains("merged: 1");
        assertThat(profileOf(data, "tienda", "T-2")).isEqualTo(profileOf(data, "socios", "1"))
                .isEqualTo(profileOf(data, "web", "A-2"));

        // the phone was all that tied the ticket to Mónica's order: dropped, the profile splits
        Cli.Result dropped = Cli.run("reprocess", "--source", "tienda", "--remap", "--map", "tel=ignore", "--json",
                "--data", data);
        assertThat(dropped.code()).as(dropped.err()).isZero();
        assertThat(dropped.out()).contains("\"records_updated\" : 1").contains("\"file\" : \"reprocess\"");
        assertThat(profileOf(data, "tienda", "T-1")).isNotEqualTo(profileOf(data, "web", "A-1"));
        Cli.Result profile = Cli.run("profile", profileOf(data, "tienda", "T-1"), "--data", data);
        assertThat(profile.out()).doesNotContain("+5491141234567");
        String piece = profileOf(data, "web", "A-1");
        assertThat(Cli.run("history", profileOf(data, "tienda", "T-1"), "--data", data).out())
                .contains("split      " + profileOf(data, "tienda", "T-1") + " -> " + piece
                        + "  records now resolve to 2 profiles; 1 of them to " + piece + "  (reprocess:tienda)");
        // the piece's own history says where its records came from
        assertThat(Cli.run("history", piece, "--data", data).out()).contains(" -> " + piece);
        assertThat(Cli.run("stats", "--data", data).out()).contains("reprocess");

        Cli.Result unknown = Cli.run("reprocess", "--source", "nope", "--data", data);
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.err()).contains("no records of source 'nope'");
        assertThat(Cli.run("reprocess", "--source", "web", "--map", "x", "--data", data).code()).isEqualTo(2);
    }

    private static String profileOf(String data, String source, String id) {
        for (String line : ImportCommandTest.captureStdout("export", "records", "--data", data).lines().toList()) {
            String[] f = line.split(",");
            if (f[0].equals(source) && f[1].equals(id)) {
                return f[2];
            }
        }
        throw new AssertionError(source + ":" + id + " not exported");
    }

    /** A partner's hashed values have nothing to read again: kept as stored, not made invalid. */
    @Test
    void hashedValuesAreKeptAsStored() throws IOException {
        String data = dir.resolve("data").toString();
        String digest = io.idem.core.privacy.HashedInput.sha256Hex("monica@gmail.com");
        Path partner = Cli.file(dir, "partner.csv", "id,email\nX-1," + digest + "\n");
        Path web = Cli.file(dir, "web.csv", "pedido,email,nombre\nA-1,monica@gmail.com,Mónica\n");
        assertThat(Cli.run("import", web.toString(), "--source", "web", "--id", "pedido", "--data", data).code()).isZero();
        assertThat(Cli.run("import", partner.toString(), "--source", "partner", "--id", "id", "--hashed-input",
                "--data", data).code()).isZero();
        String before = ImportCommandTest.captureStdout("export", "records", "--data", data);
        Cli.Result r = Cli.run("reprocess", "--source", "partner", "--source", "web", "--data", data);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("partner: 1 records read again: 0 read differently and updated, 1 unchanged")
                .contains("web: 1 records read again: 0 read differently and updated, 1 unchanged");
        assertThat(Cli.run("reprocess", "--source", "partner", "--source", "web", "--json", "--data", data).out())
                .startsWith("[").contains("\"source\" : \"partner\"").contains("\"source\" : \"web\"");
        assertThat(ImportCommandTest.captureStdout("export", "records", "--data", data)).isEqualTo(before);
        assertThat(profileOf(data, "partner", "X-1")).isEqualTo(profileOf(data, "web", "A-1"));
    }
}
