package io.idem.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.idem.core.Engine;
import io.idem.core.resolve.ResolverConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real server on a free port over a fresh store, with one key of each kind, and an HTTP client. */
final class TestServer implements AutoCloseable {
    final Backend.Fresh fresh;
    final Engine engine;
    final Server server;
    final String writeKey;
    final String readKey;
    final String shopKey;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** An HTTP answer: status, body text, and the body as JSON when it is JSON. */
    record Reply(int status, String body, JsonNode json) {
    }

    TestServer(Backend backend) {
        fresh = backend.create();
        engine = Engine.open(fresh.opener().get(), ResolverConfig.defaults());
        server = Server.start(engine, Server.Options.defaults().withPort(0));
        writeKey = ApiKeys.create(engine.store(), "writer", ApiKeys.WRITE, null);
        readKey = ApiKeys.create(engine.store(), "reader", ApiKeys.READ, null);
        shopKey = ApiKeys.create(engine.store(), "shop", ApiKeys.WRITE, "ecommerce");
    }


    /** A client of a server started elsewhere, with the same keys; closing it is the caller's. */
    static TestServer over(Engine engine, Server server) {
        return new TestServer(engine, server);
    }

    private TestServer(Engine engine, Server server) {
        this.fresh = null;
        this.engine = engine;
        this.server = server;
        writeKey = ApiKeys.create(engine.store(), "writer", ApiKeys.WRITE, null);
        readKey = ApiKeys.create(engine.store(), "reader", ApiKeys.READ, null);
        shopKey = ApiKeys.create(engine.store(), "shop", ApiKeys.WRITE, "ecommerce");
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    Reply post(String path, String body) {
        return post(path, body, writeKey);
    }

    Reply post(String path, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return send(b.build());
    }

    Reply get(String path) {
        return get(path, readKey);
    }

    Reply get(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return send(b.build());
    }

    Reply delete(String path, String key) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).DELETE().build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                json = Server.JSON.readTree(r.body());
            }
            return new Reply(r.statusCode(), r.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        engine.close();
        if (fresh != null) {
            fresh.dispose().run();
        }
    }
}
