package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} and {@code review}: each command runs in a fresh engine over the same store (a reopen). */
class ReviewCommandTest {
    @TempDir
    Path dir;

    String data() {
        return dir.resolve("data").toString();
    }

    @BeforeEach
    void importTwoChannels() throws IOException {
        Path web = dir.resolve("web.csv");
        Files.writeString(web, "pedido,dni,email,nombre,apellido,fecha_nacimiento,ciudad\n"
                + "A-1,30.123.456,monica.gonzalez@gmail.com,Mónica,González,1984-03-02,Rosario\n"
                + "A-2,27.555.111,ncordoba@gmail.com,Nicolás,Córdoba,1979-11-30,Córdoba\n", StandardCharsets.UTF_8);
        Path store = dir.resolve("tienda.csv");
        Files.writeString(store, "ticket,nombre_completo,dni\n"
                + "T-1,GONZALEZ MONICA,30123465\n"
                + "T-2,CORDOBA NICOLAS,\n", StandardCharsets.UTF_8);
        assertThat(Cli.run("import", web.toString(), "--source", "web", "--id", "pedido", "--data", data()).code())
                .isZero();
        assertThat(Cli.run("import", store.toString(), "--source", "tienda", "--id", "ticket", "--data", data())
                .code()).isZero();
    }

    @Test
    void explainListsEveryFieldWithLevelWeightTotalAndDecision() {
        Cli.Result r = Cli.run("explain", "web:A-1", "tienda:T-1", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("given name\\s+exact\\s+\\+\\d+\\.\\d\\s+monica ~ monica")
                .containsPattern("document\\s+one edit apart\\s+\\+\\d+\\.\\d\\s+30123456 ~ 30123465")
                .containsPattern("birth date\\s+missing\\s+\\+0\\.0")
                .containsPattern("total\\s+\\+\\d+\\.\\d\\s+match probability 0\\.99\\d\\d")
                .contains("fuzzy decision: match")
                .contains("outcome: same profile");
        assertThat(Cli.run("explain", "web:A-1", "tienda:T-404", "--data", data()).code()).isEqualTo(3);
        assertThat(Cli.run("explain", "web-A-1", "tienda:T-1", "--data", data()).code()).isEqualTo(2);
    }

    /**
     * A ticket against a customer with two orders is two pairs asking one question: listed once by
     * profile, and rejecting one rejects both, so no reviewer is asked twice.
     */
    @Test
    void pairsBetweenTheSameTwoProfilesAreOneQuestion() throws IOException {
        Path more = dir.resolve("web2.csv");
        Files.writeString(more, "pedido,dni,email,nombre,apellido\n"
                + "A-3,27.555.111,,Nicolás,Córdoba\n", StandardCharsets.UTF_8);
        assertThat(Cli.run("import", more.toString(), "--source", "web", "--id", "pedido", "--data", data()).code())
                .isZero();
        Cli.Result all = Cli.run("review", "list", "--data", data());
        assertThat(all.out()).startsWith("2 open pairs between 1 pairs of profiles; 2 of them share nothing but a name")
                .contains("tienda:T-2 ~ web:A-2").contains("tienda:T-2 ~ web:A-3");
        // a ticket with a name alone: nothing a reviewer could check beyond the name
        assertThat(Cli.run("review", "list", "--evidence", "--data", data()).out())
                .startsWith("0 open pairs between 0 pairs of profiles with evidence beyond their names (2 share nothing"
                        + " but a name)");
        Cli.Result grouped = Cli.run("review", "list", "--by-profile", "--data", data());
        List<String> lines = grouped.out().lines().filter(l -> l.startsWith("R")).toList();
        assertThat(lines).singleElement().asString().contains("tienda:T-2 ~ web:A-")
                .endsWith("(+1 more between these profiles)");
        String id = lines.get(0).split(" ")[0];
        String other = all.out().lines().filter(l -> l.startsWith("R") && !l.startsWith(id)).findFirst().orElseThrow()
                .split(" ")[0];

        Cli.Result rejected = Cli.run("review", "reject", id, "--data", data());
        assertThat(rejected.code()).as(rejected.err()).isZero();
        assertThat(rejected.out()).contains(id + " rejected").contains("also rejected, between the same profiles: "
                + other);
        assertThat(Cli.run("review", "list", "--data", data()).out()).startsWith("0 open pairs");
        for (String a : List.of("web:A-2", "web:A-3")) {
            assertThat(Cli.run("explain", "tienda:T-2", a, "--data", data()).out()).contains("review: rejected")
                    .contains("outcome: different profiles");
        }
    }

    @Test
    void anAcceptedPairMergesAndARejectedOneStaysApartAcrossReopensAndImports() throws IOException {
        Cli.Result list = Cli.run("review", "list", "--data", data());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("1 open pairs").contains("tienda:T-2 ~ web:A-2")
                .contains("given name exact");
        String id = list.out().lines().filter(l -> l.startsWith("R")).findFirst().orElseThrow().split(" ")[0];

        Cli.Result accepted = Cli.run("review", "accept", id, "--data", data());
        assertThat(accepted.code()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains(id + " accepted");
        assertThat(Cli.run("explain", "tienda:T-2", "web:A-2", "--data", data()).out())
                .contains("review: accepted").contains("outcome: same profile");
        assertThat(Cli.run("review", "list", "--data", data()).out()).contains("0 open pairs");

        // a person changes their mind: the pair is two people, now and after any later import
        Cli.Result rejected = Cli.run("review", "reject", id, "--data", data());
        assertThat(rejected.code()).as(rejected.err()).isZero();
        assertThat(Cli.run("explain", "tienda:T-2", "web:A-2", "--data", data()).out())
                .contains("review: rejected").contains("outcome: different profiles");
        Path again = dir.resolve("tienda2.csv");
        Files.writeString(again, "ticket,nombre_completo,dni,email\n"
                + "T-2,CORDOBA NICOLAS,,ncordoba@gmail.com\n", StandardCharsets.UTF_8);
        assertThat(Cli.run("import", again.toString(), "--source", "tienda", "--id", "ticket", "--data", data())
                .code()).isZero();
        assertThat(Cli.run("explain", "tienda:T-2", "web:A-2", "--data", data()).out())
                .contains("shared identifiers (exact rule): email:ncordoba@gmail.com")
                .contains("outcome: different profiles");
    }

    @Test
    void onlyQueuedPairsCanBeDecided() {
        assertThat(Cli.run("review", "accept", "Rnope", "--data", data()).code()).isEqualTo(3);
        // the document typo pair matched automatically: it never entered the queue
        String id = io.idem.core.store.PairReview.idOf(io.idem.core.model.RecordKey.parse("web:A-1"),
                io.idem.core.model.RecordKey.parse("tienda:T-1"));
        Cli.Result rejected = Cli.run("review", "reject", id, "--data", data());
        assertThat(rejected.code()).isEqualTo(3); // only queued pairs can be decided
        assertThat(rejected.err()).contains("no review " + id);
    }
}
