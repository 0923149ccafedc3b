package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.store.pg.PgTestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idem serve} and {@code idem keys} as real processes: two server processes sharing one
 * PostgreSQL keep one profile per person under concurrent identify calls sent to both; server logs
 * carry no identifier.
 */
class ServeCommandTest {
    static final Pattern PROFILE = Pattern.compile("\"profile_id\":\"([^\"]+)\"");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Process serve(int port, Path log, String... store) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port",
                Integer.toString(port)));
        cmd.addAll(List.of(store));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    void awaitHealthy(int port, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as(() -> "server died: " + read(log)).isTrue();
            try {
                if (get(port, "/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server on " + port + " not healthy: " + read(log));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    HttpResponse<String> get(int port, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(int port, String path, String body, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String key(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("shown only now");
        return r.out().trim();
    }

    static String profileOf(String json) {
        Matcher m = PROFILE.matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    @Test
    void twoServerProcessesOnOnePostgresKeepOneProfilePerPerson() throws Exception {
        String url = PgTestDatabase.create();
        int portA = freePort();
        int portB = freePort();
        Process a = null;
        Process b = null;
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            String write = key("keys", "create", "--name", "load", "--scope", "write", "--store", url);
            String read = key("keys", "create", "--name", "check", "--scope", "read", "--store", url);
            a = serve(portA, dir.resolve("a.log"), "--store", url);
            b = serve(portB, dir.resolve("b.log"), "--store", url);
            awaitHealthy(portA, a, dir.resolve("a.log"));
            awaitHealthy(portB, b, dir.resolve("b.log"));
            for (int person = 1; person <= 10; person++) {
                int p = person;
                String[] parts = {"\"email\":\"socia" + p + "@correo.com.ar\"", "\"phone\":\"11 6" + (100 + p) + " 00"
                        + (10 + p) + "\"", "\"document\":\"" + (25_000_000 + p) + "\"", "\"loyalty_id\":\"T" + p + "\"",
                    "\"device_id\":\"app-" + p + "\""};
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> replies = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    int mask = 1 + (i * 7 + p) % 31;
                    List<String> chosen = new ArrayList<>();
                    for (int k = 0; k < parts.length; k++) {
                        if ((mask & (1 << k)) != 0) {
                            chosen.add(parts[k]);
                        }
                    }
                    String body = "{\"identifiers\":{" + String.join(",", chosen) + "}}";
                    int port = i % 2 == 0 ? portA : portB;
                    replies.add(clients.submit(() -> {
                        go.await();
                        return post(port, "/v1/identify", body, write);
                    }));
                }
                go.countDown();
                Set<String> answered = new HashSet<>();
                for (Future<HttpResponse<String>> f : replies) {
                    HttpResponse<String> r = f.get();
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    answered.add(profileOf(r.body()));
                }
                String email = URLEncoder.encode("socia" + p + "@correo.com.ar", StandardCharsets.UTF_8);
                for (int port : new int[] {portA, portB}) {
                    HttpResponse<String> found = get(port, "/v1/profiles?email=" + email, read);
                    assertThat(found.statusCode()).isEqualTo(200);
                    Matcher m = PROFILE.matcher(found.body());
                    Set<String> live = new HashSet<>();
                    while (m.find()) {
                        live.add(m.group(1));
                    }
                    // one profile; merged-away ids in a record's history are not profile_id fields
                    assertThat(live).as("person %d via %d", p, port).hasSize(1);
                    for (String id : answered) {
                        assertThat(profileOf(get(port, "/v1/profiles/" + id, read).body()))
                                .isEqualTo(live.iterator().next());
                    }
                }
            }
            String logs = read(dir.resolve("a.log")) + read(dir.resolve("b.log"));
            assertThat(logs).doesNotContain("correo.com.ar").doesNotContain("25000001").doesNotContain(write);
        } finally {
            clients.shutdownNow();
            for (Process p : new Process[] {a, b}) {
                if (p != null) {
                    p.destroy();
                    p.waitFor(20, TimeUnit.SECONDS);
                }
            }
            PgTestDatabase.drop(url);
        }
    }

    @Test
    void serveOnADataDirectoryAnswersWithKeysMadeByTheCli() throws Exception {
        Path data = dir.resolve("data");
        String write = key("keys", "create", "--name", "web", "--scope", "write", "--source", "ecommerce", "--data",
                data.toString());
        String read = key("keys", "create", "--name", "bi", "--scope", "read", "--data", data.toString());
        assertThat(Cli.run("keys", "create", "--name", "x", "--scope", "admin", "--data", data.toString()).code())
                .isEqualTo(2);
        int port = freePort();
        Path log = dir.resolve("serve.log");
        Process p = serve(port, log, "--data", data.toString());
        try {
            awaitHealthy(port, p, log);
            HttpResponse<String> r = post(port, "/v1/identify", "{\"userId\":\"C-9\",\"traits\":{\"email\":"
                    + "\"mora@correo.com.ar\",\"phone\":\"011 15-4999-1234\"}}", write);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"source\":\"ecommerce\"").contains("\"status\":\"created\"");
            assertThat(post(port, "/v1/identify", "{\"traits\":{\"email\":\"bad\"}}", write).statusCode()).isEqualTo(400);
            assertThat(get(port, "/v1/profiles?phone=" + URLEncoder.encode("+54 9 11 4999-1234", StandardCharsets.UTF_8),
                    read).body()).contains(profileOf(r.body()));
            assertThat(get(port, "/v1/stats", write).statusCode()).isEqualTo(403);
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        String logs = read(log);
        assertThat(logs).contains("idem: serving http://127.0.0.1:" + port);
        assertThat(logs).doesNotContain("mora@").doesNotContain("4999").doesNotContain(write);
        // the acknowledged call is on disk: the CLI sees it after the server stopped
        assertThat(Cli.run("profile", "--email", "mora@correo.com.ar", "--data", data.toString()).out())
                .contains("C-9");
    }

    /**
     * A server holds its data directory: a command that writes is refused with a clear error while
     * it runs (before, an import beside a server wrote record ids the server's journal then could not
     * apply, so its acknowledged calls stayed unapplied, and the server resolved calls without the
     * imported records); reading commands and key creation work beside it; once it stops, the
     * import goes through and finds the person the server created.
     */
    @Test
    void aServedDataDirectoryRefusesWritingCommandsUntilTheServerStops() throws Exception {
        Path data = dir.resolve("data");
        String write = key("keys", "create", "--name", "pos", "--scope", "write", "--data", data.toString());
        Path file = Cli.file(dir, "tienda.csv", "id,email,nombre\nT-1,lola@correo.com.ar,Lola\n");
        int port = freePort();
        Path log = dir.resolve("serve.log");
        Process p = serve(port, log, "--data", data.toString());
        try {
            awaitHealthy(port, p, log);
            assertThat(post(port, "/v1/identify", "{\"userId\":\"C-1\",\"traits\":{\"email\":"
                    + "\"lola@correo.com.ar\"}}", write).statusCode()).isEqualTo(200);
            for (String[] args : List.of(
                    new String[] {"import", file.toString(), "--source", "tienda", "--id", "id"},
                    new String[] {"rematch"}, new String[] {"reprocess", "--source", "api"},
                    new String[] {"keys", "rotate"})) {
                List<String> cmd = new ArrayList<>(List.of(args));
                cmd.addAll(List.of("--data", data.toString()));
                Cli.Result r = Cli.run(cmd.toArray(String[]::new));
                assertThat(r.code()).as(String.join(" ", args) + ": " + r.out() + r.err()).isEqualTo(2);
                assertThat(r.err()).contains("is in use by another idem process").contains("POST /v1/batch");
            }
            // a second server is refused too
            Path log2 = dir.resolve("serve2.log");
            Process second = serve(freePort(), log2, "--data", data.toString());
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(2);
            assertThat(read(log2)).contains("is in use by another idem process");
            // reading works beside it, and a new key is taken at once
            String read = key("keys", "create", "--name", "bi", "--scope", "read", "--data", data.toString());
            assertThat(get(port, "/v1/profiles?email=lola@correo.com.ar", read).statusCode()).isEqualTo(200);
            assertThat(ImportCommandTest.captureStdout("export", "records", "--data", data.toString()))
                    .contains("api,");
            assertThat(Cli.run("stats", "--data", data.toString()).code()).isZero();
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Cli.Result imported = Cli.run("import", file.toString(), "--source", "tienda", "--id", "id", "--json",
                "--data", data.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("\"profiles_created\" : 0");
        String records = ImportCommandTest.captureStdout("export", "records", "--data", data.toString());
        assertThat(records.lines().filter(l -> !l.startsWith("source,")).map(l -> l.substring(l.lastIndexOf(',') + 1))
                .distinct().count()).as(records).isEqualTo(1);
    }

    /**
     * A server killed with SIGKILL while calls stream in loses no acknowledged call and duplicates
     * nothing: on the embedded store, calls acknowledged from the journal but not yet applied to
     * SQLite are applied when the next process opens the directory.
     */
    @Test
    void aKilledServerLosesNoAcknowledgedCall() throws Exception {
        Path data = dir.resolve("data");
        String write = key("keys", "create", "--name", "pos", "--scope", "write", "--data", data.toString());
        String read = key("keys", "create", "--name", "crm", "--scope", "read", "--data", data.toString());
        int port = freePort();
        Path log = dir.resolve("killed.log");
        Process p = serve(port, log, "--data", data.toString());
        java.util.Map<Integer, String> acked = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            awaitHealthy(port, p, log);
            for (int t = 0; t < 16; t++) {
                clients.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        int person = sent.incrementAndGet();
                        // every third call merges the two profiles made by the calls before it
                        String ids = person % 3 == 0
                                ? "\"email\":\"k" + (person - 2) + "@correo.com.ar\",\"phone\":\"11 5" + (1_000_000 + person - 1)
                                        + "\""
                                : person % 3 == 1 ? "\"email\":\"k" + person + "@correo.com.ar\""
                                        : "\"phone\":\"11 5" + (1_000_000 + person) + "\"";
                        try {
                            HttpResponse<String> r = post(port, "/v1/identify", "{\"identifiers\":{" + ids + "}}", write);
                            if (r.statusCode() == 200) {
                                acked.put(person, profileOf(r.body()));
                            }
                        } catch (Exception killed) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acked.size() < 3_000 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
            p.waitFor(20, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
            clients.awaitTermination(20, TimeUnit.SECONDS);
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(3_000);
        int calls = sent.get();
        Process again = serve(port, log, "--data", data.toString());
        try {
            awaitHealthy(port, again, log);
            assertThat(read(log)).contains("acknowledged change set group(s) SQLite did not have yet; applied");
            for (java.util.Map.Entry<Integer, String> e : acked.entrySet()) {
                int person = e.getKey();
                String query = person % 3 == 2 ? "phone=" + URLEncoder.encode("11 5" + (1_000_000 + person), StandardCharsets.UTF_8)
                        : "email=k" + (person % 3 == 0 ? person - 2 : person) + "%40correo.com.ar";
                HttpResponse<String> found = get(port, "/v1/profiles?" + query, read);
                assertThat(found.statusCode()).as("acknowledged call %d (%s) after the kill", person, query).isEqualTo(200);
                // the id answered then still answers, for this profile (merged-away ids redirect)
                HttpResponse<String> byId = get(port, "/v1/profiles/" + e.getValue(), read);
                assertThat(byId.statusCode()).as("profile %s of call %d", e.getValue(), person).isEqualTo(200);
                assertThat(profileOf(byId.body())).isEqualTo(profileOf(found.body()));
            }
            // nothing twice: one record per call at most (an unacknowledged call may or may not be there)
            HttpResponse<String> stats = get(port, "/v1/stats", read);
            Matcher m = Pattern.compile("\"records\":(\\d+)").matcher(stats.body());
            assertThat(m.find()).as(stats.body()).isTrue();
            assertThat(Long.parseLong(m.group(1))).isBetween((long) acked.size(), (long) calls);
        } finally {
            again.destroy();
            again.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
