package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitMergeCommandTest {
    @TempDir
    Path dir;

    String data() {
        return dir.resolve("data").toString();
    }

    Map<String, String> profiles() {
        Map<String, String> out = new HashMap<>();
        for (String line : ImportCommandTest.captureStdout("export", "records", "--data", data()).lines().skip(1).toList()) {
            String[] f = line.split(",");
            out.put(f[0] + ":" + f[1], f[2]);
        }
        return out;
    }

    void importFile(String name, String source, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("import", p.toString(), "--source", source, "--id", "id", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void splitIsRememberedAcrossReimportsAndMergeUndoesIt() throws IOException {
        // a shared family email joined two people (no documents, same surname): a person splits them
        String web = "id,email,nombre,apellido\n1,flia.veron@x.com,Ernesto,Verón\n2,flia.veron@x.com,E.,Verón\n"
                + "3,flia.veron@x.com,Ernesto,Veron\n";
        importFile("web.csv", "web", web);
        Map<String, String> before = profiles();
        String original = before.get("web:1");
        assertThat(before.values()).containsOnly(original);

        Cli.Result split = Cli.run("split", original, "--records", "web:2", "--data", data());
        assertThat(split.code()).as(split.err()).isZero();
        Map<String, String> after = profiles();
        assertThat(after.get("web:1")).isEqualTo(original).isEqualTo(after.get("web:3"));
        String moved = after.get("web:2");
        assertThat(moved).isNotEqualTo(original);
        assertThat(split.out()).contains("into " + moved);

        // the same evidence again, and more of it: still apart
        importFile("web.csv", "web", web + "4,flia.veron@x.com,Ernesto,Verón\n");
        Map<String, String> again = profiles();
        assertThat(again.get("web:2")).isEqualTo(moved);
        assertThat(again.get("web:4")).isEqualTo(original);
        assertThat(Cli.run("history", original, "--data", data()).out()).contains("split").contains("user:split");

        Cli.Result merge = Cli.run("merge", moved, original, "--data", data());
        assertThat(merge.code()).as(merge.err()).isZero();
        Map<String, String> merged = profiles();
        assertThat(merged.values()).containsOnly(original);
        // the merged-away id still answers, with the survivor
        Cli.Result show = Cli.run("profile", moved, "--data", data());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("\"profile_id\" : \"" + original + "\"");
    }

    @Test
    void badSplitsAreRefusedClearly() throws IOException {
        importFile("web.csv", "web", "id,email\n1,ana@x.com\n2,ana@x.com\n3,luis@x.com\n");
        Map<String, String> p = profiles();
        Cli.Result other = Cli.run("split", p.get("web:1"), "--records", "web:3", "--data", data());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("web:3 is in profile " + p.get("web:3"));
        Cli.Result all = Cli.run("split", p.get("web:1"), "--records", "web:1,web:2", "--data", data());
        assertThat(all.code()).isEqualTo(2);
        assertThat(all.err()).contains("some but not all");
        assertThat(Cli.run("split", "Pnope", "--records", "web:1", "--data", data()).code()).isEqualTo(3);
        assertThat(Cli.run("merge", p.get("web:1"), p.get("web:2"), "--data", data()).code()).isEqualTo(2);
    }
}
