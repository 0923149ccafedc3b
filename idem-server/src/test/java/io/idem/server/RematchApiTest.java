package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idem.core.Engine;
import io.idem.core.generate.Generator;
import io.idem.core.ingest.ImportRequest;
import io.idem.core.match.MatchConfig;
import io.idem.core.model.RecordKey;
import io.idem.core.normalize.Normalizers;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.PairReview;
import io.idem.core.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * New matching settings applied by a running server: {@code GET /v1/settings} shows what it resolves
 * under and what its settings file says, {@code POST /v1/rematch} applies the file to the whole base
 * (or, as a dry run, says what that would change), with the result {@code idem rematch} gives.
 */
class RematchApiTest {
    private static final String[] CHANNELS = {"ecommerce", "concurso", "tienda", "fidelizacion", "app", "callcenter"};
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theSettingsFileIsAppliedToTheWholeBaseWithoutARestart(Backend backend) throws Exception {
        new Generator(31).generate(500, dir.resolve("gen"));
        Path conf = dir.resolve("matching.conf");
        MatchConfig tried = MatchConfig.defaults().withThresholds(0.9, 0.5);

        // what `idem rematch` makes of the same base under the same settings
        Backend.Fresh reference = backend.create();
        Map<RecordKey, String> expected;
        Set<Set<RecordKey>> expectedQueue;
        try {
            try (Engine engine = Engine.open(reference.opener().get(), ResolverConfig.defaults())) {
                importAll(engine);
            }
            try (Engine engine = Engine.open(reference.opener().get(), ResolverConfig.defaults().withMatch(tried))) {
                engine.rematch((rows, bytes, total) -> { });
                expected = profiles(engine.store());
                expectedQueue = openPairs(engine);
            }
        } finally {
            reference.dispose().run();
        }

        Backend.Fresh fresh = backend.create();
        try (Engine engine = Engine.open(fresh.opener().get(), ResolverConfig.defaults())) {
            importAll(engine);
            Map<RecordKey, String> before = profiles(engine.store());
            assertThat(partition(before)).as("the thresholds make a difference here")
                    .isNotEqualTo(partition(expected));
            Server server = Server.start(engine, Server.Options.defaults().withPort(0)
                    .withSettingsFile(() -> Files.exists(conf) ? MatchConfig.load(conf) : MatchConfig.defaults()));
            TestServer c = TestServer.over(engine, server);
            try {
                JsonNode settings = c.get("/v1/settings").json();
                assertThat(settings.get("applied").get("match_threshold").asDouble()).isEqualTo(0.99);
                assertThat(settings.get("pending").asBoolean()).isFalse();

                Files.writeString(conf, "# tried on the queue\nmatch_threshold = 0.9\nreview_threshold = 0.5\n");
                settings = c.get("/v1/settings").json();
                assertThat(settings.get("file").get("match_threshold").asDouble()).isEqualTo(0.9);
                assertThat(settings.get("applied").get("match_threshold").asDouble()).isEqualTo(0.99);
                assertThat(settings.get("pending").asBoolean()).isTrue();

                // a dry run says what the file would change and changes nothing
                TestServer.Reply dry = c.post("/v1/rematch", "{\"dry_run\":true}");
                assertThat(dry.status()).as(dry.body()).isEqualTo(200);
                assertThat(dry.json().get("dry_run").asBoolean()).isTrue();
                assertThat(dry.json().get("settings").get("review_threshold").asDouble()).isEqualTo(0.5);
                assertThat(dry.json().get("records_moved").asLong()).isPositive();
                assertThat(profiles(engine.store())).isEqualTo(before);
                assertThat(c.get("/v1/settings").json().get("pending").asBoolean()).isTrue();

                // the run: the profiles and queue of `idem rematch`, and the dry run's counts
                TestServer.Reply run = c.post("/v1/rematch", "");
                assertThat(run.status()).as(run.body()).isEqualTo(200);
                assertThat(run.json().get("dry_run").asBoolean()).isFalse();
                for (String count : List.of("records", "profiles_before", "profiles_after", "profiles_created",
                        "profiles_merged", "records_moved", "pairs_queued", "pairs_withdrawn")) {
                    assertThat(run.json().get(count).asLong()).as(count).isEqualTo(dry.json().get(count).asLong());
                }
                assertThat(partition(profiles(engine.store()))).isEqualTo(partition(expected));
                assertThat(openPairs(engine)).isEqualTo(expectedQueue);
                settings = c.get("/v1/settings").json();
                assertThat(settings.get("applied").get("match_threshold").asDouble()).isEqualTo(0.9);
                assertThat(settings.get("pending").asBoolean()).isFalse();
                assertThat(c.get("/v1/reviews").json().get("open").asInt()).isEqualTo(
                        (int) openReviewCount(engine));

                // settings of its own in a dry run: tried, not adopted
                Map<RecordKey, String> after = profiles(engine.store());
                TestServer.Reply off = c.post("/v1/rematch", "{\"dry_run\":true,\"settings\":{\"fuzzy\":false}}");
                assertThat(off.status()).as(off.body()).isEqualTo(200);
                assertThat(off.json().get("settings").get("fuzzy").asBoolean()).isFalse();
                assertThat(off.json().get("profiles_created").asLong()).as("fuzzy links undone").isPositive();
                assertThat(off.json().get("pairs_queued").asLong()).isZero();
                assertThat(profiles(engine.store())).isEqualTo(after);
                assertThat(c.get("/v1/settings").json().get("applied").get("fuzzy").asBoolean()).isTrue();

                // a second run under the same settings finds nothing to move
                TestServer.Reply again = c.post("/v1/rematch", "{\"dry_run\":false}");
                assertThat(again.status()).as(again.body()).isEqualTo(200);
                assertThat(again.json().get("records_moved").asLong()).isZero();
            } finally {
                server.close();
            }
        } finally {
            fresh.dispose().run();
        }
    }

    @Test
    void callsMadeDuringARematchAreAnsweredAfterIt() throws Exception {
        new Generator(32).generate(1500, dir.resolve("gen"));
        Backend.Fresh fresh = Backend.SQLITE.create();
        try (Engine engine = Engine.open(fresh.opener().get(), ResolverConfig.defaults())) {
            importAll(engine);
            Server server = Server.start(engine, Server.Options.defaults().withPort(0));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            TestServer c = TestServer.over(engine, server);
            try {
                Future<TestServer.Reply> rematch = pool.submit(() -> c.post("/v1/rematch",
                        "{\"dry_run\":true,\"settings\":{\"match_threshold\":0.8}}"));
                List<CompletableFuture<TestServer.Reply>> calls = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String body = "{\"userId\":\"during-" + i + "\",\"traits\":{\"email\":\"during" + i
                            + "@example.com\",\"firstName\":\"Ana\",\"lastName\":\"Durante\"}}";
                    calls.add(CompletableFuture.supplyAsync(() -> c.post("/v1/identify", body), pool));
                }
                // one rematch at a time: whichever came second waited for nothing and was told so
                TestServer.Reply second = c.post("/v1/rematch", "{\"dry_run\":true}");
                TestServer.Reply first = rematch.get();
                assertThat(List.of(first.status(), second.status())).as(first.body() + " / " + second.body())
                        .contains(200).allMatch(s -> s == 200 || s == 409);
                for (CompletableFuture<TestServer.Reply> call : calls) {
                    assertThat(call.get().status()).as(call.get().body()).isEqualTo(200);
                }
                for (int i = 0; i < 40; i++) {
                    assertThat(c.get("/v1/profiles?email=during" + i + "@example.com").status()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
                server.close();
            }
        } finally {
            fresh.dispose().run();
        }
    }

    @Test
    void badRequestsAndABrokenSettingsFileAreTheCallersToFix() throws Exception {
        Path conf = dir.resolve("matching.conf");
        Files.writeString(conf, "match_threshold = 0.9\nreview_threshold = lots\n");
        Backend.Fresh fresh = Backend.SQLITE.create();
        try (Engine engine = Engine.open(fresh.opener().get(), ResolverConfig.defaults())) {
            Server server = Server.start(engine, Server.Options.defaults().withPort(0)
                    .withSettingsFile(() -> MatchConfig.load(conf)));
            TestServer c = TestServer.over(engine, server);
            try {
                assertThat(c.post("/v1/identify", "{\"userId\":\"u1\",\"traits\":{\"email\":\"ana@example.com\"}}")
                        .status()).isEqualTo(200);
                assertThat(c.post("/v1/rematch", "{\"dry_run\":true}", c.readKey).status()).isEqualTo(403);
                TestServer.Reply shop = c.post("/v1/rematch", "{\"dry_run\":true}", c.shopKey);
                assertThat(shop.status()).isEqualTo(403);
                assertThat(shop.body()).contains("ecommerce");
                Map<String, String> bad = new HashMap<>();
                bad.put("[]", "$");
                bad.put("{\"dry_run\":\"yes\"}", "$.dry_run");
                bad.put("{\"colour\":1}", "$.colour");
                bad.put("{\"settings\":{\"match_threshold\":0.9}}", "$.settings");
                bad.put("{\"dry_run\":true,\"settings\":[1]}", "$.settings");
                bad.put("{\"dry_run\":true,\"settings\":{\"match_threshold\":2}}", "$.settings.match_threshold");
                bad.put("{\"dry_run\":true,\"settings\":{\"match_threshold\":\"0.9\"}}", "$.settings.match_threshold");
                bad.put("{\"dry_run\":true,\"settings\":{\"fuzzy\":\"maybe\"}}", "$.settings.fuzzy");
                bad.put("{\"dry_run\":true,\"settings\":{\"colour\":1}}", "$.settings.colour");
                bad.put("{\"dry_run\":true,\"settings\":{\"match_threshold\":0.5,\"review_threshold\":0.7}}",
                        "$.settings");
                bad.put("{\"dry_run\":true", "$");
                for (Map.Entry<String, String> e : bad.entrySet()) {
                    TestServer.Reply r = c.post("/v1/rematch", e.getKey());
                    assertThat(r.status()).as(e.getKey() + " -> " + r.body()).isEqualTo(400);
                    assertThat(r.json().get("path").asText()).as(e.getKey()).isEqualTo(e.getValue());
                }

                JsonNode settings = c.get("/v1/settings").json();
                assertThat(settings.get("file").isNull()).isTrue();
                assertThat(settings.get("file_error").asText()).contains("matching.conf:2").contains("lots");
                assertThat(settings.get("pending").asBoolean()).isFalse();
                TestServer.Reply broken = c.post("/v1/rematch", "");
                assertThat(broken.status()).as(broken.body()).isEqualTo(422);
                assertThat(broken.json().get("error").asText()).isEqualTo("invalid_settings");
                assertThat(broken.json().get("message").asText()).contains("matching.conf:2");
                // a dry run of settings of its own does not need the file
                assertThat(c.post("/v1/rematch", "{\"dry_run\":true,\"settings\":{\"match_threshold\":0.95}}")
                        .status()).isEqualTo(200);
                assertThat(c.get("/v1/profiles?email=ana@example.com").status()).isEqualTo(200);
            } finally {
                server.close();
            }
        } finally {
            fresh.dispose().run();
        }
    }

    private void importAll(Engine engine) {
        for (String channel : CHANNELS) {
            engine.importFile(new ImportRequest(dir.resolve("gen").resolve(channel + ".csv"), channel, "id", Map.of(),
                    dir.resolve(channel + "-rejects.csv")), new Normalizers("AR"), null);
        }
    }

    private static Map<RecordKey, String> profiles(Store store) {
        Map<RecordKey, String> out = new HashMap<>();
        store.scanKeys((KeyedRecord r) -> out.put(r.key(), r.profileId()));
        return out;
    }

    private static Set<Set<RecordKey>> partition(Map<RecordKey, String> profiles) {
        Map<String, Set<RecordKey>> groups = new HashMap<>();
        profiles.forEach((k, p) -> groups.computeIfAbsent(p, x -> new HashSet<>()).add(k));
        return new HashSet<>(groups.values());
    }

    private static Set<Set<RecordKey>> openPairs(Engine engine) {
        Set<Set<RecordKey>> out = new HashSet<>();
        for (PairReview r : engine.openReviews()) {
            out.add(Set.of(r.a(), r.b()));
        }
        return out;
    }

    private static long openReviewCount(Engine engine) {
        return engine.openReviews().size();
    }
}
