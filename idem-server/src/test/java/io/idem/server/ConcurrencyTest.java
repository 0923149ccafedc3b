package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one-profile guarantee under real concurrent HTTP clients: for each of many new persons, 100
 * identify calls released at once, each with a different subset of the person's identifiers, plus
 * events sent while the merges happen. Every time: exactly one profile, and every event in it.
 */
class ConcurrencyTest {
    static final int PERSONS = 20;
    static final int CALLS = 100;
    static final int EVENTS = 30;
    static final String[] FIRST = {"Lucía", "Martín", "Sofía", "Joaquín", "Valentina", "Mateo", "Camila"};
    static final String[] LAST = {"Pérez", "Gómez", "Fernández", "Rodríguez", "Díaz"};

    static String identify(int person, int mask) {
        String[] parts = {
            "\"email\":\"cliente" + person + "@correo.com.ar\"",
            "\"phone\":\"11 5" + String.format("%03d", person) + " " + String.format("%04d", person) + "\"",
            "\"document\":\"" + (30_000_000 + person) + "\"",
            "\"loyalty_id\":\"SOC-" + person + "\"",
            "\"customer_id\":\"CU-" + person + "\"",
            "\"device_id\":\"dev-" + person + "\""};
        List<String> chosen = new ArrayList<>();
        for (int k = 0; k < parts.length; k++) {
            if ((mask & (1 << k)) != 0) {
                chosen.add(parts[k]);
            }
        }
        // a different person each time: fuzzy matching may rightly join people who share a full name
        return "{\"identifiers\":{" + String.join(",", chosen) + "},\"traits\":{\"firstName\":\""
                + FIRST[person % FIRST.length] + "\",\"lastName\":\"" + LAST[person / FIRST.length % LAST.length]
                + "\"}}";
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentIdentifyCallsForOnePersonEndInOneProfileAndNoEventIsLost(Backend backend) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CALLS + EVENTS);
        try (TestServer s = new TestServer(backend)) {
            for (int person = 1; person <= PERSONS; person++) {
                int p = person;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<TestServer.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    // the 63 non-empty subsets of six identifiers, each at least once, in a shuffled order
                    int mask = 1 + (i * 37 + p) % 63;
                    replies.add(clients.submit(() -> {
                        go.await();
                        return s.post("/v1/identify", identify(p, mask));
                    }));
                }
                for (int e = 0; e < EVENTS; e++) {
                    // events by device only, or by one of the person's identifiers, during the merges
                    String who = e % 3 == 0 ? "\"anonymousId\":\"dev-" + p + "\""
                            : e % 3 == 1 ? "\"identifiers\":{\"email\":\"cliente" + p + "@correo.com.ar\"}"
                            : "\"userId\":\"CU-" + p + "\"";
                    String body = "{" + who + ",\"event\":\"Click\",\"messageId\":\"ev-" + p + "-" + e + "\"}";
                    replies.add(clients.submit(() -> {
                        go.await();
                        return s.post("/v1/track", body);
                    }));
                }
                go.countDown();
                for (Future<TestServer.Reply> f : replies) {
                    TestServer.Reply r = f.get();
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                }
                var found = s.get("/v1/profiles?email=" + ApiTest.q("cliente" + p + "@correo.com.ar"));
                assertThat(found.json().get("profiles")).as("person %d", p).hasSize(1);
                String live = found.json().get("profiles").get(0).get("profile_id").asText();
                // every answer given during the race leads to the one profile
                Set<String> answered = new HashSet<>();
                for (Future<TestServer.Reply> f : replies) {
                    answered.add(f.get().json().get("profile_id").asText());
                }
                for (String id : answered) {
                    assertThat(s.get("/v1/profiles/" + id).json().get("profile_id").asText()).isEqualTo(live);
                }
                for (String lookup : List.of("device_id=dev-" + p, "customer_id=CU-" + p, "loyalty_id=SOC-" + p,
                        "document=" + (30_000_000 + p))) {
                    JsonNode profiles = s.get("/v1/profiles?" + lookup).json().get("profiles");
                    assertThat(profiles).as(lookup).hasSize(1);
                    assertThat(profiles.get(0).get("profile_id").asText()).isEqualTo(live);
                }
                Set<String> events = new HashSet<>();
                for (JsonNode item : s.get("/v1/profiles/" + live + "/timeline").json().get("items")) {
                    if (item.get("type").asText().equals("event")) {
                        events.add(item.get("record_id").asText());
                    }
                }
                assertThat(events).as("person %d", p).hasSize(EVENTS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * A person of the read-your-writes test: an email and a document far from every other
     * person's (no typo-like neighbours, no shared name), so nothing but this call decides the
     * profile and its id stays put.
     */
    static String loner(int person) {
        long scrambled = (person * 2_654_435_761L) % 1_000_000_007L;
        return "{\"identifiers\":{\"email\":\"c" + Long.toString(scrambled, 36) + "@correo.com.ar\",\"document\":\""
                + (20_000_000 + scrambled % 9_000_000) + "\"}}";
    }

    static String lonerEmail(int person) {
        long scrambled = (person * 2_654_435_761L) % 1_000_000_007L;
        return "c" + Long.toString(scrambled, 36) + "%40correo.com.ar";
    }

    /**
     * Read-your-writes through HTTP while writes go on: clients each identify a new person and look
     * them up at once (on the embedded store the lookup often finds the write still in the journal,
     * so the selector thread hands it to a worker that waits for it), while other clients keep
     * identifying. Every lookup finds the profile its identify answered; nothing fails.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLookupRightAfterAnIdentifyFindsItsProfileWhileWritesGoOn(Backend backend) throws Exception {
        int clients = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(clients + 2);
        try (TestServer s = new TestServer(backend)) {
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            List<Future<Integer>> background = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int base = 100_000 + w * 10_000;
                background.add(pool.submit(() -> {
                    int n = 0;
                    while (writing.get()) {
                        TestServer.Reply r = s.post("/v1/identify", loner(base + n++));
                        assertThat(r.status()).as(r.body()).isEqualTo(200);
                    }
                    return n;
                }));
            }
            List<Future<?>> checks = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = 1_000 + c * each;
                checks.add(pool.submit(() -> {
                    for (int p = first; p < first + each; p++) {
                        TestServer.Reply w = s.post("/v1/identify", loner(p));
                        assertThat(w.status()).as(w.body()).isEqualTo(200);
                        String id = w.json().get("profile_id").asText();
                        TestServer.Reply r = s.get("/v1/profiles?email=" + lonerEmail(p));
                        assertThat(r.status()).as(r.body()).isEqualTo(200);
                        assertThat(r.json().get("profiles").get(0).get("profile_id").asText()).as("person %d", p)
                                .isEqualTo(id);
                    }
                    return null;
                }));
            }
            for (Future<?> f : checks) {
                f.get();
            }
            writing.set(false);
            for (Future<Integer> f : background) {
                assertThat(f.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * While the engine is held (as a rematch holds it) write calls wait; one that waits past the
     * write timeout is answered 503 and must not be stored, or its retry would store an event twice
     * (a track call without messageId gets a new id each time). One the writer took before it could
     * time out is written and answered 200, however long that takes.
     */
    @org.junit.jupiter.api.Test
    void aCallAnswered503WhileTheEngineWasBusyWasNotStored() throws Exception {
        System.setProperty("idem.http.write.timeout.ms", "400");
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try (TestServer s = new TestServer(Backend.SQLITE)) {
            System.clearProperty("idem.http.write.timeout.ms");
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread busy = new Thread(() -> {
                synchronized (s.engine) {
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            busy.start();
            held.await();
            List<Future<TestServer.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String body = "{\"anonymousId\":\"busy-" + i + "\",\"event\":\"Product Viewed\"}";
                replies.add(clients.submit(() -> s.post("/v1/track", body)));
                Thread.sleep(20);
            }
            Thread.sleep(1_000); // every call still waiting has passed its timeout
            release.countDown();
            busy.join();
            int refused = 0;
            for (int i = 0; i < replies.size(); i++) {
                TestServer.Reply r = replies.get(i).get();
                TestServer.Reply found = s.get("/v1/profiles?device_id=busy-" + i);
                if (r.status() == 503) {
                    refused++;
                    assertThat(r.body()).contains("nothing of the call was stored");
                    assertThat(found.status()).as("busy-" + i + " answered 503 but stored").isEqualTo(404);
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    assertThat(found.status()).as("busy-" + i + " answered 200").isEqualTo(200);
                }
            }
            assertThat(refused).as("calls that waited past the timeout").isGreaterThan(10);
        } finally {
            System.clearProperty("idem.http.write.timeout.ms");
            clients.shutdownNow();
        }
    }
}
