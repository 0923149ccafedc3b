package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code DELETE /v1/profiles/{id}} and the suppression of later calls, on both stores. */
class ErasureApiTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deleteErasesTheProfileKeepsTheSisterAndRefusesLaterCallsWith409(Backend backend) {
        try (TestServer t = new TestServer(backend)) {
            String ana = t.post("/v1/identify", "{\"userId\":\"C-1\",\"traits\":{\"email\":\"Ana.Rios@Gmail.com\","
                    + "\"phone\":\"011 15-4123-4567\",\"document\":\"30.123.456\",\"firstName\":\"Ana\","
                    + "\"lastName\":\"Ríos\"}}").json().get("profile_id").asText();
            t.post("/v1/identify", "{\"userId\":\"C-1\",\"messageId\":\"m2\",\"traits\":{"
                    + "\"email\":\"familia.rios@gmail.com\",\"firstName\":\"Ana\",\"lastName\":\"Ríos\"}}");
            String sister = t.post("/v1/identify", "{\"userId\":\"C-2\",\"traits\":{\"email\":\"familia.rios@gmail.com\","
                    + "\"document\":\"28.765.432\",\"firstName\":\"Lucía\",\"lastName\":\"Ríos\"}}")
                    .json().get("profile_id").asText();
            assertThat(t.post("/v1/track", "{\"userId\":\"C-1\",\"event\":\"Order Completed\"}").status()).isEqualTo(200);
            assertThat(sister).isNotEqualTo(ana);

            assertThat(t.delete("/v1/profiles/" + ana, t.readKey).status()).isEqualTo(403);
            TestServer.Reply erased = t.delete("/v1/profiles/" + ana, t.writeKey);
            assertThat(erased.status()).as(erased.body()).isEqualTo(200);
            assertThat(erased.json().get("profile_id").asText()).isEqualTo(ana);
            assertThat(erased.json().get("records").asInt()).isEqualTo(3);
            assertThat(erased.json().get("events").asInt()).isEqualTo(1);
            assertThat(erased.json().get("suppressed").asInt()).isEqualTo(4);
            assertThat(erased.body()).doesNotContain("rios").doesNotContain("30123456");

            assertThat(t.get("/v1/profiles/" + ana).status()).isEqualTo(404);
            assertThat(t.get("/v1/profiles?email=ana.rios@gmail.com").status()).isEqualTo(404);
            assertThat(t.delete("/v1/profiles/" + ana, t.writeKey).status()).isEqualTo(404);
            TestServer.Reply kept = t.get("/v1/profiles?email=familia.rios@gmail.com");
            assertThat(kept.status()).isEqualTo(200);
            assertThat(kept.body()).contains(sister).doesNotContain(ana);

            TestServer.Reply again = t.post("/v1/identify", "{\"traits\":{\"email\":\" ana.rios@gmail.com\"}}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("error").asText()).isEqualTo("suppressed");
            assertThat(t.post("/v1/track", "{\"userId\":\"C-1\",\"event\":\"Product Viewed\"}").status()).isEqualTo(409);
            TestServer.Reply batch = t.post("/v1/batch", "{\"batch\":[{\"type\":\"identify\",\"userId\":\"C-9\","
                    + "\"traits\":{\"email\":\"new@x.com\"}},{\"type\":\"identify\",\"traits\":{\"phone\":\"+54 9 11 4123-4567\"}}]}");
            assertThat(batch.status()).isEqualTo(409);
            assertThat(t.get("/v1/profiles?email=new@x.com").status()).as("a refused batch stores nothing").isEqualTo(404);
            assertThat(t.post("/v1/identify", "{\"userId\":\"C-9\",\"traits\":{\"email\":\"new@x.com\"}}").status())
                    .isEqualTo(200);
        }
    }
}
