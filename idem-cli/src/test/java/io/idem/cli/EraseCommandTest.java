package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The right to erasure through the command line, on a real SQLite data directory. */
class EraseCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path write(String name, String content) throws IOException {
        return Cli.file(dir, name, content);
    }

    String data() {
        return dir.resolve("data").toString();
    }

    JsonNode ok(String... args) throws IOException {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out().strip();
        return out.startsWith("{") ? JSON.readTree(out) : null;
    }

    /** Mónica and her sister Graciela share the family email; Mónica asks to be forgotten. */
    @Test
    void erasureDeletesThePersonKeepsHerSisterSuppressesReimportsAndLeavesNoByteOnDisk() throws IOException {
        Path web = write("web.csv", "pedido;dni;correo;celular;nombre;apellido;evento\n"
                + "A-1;30.123.456;Monica.Nunez@Gmail.com ;011 15-4123-4567;Mónica;NÚÑEZ;compra\n"
                + "A-2;28.765.432;familia.nunez@gmail.com;011 15-5555-0101;Graciela;Núñez;compra\n"
                + "A-3;30.123.456;familia.nunez@gmail.com;;Mónica;NÚÑEZ;\n");
        Path contest = write("concurso.csv", "email,nombre\n monica.nunez@gmail.com,Mónica Beatriz\n");
        Path bad = write("bad.csv", "pedido;correo;nombre\nB-1;Monica.Nunez@Gmail.com;Mónica;Beatriz;extra\n");
        ok("import", web.toString(), "--source", "ecommerce", "--id", "pedido", "--data", data());
        ok("import", contest.toString(), "--source", "concurso", "--data", data());
        ok("import", bad.toString(), "--source", "ecommerce", "--id", "pedido", "--data", data());
        String sister = ok("profile", "--document", "28765432", "--data", data()).get("profile_id").asText();
        String monica = ok("profile", "--document", "30123456", "--data", data()).get("profile_id").asText();
        assertThat(monica).isNotEqualTo(sister);

        JsonNode report = ok("erase", "--email", "MONICA.NUNEZ@gmail.com", "--data", data());
        assertThat(report.get("profile_id").asText()).isEqualTo(monica);
        assertThat(report.get("records").asInt()).isEqualTo(3);
        assertThat(report.get("events").asInt()).isEqualTo(1);
        assertThat(report.get("identifiers").asInt()).isEqualTo(4);
        assertThat(report.get("suppressed").asInt()).as("the family email is still her sister's").isEqualTo(3);
        assertThat(report.get("reject_lines").asInt()).isEqualTo(1);
        assertThat(report.toString()).doesNotContain("monica").doesNotContain("30123456");

        assertThat(Cli.run("profile", monica, "--data", data()).code()).isEqualTo(3);
        assertThat(Cli.run("profile", "--email", "monica.nunez@gmail.com", "--data", data()).code()).isEqualTo(3);
        assertThat(Cli.run("erase", monica, "--data", data()).code()).isEqualTo(3);
        JsonNode kept = ok("profile", "--email", "familia.nunez@gmail.com", "--data", data());
        assertThat(kept.get("profile_id").asText()).isEqualTo(sister);
        assertThat(kept.get("records")).hasSize(1);
        assertThat(kept.get("name").asText()).isEqualTo("Graciela Núñez");
        assertThat(kept.toString()).contains("\"status\":\"ok\"").doesNotContain("shared");

        assertNoTrace();
        Path key = dir.resolve("data").resolve("secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        // the old files again: she does not come back, and her rows are not written anywhere
        JsonNode again = ok("import", web.toString(), "--source", "ecommerce", "--id", "pedido", "--json",
                "--data", data());
        assertThat(again.get("suppressed").asInt()).isEqualTo(2);
        assertThat(again.get("run").get("records_unchanged").asInt()).isEqualTo(1);
        assertThat(again.get("run").get("records_new").asInt()).isZero();
        Cli.Result text = Cli.run("import", contest.toString(), "--source", "concurso", "--data", data());
        assertThat(text.out()).containsPattern("rows suppressed\\s+1").containsPattern("records new\\s+0");
        assertThat(Cli.run("profile", "--document", "30123456", "--data", data()).code()).isEqualTo(3);
        assertNoTrace();
    }

    /** Every file of the data directory, byte for byte, for each value she gave, as written and normalised. */
    private void assertNoTrace() throws IOException {
        List<String> values = List.of("Monica.Nunez@Gmail.com", "monica.nunez@gmail.com", "011 15-4123-4567",
                "5491141234567", "30.123.456", "30123456", "Mónica", "NÚÑEZ", "Beatriz", "monica beatriz");
        List<byte[]> needles = new ArrayList<>();
        for (String v : values) {
            needles.add(Normalizer.normalize(v, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8));
            needles.add(Normalizer.normalize(v, Normalizer.Form.NFD).getBytes(StandardCharsets.UTF_8));
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir.resolve("data"))) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            for (byte[] n : needles) {
                assertThat(indexOf(bytes, n)).as("'%s' in %s", new String(n, StandardCharsets.UTF_8), f).isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aMergedAwayIdErasesTheProfileThatAbsorbedIt() throws IOException {
        ok("import", write("a.csv", "email,nombre\nana.perez@x.com,Ana Pérez\n").toString(), "--source", "a",
                "--data", data());
        ok("import", write("b.csv", "phone,nombre\n011 15-4999-1234,Ana Pérez\n").toString(), "--source", "b",
                "--data", data());
        String first = ok("profile", "--email", "ana.perez@x.com", "--data", data()).get("profile_id").asText();
        String second = ok("profile", "--phone", "011 15-4999-1234", "--data", data()).get("profile_id").asText();
        ok("import", write("c.csv", "email,phone,nombre\nana.perez@x.com,011 15-4999-1234,Ana Pérez\n").toString(),
                "--source", "c", "--data", data());
        String survivor = ok("profile", first, "--data", data()).get("profile_id").asText();
        String mergedAway = survivor.equals(first) ? second : first;

        JsonNode report = ok("erase", mergedAway, "--data", data());
        assertThat(report.get("profile_id").asText()).isEqualTo(survivor);
        assertThat(report.get("requested_id").asText()).isEqualTo(mergedAway);
        assertThat(report.get("records").asInt()).isEqualTo(3);
        assertThat(Cli.run("profile", survivor, "--data", data()).code()).isEqualTo(3);
        assertThat(Cli.run("profile", mergedAway, "--data", data()).code()).isEqualTo(3);
        assertThat(Cli.run("erase", mergedAway, "--data", data()).code()).isEqualTo(3);
    }

    @Test
    void badInputIsRefused() throws IOException {
        ok("import", write("a.csv", "email,nombre\nana.perez@x.com,Ana Pérez\n").toString(), "--source", "a",
                "--data", data());
        assertThat(Cli.run("erase", "PNOSUCHPROFILE", "--data", data()).code()).isEqualTo(3);
        assertThat(Cli.run("erase", "--email", "nobody@x.com", "--data", data()).code()).isEqualTo(3);
        assertThat(Cli.run("erase", "--email", "not-an-email", "--data", data()).code()).isEqualTo(2);
        assertThat(Cli.run("erase", "--data", data()).code()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("data").resolve("secret.key"))).as("no erasure, no secret").isFalse();
    }
}
