package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input for every documented route: valid calls mutated at random (a value replaced by
 * another type, an extreme number, control characters, lone surrogates, deep nesting; a field
 * removed or added; the text cut short or its bytes broken; odd query strings and path ids). No
 * answer may be a 5xx, every refusal is a JSON error, and the server answers normally afterwards.
 * The seed is fixed, so a failure names a request that fails again.
 */
class ApiFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** More, or another seed, for a longer search: {@code -Didem.fuzz.requests=N -Didem.fuzz.seed=S}. */
    private static final int REQUESTS = Integer.getInteger("idem.fuzz.requests", 2_500);
    private static final long SEED = Long.getLong("idem.fuzz.seed", 20261208);
    private static final Set<Integer> ALLOWED = Set.of(200, 400, 401, 403, 404, 405, 409, 413, 422);

    @Test
    void noGeneratedRequestGetsAServerError() throws Exception {
        try (TestServer s = new TestServer(Backend.SQLITE)) {
            String profile = s.post("/v1/identify", "{\"userId\":\"C-1\",\"traits\":{\"email\":\"ana@correo.com.ar\","
                    + "\"document\":\"30.123.456\",\"firstName\":\"Ana\",\"lastName\":\"Paz\"}}").json()
                    .get("profile_id").asText();
            s.post("/v1/identify", "{\"anonymousId\":\"dev-1\",\"traits\":{\"firstName\":\"ANA\",\"lastName\":\"PAZ\"}}");
            JsonNode reviews = s.get("/v1/reviews").json().get("items");
            String review = reviews.size() > 0 ? reviews.get(0).get("id").asText() : "Rnone";
            Map<String, String> valid = validBodies(review);
            List<String> routes = new ArrayList<>();
            s.get("/openapi.json", null).json().get("paths").fields().forEachRemaining(p ->
                    p.getValue().fieldNames().forEachRemaining(m -> routes.add(m.toUpperCase() + " " + p.getKey())));

            Random random = new Random(SEED);
            Map<Integer, Integer> statuses = new LinkedHashMap<>();
            for (int i = 0; i < REQUESTS; i++) {
                String route = routes.get(random.nextInt(routes.size()));
                String method = route.substring(0, route.indexOf(' '));
                String path = route.substring(route.indexOf(' ') + 1);
                if (method.equals("DELETE")) {
                    path = path.replace("{id}", oddId(random)); // never the one profile the others need
                } else {
                    path = path.replace("{id}", random.nextInt(3) == 0 ? oddId(random)
                            : path.contains("reviews") ? review : profile);
                }
                String key = random.nextInt(10) == 0 ? s.readKey : random.nextInt(10) == 0 ? s.shopKey : null;
                TestServer.Reply r;
                String what;
                if (method.equals("GET")) {
                    String query = oddQuery(random);
                    what = method + " " + path + query;
                    r = raw(s, method, path + query, key != null ? key : s.readKey, new byte[0]);
                } else {
                    byte[] body = mutated(valid.getOrDefault(route.substring(route.indexOf(' ') + 1), "{}"), random);
                    what = method + " " + path + " " + new String(body, StandardCharsets.UTF_8);
                    r = raw(s, method, path, key != null ? key : s.writeKey, body);
                }
                statuses.merge(r.status(), 1, Integer::sum);
                assertThat(r.status()).as(what + "\n-> " + r.body()).isIn(ALLOWED);
                if (r.status() != 200 && !path.equals("/metrics") && !path.equals("/openapi.json")) {
                    assertThat(r.json()).as(what + "\n-> " + r.body()).isNotNull();
                    assertThat(r.json().get("error").asText()).as(what).isNotEmpty();
                }
            }
            // the mix exercised both outcomes widely
            assertThat(statuses.getOrDefault(200, 0)).as(statuses.toString()).isGreaterThan(REQUESTS / 10);
            assertThat(statuses.getOrDefault(400, 0)).as(statuses.toString()).isGreaterThan(REQUESTS / 4);
            assertThat(s.get("/health", null).status()).isEqualTo(200);
            assertThat(s.get("/v1/profiles?email=ana@correo.com.ar").status()).isEqualTo(200);
            assertThat(s.post("/v1/identify", "{\"userId\":\"after\",\"traits\":{\"email\":\"after@correo.com.ar\"}}")
                    .status()).isEqualTo(200);
        }
    }

    /**
     * One request over its own connection, the target sent as it is (a client library would refuse
     * a malformed percent-encoding before the server saw it).
     */
    private static TestServer.Reply raw(TestServer s, String method, String target, String key, byte[] body)
            throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(60_000);
            String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            java.io.OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String headers = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
            String content = text.substring(split + 4);
            JsonNode json = headers.contains("content-type: application/json") ? Server.JSON.readTree(content) : null;
            return new TestServer.Reply(status, content, json);
        }
    }

    /** A valid body per POST and DELETE route, the starting point of the mutations. */
    private static Map<String, String> validBodies(String review) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("/v1/identify", "{\"userId\":\"C-2\",\"messageId\":\"m-1\",\"traits\":{\"email\":\"luz@correo.com.ar\","
                + "\"phone\":\"011 15-4123-4567\",\"firstName\":\"Luz\",\"birthday\":\"1980-02-03\","
                + "\"address\":{\"city\":\"Rosario\"}},\"context\":{\"device\":{\"id\":\"dev-2\"}}}");
        m.put("/v1/track", "{\"anonymousId\":\"dev-3\",\"event\":\"Order Completed\",\"timestamp\":"
                + "\"2026-01-02T03:04:05Z\",\"properties\":{\"revenue\":12.5,\"sku\":\"A1\"}}");
        m.put("/v1/alias", "{\"userId\":\"C-2\",\"previousId\":\"dev-3\"}");
        m.put("/v1/batch", "{\"batch\":[{\"type\":\"identify\",\"userId\":\"C-3\",\"traits\":{\"email\":"
                + "\"sol@correo.com.ar\"}},{\"type\":\"track\",\"userId\":\"C-3\",\"event\":\"E\"}]}");
        m.put("/v1/reviews/decisions", "{\"decisions\":[{\"id\":\"" + review + "\",\"decision\":\"reject\"}]}");
        m.put("/v1/reviews/{id}/accept", "");
        m.put("/v1/reviews/{id}/reject", "");
        m.put("/v1/rematch", "{\"dry_run\":true,\"settings\":{\"match_threshold\":0.95,\"fuzzy\":true}}");
        return m;
    }

    private static byte[] mutated(String valid, Random random) {
        int how = random.nextInt(10);
        if (valid.isEmpty() || how == 0) {
            return randomBytes(random);
        }
        if (how == 1) { // cut short
            return valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
        }
        if (how == 2) { // one byte broken
            byte[] b = valid.getBytes(StandardCharsets.UTF_8);
            b[random.nextInt(b.length)] = (byte) (0x80 + random.nextInt(0x80));
            return b;
        }
        try {
            JsonNode root = Server.JSON.readTree(valid);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                root = edit(root, random);
            }
            return Server.JSON.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One edit somewhere in the tree: a value replaced, a field removed or added. */
    private static JsonNode edit(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty() || random.nextInt(12) == 0) {
            return oddValue(random, 0);
        }
        JsonNode c = containers.get(random.nextInt(containers.size()));
        if (c instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            int what = random.nextInt(3);
            if (what == 0 || names.isEmpty()) {
                o.set(oddName(random, names), oddValue(random, 0));
            } else if (what == 1) {
                o.remove(names.get(random.nextInt(names.size())));
            } else {
                o.set(names.get(random.nextInt(names.size())), oddValue(random, 0));
            }
        } else if (c instanceof ArrayNode a) {
            if (a.size() > 0 && random.nextBoolean()) {
                a.set(random.nextInt(a.size()), oddValue(random, 0));
            } else {
                a.add(oddValue(random, 0));
            }
        }
        return root;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext();) {
                collect(it.next(), out);
            }
        }
    }

    private static String oddName(Random random, List<String> known) {
        String[] names = {"email", "phone", "document", "type", "userId", "traits", "batch", "decisions", "dry_run",
                "settings", "identifiers", "context", "properties", "source", "messageId", "", "\u0000", "__proto__",
                "a".repeat(300), "\ud800"};
        return random.nextInt(4) == 0 && !known.isEmpty() ? known.get(random.nextInt(known.size()))
                : names[random.nextInt(names.length)];
    }

    private static JsonNode oddValue(Random random, int depth) {
        switch (random.nextInt(depth > 2 ? 16 : 19)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(random.nextInt());
            case 3: return NODES.numberNode(random.nextBoolean() ? Double.MAX_VALUE : -0.0);
            case 4: return NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 5: return NODES.numberNode(new java.math.BigDecimal("1e-400"));
            case 6: return NODES.textNode("");
            case 7: return NODES.textNode("x".repeat(random.nextInt(3) == 0 ? 5_000 : 999));
            case 8: return NODES.textNode("a\u0000b\u001f");
            case 9: return NODES.textNode("\ud800 lone");
            case 10: return NODES.textNode("ana@correo.com.ar");
            case 11: return NODES.textNode("+54 9 11 4123-4567");
            case 12: return NODES.textNode("'; DROP TABLE records; --");
            case 13: return NODES.textNode("0000000000");
            case 14: return NODES.textNode("😀 Ñandú");
            case 15: return NODES.textNode(String.valueOf(random.nextDouble()));
            case 16: {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(oddValue(random, depth + 1));
                }
                return a;
            }
            case 17: {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(oddName(random, List.of()), oddValue(random, depth + 1));
                }
                return o;
            }
            default: {
                JsonNode n = NODES.textNode("deep");
                for (int i = 0; i < 40; i++) {
                    n = NODES.arrayNode().add(n);
                }
                return n;
            }
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }

    private static String oddId(Random random) {
        String[] ids = {"Pnope", "%2E%2E%2Fetc", "%zz", "%", "x".repeat(3000), "%C3%28", "%00", "P%20%20", "R" + random.nextLong(),
                "%F0%9F%98%80"};
        return ids[random.nextInt(ids.length)];
    }

    private static String oddQuery(Random random) {
        String[] queries = {"", "?", "?email=", "?email=ana@correo.com.ar", "?phone=011%2015-4123-4567", "?email=%zz",
                "?limit=-1", "?limit=99999999999999999999", "?evidence=true&limit=2", "?email=a&phone=b", "?&&&",
                "?email=" + "x".repeat(2000), "?document=30.123.456", "?unknown=1", "?limit=%00", "?%=1",
                "?email=a%2Bb%40c.com", "?loyalty_id=%F0%9F%98%80"};
        return queries[random.nextInt(queries.length)];
    }
}
