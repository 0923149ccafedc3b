package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The review queue over HTTP: list, decide one, decide several as one change; on both stores. */
class ReviewApiTest {

    /** Three customers, each with an app install that gave only her name: three open pairs. */
    private static List<String> threeQuestions(TestServer t) {
        String[][] people = {{"C-1", "30.123.456", "Nicolás", "Córdoba"}, {"C-2", "31.222.333", "Lucía", "Fernández"},
                {"C-3", "29.444.555", "Ramiro", "Quiroga"}};
        for (String[] p : people) {
            assertThat(t.post("/v1/identify", "{\"userId\":\"" + p[0] + "\",\"traits\":{\"document\":\"" + p[1]
                    + "\",\"firstName\":\"" + p[2] + "\",\"lastName\":\"" + p[3] + "\"}}").status()).isEqualTo(200);
            assertThat(t.post("/v1/identify", "{\"anonymousId\":\"dev-" + p[0] + "\",\"traits\":{\"firstName\":\""
                    + p[2].toUpperCase() + "\",\"lastName\":\"" + p[3].toUpperCase() + "\"}}").status()).isEqualTo(200);
        }
        TestServer.Reply list = t.get("/v1/reviews");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("open").asInt()).isEqualTo(3);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : list.json().get("items")) {
            ids.add(item.get("id").asText());
            assertThat(item.get("a").get("profile_id").asText()).isNotEqualTo(item.get("b").get("profile_id").asText());
            assertThat(item.get("reason").asText()).contains("given name exact");
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pairsAreListedAndDecidedOneByOneOrSeveralAtOnce(Backend backend) {
        try (TestServer t = new TestServer(backend)) {
            List<String> ids = threeQuestions(t);
            assertThat(t.get("/v1/reviews?limit=1").json().get("items")).hasSize(1);
            assertThat(t.get("/v1/reviews?evidence=true").json().get("open").asInt()).isZero();

            // a read key cannot decide; an unknown id decides nothing
            assertThat(t.post("/v1/reviews/" + ids.get(0) + "/accept", "", t.readKey).status()).isEqualTo(403);
            TestServer.Reply unknown = t.post("/v1/reviews/decisions", "{\"decisions\":[{\"id\":\"" + ids.get(0)
                    + "\",\"decision\":\"accept\"},{\"id\":\"Rnope\",\"decision\":\"reject\"}]}");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).contains("no review Rnope");
            assertThat(t.get("/v1/reviews").json().get("open").asInt()).isEqualTo(3);

            TestServer.Reply one = t.post("/v1/reviews/" + ids.get(0) + "/accept", "");
            assertThat(one.status()).as(one.body()).isEqualTo(200);
            assertThat(one.json().get("status").asText()).isEqualTo("accepted");
            assertThat(one.json().get("a").get("profile_id").asText())
                    .isEqualTo(one.json().get("b").get("profile_id").asText());

            TestServer.Reply both = t.post("/v1/reviews/decisions", "{\"decisions\":[{\"id\":\"" + ids.get(1)
                    + "\",\"decision\":\"reject\"},{\"id\":\"" + ids.get(2) + "\",\"decision\":\"accept\"}]}");
            assertThat(both.status()).as(both.body()).isEqualTo(200);
            JsonNode decided = both.json().get("decided");
            assertThat(decided).hasSize(2);
            assertThat(decided.get(0).get("status").asText()).isEqualTo("rejected");
            assertThat(decided.get(0).get("a").get("profile_id").asText())
                    .isNotEqualTo(decided.get(0).get("b").get("profile_id").asText());
            assertThat(decided.get(1).get("status").asText()).isEqualTo("accepted");
            assertThat(t.get("/v1/reviews").json().get("open").asInt()).isZero();

            // the merged profile holds both records of the accepted pair
            String merged = one.json().get("a").get("profile_id").asText();
            assertThat(t.get("/v1/profiles/" + merged).body()).contains(one.json().get("a").get("record_id").asText())
                    .contains(one.json().get("b").get("record_id").asText()).contains("\"kind\":\"device_id\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void badRequestsAreTheCallersAndSayWhere(Backend backend) {
        try (TestServer t = new TestServer(backend)) {
            for (String query : List.of("limit=0", "limit=abc", "limit=1001", "evidence=maybe", "color=red")) {
                TestServer.Reply r = t.get("/v1/reviews?" + query);
                assertThat(r.status()).as(query).isEqualTo(400);
                assertThat(r.json().get("path").asText()).startsWith("$.query.");
            }
            for (String[] body : List.of(new String[] {"", "$"}, new String[] {"{}", "$.decisions"},
                    new String[] {"{\"decisions\":[]}", "$.decisions"},
                    new String[] {"{\"decisions\":[{\"id\":\"R1\",\"decision\":\"maybe\"}]}", "$.decisions[0].decision"},
                    new String[] {"{\"decisions\":[{\"decision\":\"accept\"}]}", "$.decisions[0].id"})) {
                TestServer.Reply r = t.post("/v1/reviews/decisions", body[0]);
                assertThat(r.status()).as(body[0]).isEqualTo(400);
                assertThat(r.json().get("path").asText()).as(body[0]).isEqualTo(body[1]);
            }
            assertThat(t.post("/v1/reviews/Rnope/reject", "").status()).isEqualTo(404);
            assertThat(t.get("/v1/reviews/decisions").status()).isEqualTo(405);
        }
    }
}
