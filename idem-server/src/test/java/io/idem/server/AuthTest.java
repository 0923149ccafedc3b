package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The auth matrix: every protected route without a key, with an unknown key, with each scope. */
class AuthTest {
    static TestServer s;

    @BeforeAll
    static void start() {
        s = new TestServer(Backend.SQLITE);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    record Call(String method, String path, String body, String scope) {
    }

    static final List<Call> CALLS = List.of(
            new Call("POST", "/v1/identify", "{\"userId\":\"a-1\"}", "write"),
            new Call("POST", "/v1/track", "{\"userId\":\"a-1\",\"event\":\"E\"}", "write"),
            new Call("POST", "/v1/alias", "{\"userId\":\"a-1\",\"previousId\":\"d-1\"}", "write"),
            new Call("POST", "/v1/batch", "{\"batch\":[{\"type\":\"identify\",\"userId\":\"a-1\"}]}", "write"),
            new Call("GET", "/v1/profiles?customer_id=a-1", null, "read"),
            new Call("GET", "/v1/profiles/ID", null, "read"),
            new Call("GET", "/v1/profiles/ID/timeline", null, "read"),
            new Call("GET", "/v1/profiles/ID/explain", null, "read"),
            new Call("GET", "/v1/stats", null, "read"));

    private TestServer.Reply call(Call c, String key, String id) {
        String path = c.path().replace("ID", id);
        return c.method().equals("GET") ? s.get(path, key) : s.post(path, c.body(), key);
    }

    @Test
    void everyProtectedRouteNeedsAKeyOfItsScope() {
        String id = s.post("/v1/identify", "{\"userId\":\"a-1\"}").json().get("profile_id").asText();
        long records = s.engine.store().stats().records();
        for (Call c : CALLS) {
            assertThat(call(c, null, id).status()).as("no key: " + c).isEqualTo(401);
            assertThat(call(c, "idem_not-a-real-key", id).status()).as("unknown key: " + c).isEqualTo(401);
            assertThat(call(c, "", id).status()).as("empty key: " + c).isEqualTo(401);
            String wrong = c.scope().equals("write") ? s.readKey : s.writeKey;
            var forbidden = call(c, wrong, id);
            assertThat(forbidden.status()).as("wrong scope: " + c).isEqualTo(403);
            assertThat(forbidden.json().get("error").asText()).isEqualTo("forbidden");
            String right = c.scope().equals("write") ? s.writeKey : s.readKey;
            assertThat(call(c, right, id).status()).as("right scope: " + c).isEqualTo(200);
        }
        // refused calls wrote nothing: the successful write calls above all repeat one identify,
        // except the track (a new event each time) and the alias (one new record)
        assertThat(s.engine.store().stats().records()).isEqualTo(records + 2);
        var basic = s.send(java.net.http.HttpRequest.newBuilder(s.uri("/v1/stats"))
                .header("Authorization", "Basic " + s.readKey).GET().build());
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void aWriteKeyTiedToASourceWritesOnlyAsThatSource() {
        var ok = s.post("/v1/identify", "{\"userId\":\"b-1\"}", s.shopKey);
        assertThat(ok.json().get("source").asText()).isEqualTo("ecommerce");
        assertThat(s.post("/v1/identify", "{\"userId\":\"b-1\",\"source\":\"ecommerce\"}", s.shopKey).status())
                .isEqualTo(200);
        var other = s.post("/v1/identify", "{\"userId\":\"b-2\",\"source\":\"tienda\"}", s.shopKey);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("path").asText()).isEqualTo("$.source");
        assertThat(s.get("/v1/profiles?customer_id=b-2").status()).isEqualTo(404);
    }

    @Test
    void openRoutesNeedNoKey() {
        for (String path : List.of("/health", "/metrics", "/openapi.json")) {
            assertThat(s.get(path, null).status()).as(path).isEqualTo(200);
        }
    }
}
