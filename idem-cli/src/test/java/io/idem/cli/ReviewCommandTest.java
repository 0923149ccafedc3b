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
        // a review id explains its pair
        String id = Cli.run("review", "list", "--data", data()).out().lines().filter(l -> l.startsWith("R"))
                .findFirst().orElseThrow().split(" ")[0];
        assertThat(Cli.run("explain", id, "--data", data()).out())
                .isEqualTo(Cli.run("explain", "tienda:T-2", "web:A-2", "--data", data()).out());
        assertThat(Cli.run("explain", "Rnope", "--data", data()).code()).isEqualTo(3);
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

    /** Three more customers, each with a ticket carrying only her name: three open pairs in all. */
    private List<String> threeQuestions(String dataDir) throws IOException {
        for (String[] f : List.of(new String[] {"web.csv", "web"}, new String[] {"tienda.csv", "tienda"},
                new String[] {"web3.csv", "web"}, new String[] {"tienda3.csv", "tienda"})) {
            if (f[0].endsWith("3.csv")) {
                continue;
            }
            if (!dataDir.equals(data())) {
                assertThat(Cli.run("import", dir.resolve(f[0]).toString(), "--source", f[1], "--id",
                        f[1].equals("web") ? "pedido" : "ticket", "--data", dataDir).code()).isZero();
            }
        }
        Path web = Cli.file(dir, "web3.csv", "pedido,dni,email,nombre,apellido\n"
                + "A-4,31.222.333,lfernandez@gmail.com,Lucía,Fernández\n"
                + "A-5,29.444.555,rquiroga@gmail.com,Ramiro,Quiroga\n");
        Path tickets = Cli.file(dir, "tienda3.csv", "ticket,nombre_completo\n"
                + "T-4,FERNANDEZ LUCIA\n"
                + "T-5,QUIROGA RAMIRO\n");
        assertThat(Cli.run("import", web.toString(), "--source", "web", "--id", "pedido", "--data", dataDir).code())
                .isZero();
        assertThat(Cli.run("import", tickets.toString(), "--source", "tienda", "--id", "ticket", "--data", dataDir)
                .code()).isZero();
        List<String> ids = new java.util.ArrayList<>();
        for (String[] pair : List.of(new String[] {"tienda:T-2", "web:A-2"}, new String[] {"tienda:T-4", "web:A-4"},
                new String[] {"tienda:T-5", "web:A-5"})) {
            ids.add(io.idem.core.store.PairReview.idOf(io.idem.core.model.RecordKey.parse(pair[0]),
                    io.idem.core.model.RecordKey.parse(pair[1])));
        }
        assertThat(Cli.run("review", "list", "--data", dataDir).out()).startsWith("3 open pairs")
                .contains(ids.get(0)).contains(ids.get(1)).contains(ids.get(2));
        return ids;
    }

    /**
     * The spreadsheet round trip: the queue as CSV with both records as received, decisions typed
     * in Spanish and saved by a Spanish Excel (semicolons, Windows-1252), a line the reviewer got
     * wrong and one naming no queued pair. Those two are reported with their line and the rest is
     * applied.
     */
    @Test
    void decisionsFromASpreadsheetAreAppliedAndTheLinesThatCannotBeAreReported() throws IOException {
        List<String> ids = threeQuestions(data());
        Cli.Result csv = Cli.run("review", "list", "--csv", "--limit", "0", "--data", data());
        assertThat(csv.code()).as(csv.err()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("id,score,a,b,evidence,a_values,b_values,decision");
        assertThat(lines).filteredOn(l -> l.startsWith(ids.get(0))).singleElement().asString()
                .contains(",tienda:T-2,web:A-2,\"score ")
                .contains(",nombre_completo=CORDOBA NICOLAS,")
                .contains("dni=27.555.111; email=ncordoba@gmail.com; nombre=Nicolás; apellido=Córdoba")
                .endsWith(",");

        String sheet = "id;decision\r\n" + ids.get(0) + ";Sí\r\n" + ids.get(1) + ";NO\r\n" + ids.get(2)
                + ";quizás\r\nRnope;aceptar\r\nRnope2;\r\n";
        Path decisions = dir.resolve("decisiones.csv");
        Files.write(decisions, sheet.getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Cli.Result r = Cli.run("review", "decide", decisions.toString(), "--data", data());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(decisions + ":4: decision 'quizás' is neither accept")
                .contains(decisions + ":5: decision 'aceptar' is neither accept");
        assertThat(r.out()).contains(ids.get(0) + " accepted: tienda:T-2 ~ web:A-2; now profile P")
                .contains(ids.get(1) + " rejected: tienda:T-4 ~ web:A-4; profiles ")
                .contains("1 accepted, 1 rejected (0 more rejected with them), 1 left undecided, 2 lines not applied");
        assertThat(Cli.run("explain", "tienda:T-2", "web:A-2", "--data", data()).out())
                .contains("review: accepted").contains("outcome: same profile");
        assertThat(Cli.run("explain", "tienda:T-4", "web:A-4", "--data", data()).out())
                .contains("review: rejected").contains("outcome: different profiles");
        assertThat(Cli.run("review", "list", "--data", data()).out()).startsWith("1 open pairs").contains(ids.get(2));
        assertThat(Cli.run("stats", "--data", data()).out())
                .contains("review queue: 1 pairs to decide, 1 accepted, 1 rejected (./idem review list)");
        assertThat(Cli.run("stats", "--json", "--data", data()).out()).contains("\"reviews\" : {")
                .contains("\"open\" : 1").contains("\"accepted\" : 1").contains("\"rejected\" : 1");

        // an id no queued pair has is a line not applied; the others still are
        Path more = Cli.file(dir, "more.csv", "decision,id\nyes," + ids.get(2) + "\nno,Rnope\n");
        Cli.Result r2 = Cli.run("review", "decide", more.toString(), "--data", data());
        assertThat(r2.code()).isEqualTo(2);
        assertThat(r2.err()).contains(more + ":3: no review Rnope");
        assertThat(Cli.run("review", "list", "--data", data()).out()).startsWith("0 open pairs");

        Path noColumn = Cli.file(dir, "bad.csv", "review,answer\n" + ids.get(2) + ",yes\n");
        Cli.Result bad = Cli.run("review", "decide", noColumn.toString(), "--data", data());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("the header needs an 'id' and a 'decision' column");
    }

    /**
     * Several ids on one command are decided in order as one change, with the profiles and queue
     * that deciding them one command at a time gives; an unknown id among them decides nothing.
     */
    @Test
    void severalDecisionsAtOnceEndAsOneAtATimeDoes() throws IOException {
        List<String> ids = threeQuestions(data());
        Cli.Result unknown = Cli.run("review", "accept", ids.get(0), "Rnope", "--data", data());
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.err()).contains("no review Rnope");
        assertThat(Cli.run("review", "list", "--data", data()).out()).startsWith("3 open pairs");

        Cli.Result batch = Cli.run("review", "accept", ids.get(0), ids.get(2), "--data", data());
        assertThat(batch.code()).as(batch.err()).isZero();
        assertThat(batch.out().lines()).hasSize(2);
        assertThat(Cli.run("review", "reject", ids.get(1), "--data", data()).code()).isZero();

        String other = dir.resolve("other").toString();
        threeQuestions(other);
        for (String[] step : List.of(new String[] {"accept", ids.get(0)}, new String[] {"accept", ids.get(2)},
                new String[] {"reject", ids.get(1)})) {
            assertThat(Cli.run("review", step[0], step[1], "--data", other).code()).isZero();
        }
        String records = ImportCommandTest.captureStdout("export", "records", "--data", data());
        assertThat(records.lines()).hasSize(9); // the header and eight records
        assertThat(records).isEqualTo(ImportCommandTest.captureStdout("export", "records", "--data", other));
        for (String id : ids) {
            String a = id.equals(ids.get(1)) ? "tienda:T-4" : id.equals(ids.get(0)) ? "tienda:T-2" : "tienda:T-5";
            String b = id.equals(ids.get(1)) ? "web:A-4" : id.equals(ids.get(0)) ? "web:A-2" : "web:A-5";
            assertThat(Cli.run("explain", a, b, "--data", data()).out())
                    .isEqualTo(Cli.run("explain", a, b, "--data", other).out());
        }
    }

    /**
     * The thresholds and fuzzy matching are the data directory's settings (`matching.conf`), or a
     * file's (`--matching`): the same two files give a match, a review or nothing by them alone.
     */
    @Test
    void theThresholdsAreSettingsOfTheDataDirectory() throws IOException {
        String[] imports = {"web.csv", "web", "pedido", "tienda.csv", "tienda", "ticket"};
        Path settings = Cli.file(dir, "low.conf", "# a lenient store\nmatch_threshold = 0.3   # below T-2's score\n"
                + "review_threshold = 0.2\n");
        String low = dir.resolve("low").toString();
        String off = dir.resolve("off").toString();
        Files.createDirectories(Path.of(off));
        Cli.file(Path.of(off), "matching.conf", "fuzzy = off\n");
        for (int i = 0; i < imports.length; i += 3) {
            String file = dir.resolve(imports[i]).toString();
            assertThat(Cli.run("import", file, "--source", imports[i + 1], "--id", imports[i + 2], "--matching",
                    settings.toString(), "--data", low).code()).isZero();
            assertThat(Cli.run("import", file, "--source", imports[i + 1], "--id", imports[i + 2], "--data", off)
                    .code()).isZero();
        }
        assertThat(Cli.run("explain", "tienda:T-2", "web:A-2", "--matching", settings.toString(), "--data", low).out())
                .contains("fuzzy decision: match").contains("outcome: same profile");
        assertThat(Cli.run("review", "list", "--data", off).out()).startsWith("0 open pairs");
        assertThat(Cli.run("explain", "tienda:T-1", "web:A-1", "--data", off).out())
                .contains("outcome: different profiles");
        // and the default directory's pair waits for review
        assertThat(Cli.run("explain", "tienda:T-2", "web:A-2", "--data", data()).out()).contains("fuzzy decision: review");

        Path bad = Cli.file(dir, "bad.conf", "match_threshold = 0.99\nreview_threshold = 1.5\n");
        Cli.Result refused = Cli.run("review", "list", "--matching", bad.toString(), "--data", data());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains(bad + ":2: review_threshold is a probability between 0 and 1");
        Path unknown = Cli.file(dir, "unknown.conf", "threshold = 0.9\n");
        assertThat(Cli.run("review", "list", "--matching", unknown.toString(), "--data", data()).err())
                .contains(unknown + ":1: unknown setting 'threshold'");
    }

    /** `--all` decides every open pair a score range and the evidence filter choose, as one change. */
    @Test
    void everyPairInAScoreRangeIsDecidedAtOnce() throws IOException {
        List<String> ids = threeQuestions(data());
        assertThat(Cli.run("review", "accept", "--data", data()).code()).isEqualTo(2);
        assertThat(Cli.run("review", "accept", ids.get(0), "--all", "--data", data()).code()).isEqualTo(2);
        assertThat(Cli.run("review", "accept", ids.get(0), "--min-score", "0.5", "--data", data()).code()).isEqualTo(2);

        // nothing in the queue has evidence beyond the names: nothing is decided
        Cli.Result none = Cli.run("review", "accept", "--all", "--evidence", "--data", data());
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(none.out()).contains("0 pairs accepted");
        assertThat(Cli.run("review", "list", "--data", data()).out()).startsWith("3 open pairs");

        Cli.Result below = Cli.run("review", "reject", "--all", "--max-score", "0.01", "--data", data());
        assertThat(below.out()).contains("0 pairs rejected");
        Cli.Result every = Cli.run("review", "accept", "--all", "--min-score", "0.01", "--data", data());
        assertThat(every.code()).as(every.err()).isZero();
        assertThat(every.out()).contains("3 pairs accepted");
        for (String id : ids) {
            assertThat(every.out()).contains(id + " accepted");
        }
        assertThat(Cli.run("review", "list", "--data", data()).out()).startsWith("0 open pairs");
    }
}
