package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idem.core.Engine;
import io.idem.core.model.RecordKey;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of call at once, from many clients: identify, track and alias calls for a small crowd
 * of people (so they merge), lookups, timelines, stats, the review queue, rematch dry runs and
 * erasures. Afterwards: no call got a 5xx; every call answered 200 is stored, unless its person
 * was erased since; every stored record is in a live profile that the API shows with it; and an
 * engine opened on the store afterwards holds exactly the profiles the server had.
 */
class ChaosTest {
    private static final int PEOPLE = 60;
    private static final int CLIENTS = 12;
    private static final int CALLS_PER_CLIENT = 150;
    private static final Set<Integer> ALLOWED = Set.of(200, 404, 409);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everythingAtOnceKeepsTheStoreAndTheServerInAgreement(Backend backend) throws Exception {
        TestServer s = new TestServer(backend);
        Map<String, Integer> stored = new ConcurrentHashMap<>(); // messageId -> person
        Set<Integer> erased = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger serial = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long seed = 77L * c + 1;
                work.add(clients.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < CALLS_PER_CLIENT; i++) {
                        int p = random.nextInt(PEOPLE);
                        String what = call(s, random, p, serial, stored, erased);
                        statuses.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(statuses.keySet()).as(statuses.toString()).allMatch(k -> ALLOWED.contains(status(k)));
        assertThat(statuses.getOrDefault("identify 200", new AtomicInteger()).get()).isGreaterThan(100);

        Store store = s.engine.store();
        Map<RecordKey, String> profiles = new HashMap<>();
        store.scanKeys((KeyedRecord r) -> profiles.put(r.key(), r.profileId()));
        for (Map.Entry<String, Integer> e : stored.entrySet()) {
            if (!erased.contains(e.getValue())) {
                assertThat(profiles).as("acknowledged " + e.getKey()).containsKey(new RecordKey("api", e.getKey()));
            }
        }
        // every stored record: in a live profile, which the API shows holding it
        Map<String, List<RecordKey>> byProfile = new HashMap<>();
        profiles.forEach((k, p) -> byProfile.computeIfAbsent(p, x -> new ArrayList<>()).add(k));
        for (Map.Entry<String, List<RecordKey>> e : byProfile.entrySet()) {
            TestServer.Reply r = s.get("/v1/profiles/" + e.getKey());
            assertThat(r.status()).as(e.getKey()).isEqualTo(200);
            assertThat(r.json().get("profile_id").asText()).as("a live profile").isEqualTo(e.getKey());
            for (RecordKey k : e.getValue()) {
                assertThat(r.body()).as(e.getKey() + " holds " + k).contains(k.recordId());
            }
        }
        s.server.close();
        s.engine.close();
        try (Engine reopened = Engine.open(s.fresh.opener().get(), ResolverConfig.defaults())) {
            Map<RecordKey, String> again = new HashMap<>();
            reopened.store().scanKeys((KeyedRecord r) -> again.put(r.key(), r.profileId()));
            assertThat(again).isEqualTo(profiles);
            for (Map.Entry<String, List<RecordKey>> e : byProfile.entrySet()) {
                assertThat(reopened.resolver().recordsOf(e.getKey())).as(e.getKey()).hasSameSizeAs(e.getValue());
            }
        } finally {
            s.fresh.dispose().run();
        }
    }

    private static int status(String what) {
        return Integer.parseInt(what.substring(what.lastIndexOf(' ') + 1));
    }

    /** One random call about person {@code p}; returns "kind status". */
    private static String call(TestServer s, Random random, int p, AtomicInteger serial, Map<String, Integer> stored,
            Set<Integer> erased) {
        int roll = random.nextInt(100);
        String email = "chaos" + p + "@correo.com.ar";
        if (roll < 45) {
            String id = "m" + serial.incrementAndGet();
            StringBuilder traits = new StringBuilder("\"email\":\"" + email + "\"");
            if (random.nextBoolean()) {
                traits.append(",\"phone\":\"11 5").append(String.format("%03d", p)).append(" 1")
                        .append(String.format("%03d", p)).append('"');
            }
            if (random.nextInt(3) == 0) {
                traits.append(",\"document\":\"").append(20_000_000 + p).append('"');
            }
            String anon = random.nextBoolean() ? ",\"anonymousId\":\"dev-" + p + "\"" : "";
            TestServer.Reply r = s.post("/v1/identify", "{\"messageId\":\"" + id + "\",\"userId\":\"u" + p + "\"" + anon
                    + ",\"traits\":{" + traits + ",\"firstName\":\"Persona\",\"lastName\":\"Numero" + p + "\"}}");
            if (r.status() == 200) {
                stored.put(id, p);
            }
            return "identify " + r.status();
        }
        if (roll < 70) {
            String id = "m" + serial.incrementAndGet();
            TestServer.Reply r = s.post("/v1/track", "{\"messageId\":\"" + id + "\",\"anonymousId\":\"dev-" + p
                    + "\",\"event\":\"Product Viewed\",\"properties\":{\"revenue\":" + random.nextInt(1000) + "}}");
            if (r.status() == 200) {
                stored.put(id, p);
            }
            return "track " + r.status();
        }
        if (roll < 78) {
            return "alias " + s.post("/v1/alias", "{\"userId\":\"u" + p + "\",\"previousId\":\"dev-" + p + "\"}")
                    .status();
        }
        if (roll < 90) {
            TestServer.Reply found = s.get("/v1/profiles?email=" + email);
            if (found.status() == 200 && random.nextBoolean()) {
                String id = found.json().get("profiles").get(0).get("profile_id").asText();
                return "timeline " + s.get("/v1/profiles/" + id + "/timeline").status();
            }
            return "lookup " + found.status();
        }
        if (roll < 94) {
            return "stats " + s.get("/v1/stats").status();
        }
        if (roll < 97) {
            return "reviews " + s.get("/v1/reviews").status();
        }
        if (roll < 99) {
            return "rematch " + s.post("/v1/rematch", "{\"dry_run\":true}").status();
        }
        TestServer.Reply found = s.get("/v1/profiles?email=" + email);
        if (found.status() != 200) {
            return "erase " + found.status();
        }
        erased.add(p); // before the call: a write acknowledged meanwhile may go with the profile
        JsonNode first = found.json().get("profiles").get(0);
        return "erase " + s.delete("/v1/profiles/" + first.get("profile_id").asText(), s.writeKey).status();
    }
}
