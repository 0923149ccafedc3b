package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idem.core.privacy.HashedInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pseudonymisation and encryption at rest through the command line, on real SQLite data
 * directories: what reaches the disk, key rotation, and partner files of hashed identifiers.
 */
class PrivacyCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] CHANNELS = {"ecommerce", "concurso", "tienda", "fidelizacion", "app", "callcenter"};

    @TempDir
    Path dir;

    JsonNode ok(String... args) throws IOException {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out().strip();
        return out.startsWith("{") ? JSON.readTree(out) : null;
    }

    private void importGenerated(Path gen, String data) throws IOException {
        for (String channel : CHANNELS) {
            ok("import", gen.resolve(channel + ".csv").toString(), "--source", channel, "--id", "id", "--data", data);
        }
    }

    /** Values of the named columns in the generated files: e-mails, documents, phones, surnames. */
    private static Set<String> personalValues(Path gen) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        List<String> wanted = List.of("email", "documento", "dni", "telefono", "celular", "apellido", "nombre_completo");
        for (String channel : CHANNELS) {
            List<String> lines = Files.readAllLines(gen.resolve(channel + ".csv"), StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",", -1);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                for (int i = 0; i < header.length && i < cells.length; i++) {
                    String v = cells[i].strip();
                    // short values (a 4-letter surname) could occur by chance inside random bytes
                    if (wanted.contains(header[i]) && v.length() >= 8 && !v.contains("0000000")) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The key versions the sealed values of records and log entries name: the header of the byte
     * form (a length byte, then the version), or the prefix of the text form ({@code VERSION.}).
     */
    private static Set<String> sealedKeyVersions(Path data) throws java.sql.SQLException {
        Set<String> out = new java.util.TreeSet<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("idem.db"));
                java.sql.ResultSet rs = c.createStatement().executeQuery(
                        "SELECT keys, fields FROM records UNION ALL SELECT reason, reason FROM log")) {
            while (rs.next()) {
                for (int i = 1; i <= 2; i++) {
                    Object v = rs.getObject(i);
                    out.add(v instanceof byte[] b ? new String(b, 1, b[0], StandardCharsets.US_ASCII)
                            : ((String) v).substring(0, ((String) v).indexOf('.')));
                }
            }
        }
        return out;
    }

    /** The database files (not the key files, not the reject files kept for the operator). */
    private static String databaseBytes(Path data) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("idem.db")).toList()) {
                sb.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    @Test
    void aGeneratedBaseLeavesNoRawIdentifierOrNameInTheDatabaseAndRotationKeepsItWorking() throws Exception {
        Path gen = dir.resolve("gen");
        ok("generate", "--persons", "150", "--out", gen.toString());
        String data = dir.resolve("data").toString();
        importGenerated(gen, data);
        Set<String> values = personalValues(gen);
        assertThat(values).hasSizeGreaterThan(300);
        String stored = databaseBytes(dir.resolve("data"));
        assertThat(stored.length()).isGreaterThan(100_000);
        for (String v : values) {
            assertThat(stored.contains(v)).as("'%s' stored in the clear", v).isFalse();
        }
        Path keys = dir.resolve("data").resolve("idem.keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");

        String firstEmail = Files.readAllLines(gen.resolve("ecommerce.csv")).get(1).split(",")[2];
        JsonNode before = ok("profile", "--email", firstEmail, "--data", data);
        String exportBefore = ImportCommandTest.captureStdout("export", "records", "--data", data);

        Cli.Result rotate = Cli.run("keys", "rotate", "--retire-old", "--data", data);
        assertThat(rotate.code()).as(rotate.err()).isZero();
        assertThat(rotate.out()).contains("k1 -> k2").contains("older keys removed: k1");
        assertThat(Files.readString(keys)).doesNotContain("k1:").contains("k2:");
        // every sealed value names k2; no text sealed under k1 is left in the files. (Record columns
        // are sealed bytes, whose random ciphertext may hold any short pattern, so they are read
        // through SQL: their header names the key.)
        assertThat(sealedKeyVersions(dir.resolve("data"))).containsOnly("k2");
        assertThat(databaseBytes(dir.resolve("data"))).doesNotContainPattern("k1\\.[A-Za-z0-9+/]{16}")
                .doesNotContain(firstEmail);

        JsonNode after = ok("profile", "--email", firstEmail, "--data", data);
        assertThat(after).isEqualTo(before);
        assertThat(ImportCommandTest.captureStdout("export", "records", "--data", data)).isEqualTo(exportBefore);
        // the same files again: every record is recognised as unchanged under the new key
        JsonNode again = ok("import", gen.resolve("ecommerce.csv").toString(), "--source", "ecommerce", "--id", "id",
                "--json", "--data", data);
        assertThat(again.get("run").get("records_new").asInt()).isZero();
        assertThat(again.get("run").get("records_updated").asInt()).isZero();
    }

    private static String sha(String normalized) {
        return HashedInput.sha256Hex(normalized);
    }

    private Path web() throws IOException {
        return Cli.file(dir, "web.csv", "pedido;dni;correo;celular;nombre;apellido\n"
                + "A-1;30.123.456;Monica.Nunez@Gmail.com ;011 15-4123-4567;Mónica;NÚÑEZ\n"
                + "A-2;28.765.432;rafa.diaz@x.com;;Rafael;Díaz\n");
    }

    /** A partner's audience: hashed e-mail or phone, and its own segment column. */
    private Path partner() throws IOException {
        return Cli.file(dir, "partner.csv", "id,email,telefono,segmento\n"
                + "p1," + sha("monica.nunez@gmail.com") + ",,premium\n"
                + "p2,," + sha("+5491141234567").toUpperCase(java.util.Locale.ROOT) + ",premium\n"
                + "p3," + sha("nadie@x.com") + ",,basico\n"
                + "p4,not-a-digest,,basico\n");
    }

    private Path partner2() throws IOException {
        return Cli.file(dir, "partner2.csv", "id,email,segmento\n" + "q1," + sha("nadie@x.com") + ",vip\n");
    }

    @Test
    void hashedPartnerRowsLinkToTheProfilesHoldingThoseIdentifiersInEitherOrder() throws IOException {
        String plainFirst = dir.resolve("plain-first").toString();
        ok("import", web().toString(), "--source", "ecommerce", "--id", "pedido", "--data", plainFirst);
        JsonNode hashed = ok("import", partner().toString(), "--source", "partner", "--id", "id", "--hashed-input",
                "--json", "--data", plainFirst);
        assertThat(hashed.get("invalid_values").toString()).contains("email");
        ok("import", partner2().toString(), "--source", "partner2", "--id", "id", "--hashed-input", "--data",
                plainFirst);
        JsonNode monica = ok("profile", "--email", "monica.nunez@gmail.com", "--data", plainFirst);
        assertThat(monica.get("records").toString()).contains("\"p1\"").contains("\"p2\"").contains("A-1");
        // two hashed rows with the same unknown digest are one person too
        String exportA = ImportCommandTest.captureStdout("export", "records", "--data", plainFirst);
        assertThat(profileOf(exportA, "partner,p3")).isEqualTo(profileOf(exportA, "partner2,q1"));
        assertThat(profileOf(exportA, "partner,p4")).isNotEqualTo(profileOf(exportA, "ecommerce,A-1"));

        String hashedFirst = dir.resolve("hashed-first").toString();
        ok("import", partner().toString(), "--source", "partner", "--id", "id", "--hashed-input", "--data", hashedFirst);
        ok("import", partner2().toString(), "--source", "partner2", "--id", "id", "--hashed-input", "--data",
                hashedFirst);
        String early = ImportCommandTest.captureStdout("export", "records", "--data", hashedFirst);
        assertThat(profileOf(early, "partner,p1")).isNotEqualTo(profileOf(early, "partner,p2"));
        ok("import", web().toString(), "--source", "ecommerce", "--id", "pedido", "--data", hashedFirst);
        String exportB = ImportCommandTest.captureStdout("export", "records", "--data", hashedFirst);
        assertThat(partition(exportB)).as("the same profiles whichever file came first")
                .isEqualTo(partition(exportA)).hasSize(4);
        JsonNode history = ok("profile", "--email", "monica.nunez@gmail.com", "--data", hashedFirst);
        assertThat(history.get("records").toString()).contains("\"p1\"").contains("\"p2\"");
    }

    @Test
    void erasureAlsoSuppressesTheDigestFormOfTheErasedIdentifiers() throws IOException {
        String data = dir.resolve("data").toString();
        ok("import", partner().toString(), "--source", "partner", "--id", "id", "--hashed-input", "--data", data);
        ok("import", web().toString(), "--source", "ecommerce", "--id", "pedido", "--data", data);
        JsonNode report = ok("erase", "--email", "monica.nunez@gmail.com", "--data", data);
        assertThat(report.get("records").asInt()).isEqualTo(3);
        JsonNode again = ok("import", partner().toString(), "--source", "partner", "--id", "id", "--hashed-input",
                "--json", "--data", data);
        assertThat(again.get("suppressed").asInt()).as("p1 and p2 are hers").isEqualTo(2);
        assertThat(Cli.run("profile", "--email", "monica.nunez@gmail.com", "--data", data).code()).isEqualTo(3);
        List<String> lines = new ArrayList<>(List.of(ImportCommandTest.captureStdout("export", "records", "--data", data).split("\n")));
        assertThat(lines).noneMatch(l -> l.startsWith("partner,p1,") || l.startsWith("partner,p2,"));
    }

    /** The groups of records that share a profile (profile ids depend on the order of merges). */
    private static Set<Set<String>> partition(String export) {
        java.util.Map<String, Set<String>> byProfile = new java.util.HashMap<>();
        for (String line : export.strip().split("\n")) {
            int last = line.lastIndexOf(',');
            if (!line.startsWith("source,")) {
                byProfile.computeIfAbsent(line.substring(last + 1), k -> new java.util.TreeSet<>())
                        .add(line.substring(0, last));
            }
        }
        return new java.util.HashSet<>(byProfile.values());
    }

    @Test
    void hashedPlaceholdersNeverLinkDifferentPeople() throws IOException {
        String data = dir.resolve("data").toString();
        Path file = Cli.file(dir, "audience.csv", "id,email,telefono,documento,nombre\n"
                + "a1," + sha("test@test.com") + ",,,Ana\n"
                + "a2," + sha("test@test.com") + ",,,Bea\n"
                + "a3," + sha("sinmail@gmail.com") + ",,,Carla\n"
                + "a4," + sha("sinmail@gmail.com") + ",,,Dora\n"
                + "a5,," + sha("+5491100000000") + ",,Eva\n"
                + "a6,," + sha("+5491100000000") + ",,Flor\n"
                + "a7,,," + sha("11111111") + ",Gala\n"
                + "a8,,," + sha("11111111") + ",Hebe\n"
                + "a9," + sha("real.person@gmail.com") + ",,,Ines\n"
                + "a10," + sha("real.person@gmail.com") + ",,,Ines\n");
        JsonNode r = ok("import", file.toString(), "--source", "partner", "--id", "id", "--hashed-input", "--json",
                "--data", data);
        assertThat(r.get("placeholders").asInt()).isEqualTo(8);
        Set<Set<String>> groups = partition(ImportCommandTest.captureStdout("export", "records", "--data", data));
        assertThat(groups).hasSize(9).contains(Set.of("partner,a10", "partner,a9"));
    }

    private static String profileOf(String export, String sourceAndId) {
        for (String line : export.split("\n")) {
            if (line.startsWith(sourceAndId + ",")) {
                return line.substring(sourceAndId.length() + 1);
            }
        }
        throw new AssertionError(sourceAndId + " not exported");
    }
}
