package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix: wrong types, invalid JSON, huge bodies, unknown fields, injection strings.
 * Each gets a 4xx with the JSON path of the bad field where there is one, never a 500, and never
 * changes stored data.
 */
class BadInputTest {
    static TestServer s;
    static String before;

    @BeforeAll
    static void start() {
        s = new TestServer(Backend.SQLITE);
        var seed = s.post("/v1/identify", "{\"userId\":\"seed-1\",\"traits\":{\"email\":\"seed@correo.com.ar\"}}");
        assertThat(seed.status()).isEqualTo(200);
        before = snapshot();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static String snapshot() {
        StringBuilder sb = new StringBuilder();
        s.engine.store().scan(r -> sb.append(r.record()).append(' ').append(r.profileId()).append('\n'));
        s.engine.store().scanAliases((a, b) -> sb.append(a).append("->").append(b).append('\n'));
        sb.append(s.engine.store().stats().records());
        return sb.toString();
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    static String manyTraits(int n) {
        StringBuilder sb = new StringBuilder("{\"userId\":\"m\",\"traits\":{");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"v\"");
        }
        return sb.append("}}").toString();
    }

    static String nested(int depth) {
        return "{\"userId\":\"n\",\"traits\":{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}}";
    }

    static String batch(int n) {
        StringBuilder sb = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"type\":\"identify\",\"userId\":\"b").append(i).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** endpoint, body, expected status, expected JSON path (or null). */
    static Stream<Arguments> writes() {
        return Stream.of(
                Arguments.of("/v1/identify", "", 400, "$"),
                Arguments.of("/v1/identify", "{", 400, "$"),
                Arguments.of("/v1/identify", "not json", 400, "$"),
                Arguments.of("/v1/identify", "[]", 400, "$"),
                Arguments.of("/v1/identify", "null", 400, "$"),
                Arguments.of("/v1/identify", "\"x\"", 400, "$"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",}", 400, "$"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\"} {}", 400, "$"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"userId\":\"b\"}", 400, "$"),
                Arguments.of("/v1/identify", "{\"userId\":{}}", 400, "$.userId"),
                Arguments.of("/v1/identify", "{\"userId\":[\"a\"]}", 400, "$.userId"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"traits\":\"x\"}", 400, "$.traits"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"traits\":[1]}", 400, "$.traits"),
                Arguments.of("/v1/identify", "{\"identifiers\":\"x\"}", 400, "$.identifiers"),
                Arguments.of("/v1/identify", "{\"identifiers\":{\"email\":{}}}", 400, "$.identifiers.email"),
                Arguments.of("/v1/identify", "{\"identifiers\":{\"nickname\":\"x\"}}", 400, "$.identifiers.nickname"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"favouriteColour\":\"red\"}", 400, "$.favouriteColour"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"event\":\"E\"}", 400, "$.event"),
                Arguments.of("/v1/identify", "{\"traits\":{\"email\":\"not-an-email\"}}", 400, "$.traits.email"),
                Arguments.of("/v1/identify", "{\"traits\":{\"phone\":\"abc\"}}", 400, "$.traits.phone"),
                Arguments.of("/v1/identify", "{\"traits\":{\"firstName\":\"Ana\"}}", 400, "$"),
                Arguments.of("/v1/identify", "{}", 400, "$"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"timestamp\":\"yesterday\"}", 400, "$.timestamp"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"messageId\":{}}", 400, "$.messageId"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"messageId\":\"" + repeat("m", 201) + "\"}", 400,
                        "$.messageId"),
                Arguments.of("/v1/identify", "{\"userId\":\"" + repeat("a", 1001) + "\"}", 400, "$.userId"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\\u0000b\"}", 400, "$.userId"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\\ud800\"}", 400, "$.userId"),
                Arguments.of("/v1/identify", "{\"userId\":1" + repeat("0", 200) + "}", 400, "$"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"source\":\"x'; DROP TABLE records;--\"}", 400,
                        "$.source"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"type\":\"track\"}", 400, "$.type"),
                Arguments.of("/v1/identify", manyTraits(300), 400, "$"),
                Arguments.of("/v1/identify", nested(40), 400, "$"),
                Arguments.of("/v1/identify", nested(8), 400, "$.traits.x[0][0][0]"),
                Arguments.of("/v1/identify", "{\"userId\":\"a\",\"traits\":{\"x\":\"" + repeat("z", 2_000_000) + "\"}}",
                        413, null),
                Arguments.of("/v1/track", "{\"userId\":\"a\"}", 400, "$.event"),
                Arguments.of("/v1/track", "{\"userId\":\"a\",\"event\":[]}", 400, "$.event"),
                Arguments.of("/v1/track", "{\"userId\":\"a\",\"event\":\"  \"}", 400, "$.event"),
                Arguments.of("/v1/track", "{\"userId\":\"a\",\"event\":\"E\",\"properties\":5}", 400, "$.properties"),
                Arguments.of("/v1/track", "{\"userId\":\"a\",\"event\":\"E\",\"properties\":{\"revenue\":\"lots\"}}", 400,
                        "$.properties.revenue"),
                Arguments.of("/v1/track", "{\"event\":\"E\"}", 400, "$"),
                Arguments.of("/v1/alias", "{\"userId\":\"a\"}", 400, "$.previousId"),
                Arguments.of("/v1/alias", "{\"previousId\":\"a\"}", 400, "$.userId"),
                Arguments.of("/v1/batch", "{}", 400, "$.batch"),
                Arguments.of("/v1/batch", "{\"batch\":{}}", 400, "$.batch"),
                Arguments.of("/v1/batch", "{\"batch\":[]}", 400, "$.batch"),
                Arguments.of("/v1/batch", batch(501), 400, "$.batch"),
                Arguments.of("/v1/batch", "{\"batch\":[{\"userId\":\"a\"}]}", 400, "$.batch[0].type"),
                Arguments.of("/v1/batch", "{\"batch\":[1]}", 400, "$.batch[0].type"),
                Arguments.of("/v1/batch", "{\"batch\":[{\"type\":\"identify\",\"userId\":\"ok-1\"},"
                        + "{\"type\":\"identify\",\"userId\":\"ok-2\"},"
                        + "{\"type\":\"identify\",\"traits\":{\"email\":\"@@\"}}]}", 400, "$.batch[2].traits.email"),
                Arguments.of("/v1/batch", "{\"batch\":[{\"type\":\"page\",\"userId\":\"a\"}]}", 400, "$.batch[0].type"),
                Arguments.of("/v1/batch", "{\"batch\":[],\"extra\":1}", 400, "$.extra"));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void badWritesAreRefusedWithThePathAndChangeNothing(String endpoint, String body, int status, String path) {
        var r = s.post(endpoint, body);
        assertThat(r.status()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(status);
        assertThat(r.json()).as(r.body()).isNotNull();
        assertThat(r.json().get("error").asText()).isNotEmpty();
        if (path != null) {
            assertThat(r.json().get("path").asText()).as(r.body()).isEqualTo(path);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of("/v1/profiles/' OR '1'='1", 404),
                Arguments.of("/v1/profiles/%27%3B%20DROP%20TABLE%20records%3B--", 404),
                Arguments.of("/v1/profiles/" + repeat("P", 5_000), 404),
                Arguments.of("/v1/profiles/..%2F..%2Fetc%2Fpasswd/timeline", 404),
                Arguments.of("/v1/profiles/%00/explain", 400),
                Arguments.of("/v1/profiles?email=%27%20OR%201%3D1%20--", 400),
                Arguments.of("/v1/profiles?document=%3Cscript%3E", 400),
                Arguments.of("/v1/profiles?email=" + repeat("a", 1_001) + "@x.com", 400),
                Arguments.of("/v1/profiles?email=a@b.com&email=c@d.com", 400),
                Arguments.of("/v1/profiles", 400),
                Arguments.of("/v1/profiles?customer_id=%27%20OR%20%271%27%3D%271", 404));
    }

    @ParameterizedTest
    @MethodSource("reads")
    void badReadsAreRefusedAndChangeNothing(String path, int status) {
        var r = s.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.server.port() + path.replace(" ", "%20")
                .replace("'", "%27"))).header("Authorization", "Bearer " + s.readKey).GET().build());
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(status);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void wrongMethodsAndUnknownRoutesAreNotServerErrors() {
        List<Integer> statuses = new ArrayList<>();
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            statuses.add(s.send(HttpRequest.newBuilder(s.uri("/v1/identify")).header("Authorization", "Bearer "
                    + s.writeKey).method(method, HttpRequest.BodyPublishers.ofString("{}")).build()).status());
        }
        statuses.add(s.get("/v1/identify", s.writeKey).status());
        statuses.add(s.get("/v2/profiles", s.readKey).status());
        assertThat(statuses).containsExactly(405, 405, 405, 405, 404);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefusedWithoutALength() {
        byte[] huge = ("{\"userId\":\"a\",\"traits\":{\"x\":\"" + repeat("z", 3_000_000) + "\"}}").getBytes();
        var r = s.send(HttpRequest.newBuilder(s.uri("/v1/identify")).header("Authorization", "Bearer " + s.writeKey)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build());
        assertThat(r.status()).isEqualTo(413);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void injectionStringsInValuesAreStoredAsPlainData() {
        String evil = "Robert'); DROP TABLE records;-- <script>alert(1)</script> ${jndi:ldap://x}";
        var r = s.post("/v1/identify", "{\"userId\":\"inj-1\",\"traits\":{\"firstName\":\"" + evil.replace("\"", "\\\"")
                + "\",\"note\":\"" + evil + "\"}}");
        assertThat(r.status()).isEqualTo(200);
        var p = s.get("/v1/profiles/" + r.json().get("profile_id").asText());
        assertThat(p.json().get("records").get(0).get("fields").get("traits.note").asText()).isEqualTo(evil);
        assertThat(s.engine.store().stats().records()).isEqualTo(2);
        before = snapshot();
    }
}
