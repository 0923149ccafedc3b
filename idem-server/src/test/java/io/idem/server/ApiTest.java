package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every endpoint against a real server on a free port, on each store. */
class ApiTest {

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void identifyCreatesEnrichesMergesAndIsIdempotent(Backend backend) {
        try (TestServer s = new TestServer(backend)) {
            var a = s.post("/v1/identify", "{\"userId\":\"C-1\",\"traits\":{\"email\":\" Ana.Lopez@Gmail.com \","
                    + "\"firstName\":\"Ana\",\"lastName\":\"López\"}}");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().get("status").asText()).isEqualTo("created");
            String p1 = a.json().get("profile_id").asText();
            assertThat(a.json().get("source").asText()).isEqualTo("api");

            var same = s.post("/v1/identify", "{\"userId\":\"C-1\",\"traits\":{\"email\":\" Ana.Lopez@Gmail.com \","
                    + "\"firstName\":\"Ana\",\"lastName\":\"López\"}}");
            assertThat(same.json().get("status").asText()).isEqualTo("unchanged");
            assertThat(same.json().get("profile_id").asText()).isEqualTo(p1);

            var phone = s.post("/v1/identify", "{\"traits\":{\"phone\":\"011 15-4123-4567\",\"name\":\"Ana Lopez\"}}");
            assertThat(phone.json().get("status").asText()).isEqualTo("created");
            String p2 = phone.json().get("profile_id").asText();
            assertThat(p2).isNotEqualTo(p1);

            var enrich = s.post("/v1/identify", "{\"userId\":\"C-1\",\"traits\":{\"birthday\":\"1990-04-02\"}}");
            assertThat(enrich.json().get("status").asText()).isEqualTo("enriched");

            // one call carrying both identifiers proves the two profiles are one person
            var merge = s.post("/v1/identify", "{\"identifiers\":{\"email\":\"ana.lopez@gmail.com\","
                    + "\"phone\":[\"+54 9 11 4123-4567\"]}}");
            assertThat(merge.json().get("status").asText()).isEqualTo("merged");
            String survivor = merge.json().get("profile_id").asText();
            assertThat(survivor).isIn(p1, p2);
            String mergedAway = survivor.equals(p1) ? p2 : p1;

            // the merged-away id still answers, with the survivor
            var old = s.get("/v1/profiles/" + mergedAway);
            assertThat(old.status()).isEqualTo(200);
            assertThat(old.json().get("profile_id").asText()).isEqualTo(survivor);
            assertThat(old.json().get("requested_id").asText()).isEqualTo(mergedAway);
            assertThat(old.json().get("records")).hasSize(4);
            assertThat(old.json().get("history").get(0).get("action").asText()).isEqualTo("merge");
            assertThat(s.get("/v1/profiles/PNOSUCHPROFILE").status()).isEqualTo(404);

            var metrics = s.get("/metrics", null);
            assertThat(metrics.body()).contains("idem_profiles_merged_total 1")
                    .contains("idem_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/identify\",le=\"")
                    .contains("idem_write_queue_size 0")
                    .containsPattern("idem_http_lookups_waiting_total \\d+")
                    .containsPattern("idem_http_lookups_on_workers_total \\d+");
            if (backend == Backend.SQLITE) {
                // how far SQLite is behind the journal (reads above waited for what they needed)
                assertThat(metrics.body()).containsPattern("idem_store_journal_pending_change_sets \\d+")
                        .containsPattern("idem_store_journal_unapplied_entries \\d+")
                        .contains("idem_store_journal_catch_ups 0") // a handful of calls: the applier keeps up
                        .containsPattern("idem_store_journal_abandoned_rounds \\d+");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void lookupsNormaliseLikeImports(Backend backend) {
        try (TestServer s = new TestServer(backend)) {
            String id = s.post("/v1/identify", "{\"traits\":{\"email\":\"Bea@Correo.com.ar\",\"phone\":\"11 4123 9999\","
                    + "\"document\":\"20.123.456\",\"loyalty_id\":\"ab 12\"},\"userId\":\"u-9\","
                    + "\"anonymousId\":\"Dev-7\"}").json().get("profile_id").asText();
            Map<String, String> asTyped = Map.of("email", " bea@correo.COM.ar", "phone", "(011) 15 4123 9999",
                    "document", "20123456", "loyalty_id", "AB 12", "customer_id", "U-9", "device_id", "dev-7");
            for (Map.Entry<String, String> e : asTyped.entrySet()) {
                var r = s.get("/v1/profiles?" + e.getKey() + "=" + q(e.getValue()));
                assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(200);
                assertThat(r.json().get("profiles")).hasSize(1);
                assertThat(r.json().get("profiles").get(0).get("profile_id").asText()).isEqualTo(id);
            }
            assertThat(s.get("/v1/profiles?email=" + q("nadie@correo.com.ar")).status()).isEqualTo(404);
            var bad = s.get("/v1/profiles?phone=abc");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("path").asText()).isEqualTo("$.query.phone");
            assertThat(s.get("/v1/profiles?email=a@b.com&phone=1").status()).isEqualTo(400);
            assertThat(s.get("/v1/profiles?nickname=x").json().get("path").asText()).isEqualTo("$.query.nickname");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anonymousEventsAreStitchedToThePersonWhenTheDeviceLogsIn(Backend backend) {
        try (TestServer s = new TestServer(backend)) {
            String device = null;
            for (int i = 1; i <= 3; i++) {
                var t = s.post("/v1/track", "{\"anonymousId\":\"dev-abc\",\"event\":\"Product Viewed\","
                        + "\"timestamp\":\"2024-05-0" + i + "T10:00:00Z\",\"properties\":{\"sku\":\"S" + i + "\"}}");
                assertThat(t.status()).as(t.body()).isEqualTo(200);
                device = t.json().get("profile_id").asText();
            }
            JsonNode before = s.get("/v1/stats").json();
            assertThat(before.get("events").asLong()).isEqualTo(3);
            assertThat(before.get("reconciliation_rate").asDouble()).isZero();

            // a purchase in the store, by email, before the login
            var shop = s.post("/v1/track", "{\"identifiers\":{\"email\":\"caro@correo.com.ar\"},\"event\":\"Order Completed\","
                    + "\"timestamp\":\"2024-04-30T09:00:00Z\",\"properties\":{\"revenue\":\"1.234,50\"},\"source\":\"tienda\"}");
            String person = shop.json().get("profile_id").asText();
            assertThat(person).isNotEqualTo(device);

            // the login ties the device to the person
            var login = s.post("/v1/identify", "{\"anonymousId\":\"dev-abc\",\"userId\":\"C-77\","
                    + "\"traits\":{\"email\":\"caro@correo.com.ar\"},\"source\":\"app\"}");
            assertThat(login.json().get("status").asText()).isEqualTo("merged");
            String live = login.json().get("profile_id").asText();

            var timeline = s.get("/v1/profiles/" + device + "/timeline");
            assertThat(timeline.status()).isEqualTo(200);
            assertThat(timeline.json().get("profile_id").asText()).isEqualTo(live);
            List<String> order = new ArrayList<>();
            for (JsonNode item : timeline.json().get("items")) {
                order.add(item.get("source").asText() + ":" + (item.get("event").isNull() ? "identify"
                        : item.get("event").asText()));
            }
            assertThat(order).containsExactly("tienda:Order Completed", "api:Product Viewed", "api:Product Viewed",
                    "api:Product Viewed", "app:identify");
            JsonNode first = timeline.json().get("items").get(0);
            assertThat(first.get("at").asText()).isEqualTo("2024-04-30T09:00:00Z");
            assertThat(first.get("at_from").asText()).isEqualTo("timestamp");
            assertThat(first.get("amount").asText()).isEqualTo("1234.50");
            assertThat(timeline.json().get("items").get(4).get("at_from").asText()).isEqualTo("ingested_at");

            JsonNode after = s.get("/v1/stats").json();
            assertThat(after.get("events").asLong()).isEqualTo(4);
            assertThat(after.get("events_of_known_persons").asLong()).isEqualTo(4);
            assertThat(after.get("reconciliation_rate").asDouble()).isEqualTo(1.0);

            var explain = s.get("/v1/profiles/" + live + "/explain");
            assertThat(explain.status()).isEqualTo(200);
            List<String> links = new ArrayList<>();
            explain.json().get("links").forEach(l -> links.add(l.get("identifier").asText()));
            assertThat(links).containsExactly("device_id:dev-abc", "email:caro@correo.com.ar");
            assertThat(explain.json().get("summary").asText()).startsWith("5 records joined by 2 shared identifiers");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aliasAndBatch(Backend backend) {
        try (TestServer s = new TestServer(backend)) {
            var batch = s.post("/v1/batch", "{\"batch\":["
                    + "{\"type\":\"track\",\"anonymousId\":\"anon-1\",\"event\":\"Signed Up\",\"messageId\":\"m1\"},"
                    + "{\"type\":\"identify\",\"userId\":\"U-1\",\"traits\":{\"email\":\"dani@correo.com.ar\"}},"
                    + "{\"type\":\"alias\",\"previousId\":\"anon-1\",\"userId\":\"U-1\"}]}");
            assertThat(batch.status()).as(batch.body()).isEqualTo(200);
            JsonNode results = batch.json().get("results");
            assertThat(results).hasSize(3);
            assertThat(results.get(0).get("record_id").asText()).isEqualTo("m1");
            TreeSet<String> profiles = new TreeSet<>();
            results.forEach(r -> profiles.add(r.get("profile_id").asText()));
            assertThat(profiles).as("within one batch every result carries the profile after the whole batch").hasSize(1);

            var t = s.post("/v1/track", "{\"anonymousId\":\"anon-2\",\"event\":\"Cart Viewed\"}");
            var alias = s.post("/v1/alias", "{\"previousId\":\"anon-2\",\"userId\":\"U-1\"}");
            assertThat(alias.json().get("status").asText()).isEqualTo("merged");
            assertThat(s.get("/v1/profiles/" + t.json().get("profile_id").asText()).json().get("profile_id").asText())
                    .isEqualTo(profiles.first());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void operationsEndpointsAndTheOpenApiDocumentMatchTheRoutes(Backend backend) {
        try (TestServer s = new TestServer(backend)) {
            var health = s.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("ok");
            assertThat(s.get("/metrics", null).body()).contains("# TYPE idem_http_request_duration_seconds histogram");

            JsonNode doc = s.get("/openapi.json", null).json();
            List<String> documented = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
            }
            assertThat(documented).containsExactlyInAnyOrderElementsOf(s.server.routeNames());
            // and every documented route answers (not 404 for the route, not 405)
            String id = s.post("/v1/identify", "{\"userId\":\"x-1\"}").json().get("profile_id").asText();
            // a pair for the review routes: a customer, and an app install that gave only her name
            s.post("/v1/identify", "{\"userId\":\"x-2\",\"traits\":{\"document\":\"30.123.456\",\"firstName\":"
                    + "\"Nicolás\",\"lastName\":\"Córdoba\"}}");
            s.post("/v1/identify", "{\"anonymousId\":\"d-2\",\"traits\":{\"firstName\":\"NICOLAS\",\"lastName\":"
                    + "\"CORDOBA\"}}");
            String review = s.get("/v1/reviews").json().get("items").get(0).get("id").asText();
            for (String route : documented) {
                String method = route.substring(0, route.indexOf(' '));
                String path = route.substring(route.indexOf(' ') + 1)
                        .replace("{id}", route.contains("/v1/reviews/") ? review : id);
                TestServer.Reply r;
                if (method.equals("DELETE")) {
                    continue; // erasure last: it makes the profile unknown to the other routes
                } else if (method.equals("GET")) {
                    r = s.get(path.equals("/v1/profiles") ? path + "?customer_id=x-1" : path);
                } else {
                    String body = path.endsWith("batch") ? "{\"batch\":[{\"type\":\"identify\",\"userId\":\"x-1\"}]}"
                            : path.endsWith("track") ? "{\"userId\":\"x-1\",\"event\":\"E\"}"
                            : path.endsWith("alias") ? "{\"userId\":\"x-1\",\"previousId\":\"d-1\"}"
                            : path.endsWith("decisions") ? "{\"decisions\":[{\"id\":\"" + review
                                    + "\",\"decision\":\"accept\"}]}"
                            : path.endsWith("rematch") ? "{\"dry_run\":true}"
                            : "{\"userId\":\"x-1\"}";
                    r = s.post(path, body);
                }
                assertThat(r.status()).as(route + ": " + r.body()).isEqualTo(200);
            }
            for (String route : documented.stream().filter(r -> r.startsWith("DELETE ")).toList()) {
                TestServer.Reply r = s.delete(route.substring(route.indexOf(' ') + 1).replace("{id}", id), s.writeKey);
                assertThat(r.status()).as(route + ": " + r.body()).isEqualTo(200);
            }
            assertThat(s.get("/v1/nothing").status()).isEqualTo(404);
        }
    }
}
