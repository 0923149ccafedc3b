package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idem.core.generate.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rematch}: the current matching settings applied to a base imported under others. A base
 * imported under the default thresholds and rematched under new ones must hold the profiles and the
 * review queue of a base imported under the new ones from the start and rematched; a second rematch
 * changes nothing; person decisions survive; with fuzzy matching turned off the profiles are those
 * of an exact-identifier import.
 */
class RematchCommandTest {
    private static final String[] CHANNELS = {"ecommerce", "concurso", "tienda", "fidelizacion", "app", "callcenter"};
    private static final String LOOSER = "match_threshold = 0.9\nreview_threshold = 0.5\n";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path gen;
    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws IOException {
        new Generator(11).generate(1_500, gen);
    }

    @Test
    void newThresholdsGiveTheProfilesAndQueueOfABaseImportedUnderThem() throws IOException {
        Path before = dir.resolve("before");
        importAll(before, null);
        Map<String, String> imported = profiles(before);
        Files.writeString(before.resolve("matching.conf"), LOOSER);
        // a dry run changes nothing and says what the run will do
        Cli.Result dry = Cli.run("rematch", "--dry-run", "--json", "--data", before.toString());
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(profiles(before)).isEqualTo(imported);
        JsonNode report = rematch(before);
        JsonNode predicted = JSON.readTree(dry.out());
        assertThat(predicted.get("dry_run").asBoolean()).isTrue();
        assertThat(report.get("dry_run").asBoolean()).isFalse();
        for (String count : List.of("profiles_after", "profiles_merged", "profiles_created", "records_moved",
                "links_written", "pairs_queued", "pairs_withdrawn", "comparisons")) {
            assertThat(report.get(count)).as(count).isEqualTo(predicted.get(count));
        }
        // the first merges and splits, with their reasons, as the dry run foretold them
        List<String> examples = examples(report);
        assertThat(examples).isNotEmpty().hasSizeLessThanOrEqualTo(20).isEqualTo(examples(predicted))
                .allMatch(e -> e.startsWith("merge ") || e.startsWith("split "));
        assertThat(report.get("profiles_merged").asLong()).as("a lower match threshold links more").isPositive();
        assertThat(report.get("pairs_withdrawn").asLong()).as("a higher review threshold queues fewer").isPositive();
        assertThat(partition(profiles(before))).isNotEqualTo(partition(imported));

        Path from = dir.resolve("from-start");
        importAll(from, LOOSER);
        rematch(from);
        assertThat(partition(profiles(before))).isEqualTo(partition(profiles(from)));
        assertThat(queue(before)).isNotEmpty().isEqualTo(queue(from));

        // a second run finds nothing to do, and a restarted engine holds what the first one wrote
        JsonNode again = rematch(before);
        assertThat(again.get("records_moved").asLong()).isZero();
        assertThat(again.get("links_written").asLong()).isZero();
        assertThat(again.get("pairs_withdrawn").asLong()).isZero();
        assertThat(again.get("profiles_merged").asLong() + again.get("profiles_created").asLong()).isZero();
        assertThat(again.get("profiles_after").asLong()).isEqualTo(report.get("profiles_after").asLong());
        Cli.Result stats = Cli.run("stats", "--data", before.toString());
        assertThat(stats.out()).contains("withdrawn by a rematch");
    }

    @Test
    void decisionsOfPeopleSurviveARematch() throws IOException {
        Path data = dir.resolve("data");
        importAll(data, null);
        Cli.Result list = Cli.run("review", "list", "--csv", "--limit", "0", "--data", data.toString());
        assertThat(list.code()).as(list.err()).isZero();
        List<String[]> pairs = new ArrayList<>();
        for (String line : list.out().split("\n")) {
            if (line.startsWith("R")) {
                pairs.add(line.split(","));
            }
        }
        assertThat(pairs).hasSizeGreaterThan(10);
        // the most likely pair rejected, the least likely accepted
        String[] rejected = pairs.get(0);
        String[] accepted = pairs.get(pairs.size() - 1);
        assertThat(Cli.run("review", "reject", rejected[0], "--data", data.toString()).code()).isZero();
        assertThat(Cli.run("review", "accept", accepted[0], "--data", data.toString()).code()).isZero();
        // a threshold under every queued pair's score would link the rejected pair automatically
        Files.writeString(data.resolve("matching.conf"), "match_threshold = 0.3\nreview_threshold = 0.2\n");
        JsonNode report = rematch(data);
        assertThat(report.get("profiles_merged").asLong()).isPositive();
        Map<String, String> profiles = profiles(data);
        assertThat(profiles.get(rejected[2])).isNotEqualTo(profiles.get(rejected[3]));
        assertThat(profiles.get(accepted[2])).isEqualTo(profiles.get(accepted[3]));
    }

    @Test
    void withFuzzyMatchingOffTheProfilesAreThoseOfAnExactImport() throws IOException {
        Path data = dir.resolve("fuzzy");
        importAll(data, null);
        Path exact = dir.resolve("exact");
        importAll(exact, "fuzzy = off\n");
        assertThat(partition(profiles(data))).isNotEqualTo(partition(profiles(exact)));
        Files.writeString(data.resolve("matching.conf"), "fuzzy = off\n");
        JsonNode report = rematch(data);
        assertThat(report.get("profiles_created").asLong()).isPositive();
        assertThat(report.get("comparisons").asLong()).isZero();
        assertThat(partition(profiles(data))).isEqualTo(partition(profiles(exact)));
    }

    /** A report's examples as "action: reason". */
    private static List<String> examples(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : report.get("examples")) {
            assertThat(e.get("reason").asText()).isNotBlank();
            assertThat(e.get("actor").asText()).isEqualTo("rematch");
            out.add(e.get("action").asText() + " " + e.get("reason").asText());
        }
        return out;
    }

    private void importAll(Path data, String settings) throws IOException {
        Files.createDirectories(data);
        if (settings != null) {
            Files.writeString(data.resolve("matching.conf"), settings);
        }
        for (String channel : CHANNELS) {
            Cli.Result r = Cli.run("import", gen.resolve(channel + ".csv").toString(), "--source", channel, "--id", "id",
                    "--data", data.toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
    }

    private static JsonNode rematch(Path data) throws IOException {
        Cli.Result r = Cli.run("rematch", "--json", "--data", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** Each record's profile, by {@code source:record_id}, from {@code export records}. */
    private static Map<String, String> profiles(Path data) {
        Map<String, String> out = new HashMap<>();
        String[] lines = ImportCommandTest.captureStdout("export", "records", "--data", data.toString()).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            out.put(f[0] + ":" + f[1], f[2]);
        }
        return out;
    }

    /** The partition of records into profiles, whatever the profile ids. */
    private static Set<Set<String>> partition(Map<String, String> profiles) {
        Map<String, Set<String>> groups = new HashMap<>();
        profiles.forEach((record, profile) -> groups.computeIfAbsent(profile, p -> new TreeSet<>()).add(record));
        return new HashSet<>(groups.values());
    }

    /** The open pairs `review list` shows: id, score and the two records. */
    private static Set<String> queue(Path data) {
        Cli.Result r = Cli.run("review", "list", "--csv", "--limit", "0", "--data", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Set<String> out = new TreeSet<>();
        for (String line : r.out().split("\n")) {
            if (line.startsWith("R")) {
                String[] f = line.split(",");
                out.add(f[0] + "," + f[2] + "," + f[3]);
            }
        }
        return out;
    }
}
