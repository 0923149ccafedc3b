package io.idem.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.idem.core.Engine;
import io.idem.core.IdemException;
import io.idem.core.Resolution;
import io.idem.core.live.WriteQueue;
import io.idem.core.model.FieldKind;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import io.idem.core.normalize.Placeholders;
import io.idem.core.store.ApiKey;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API over one engine. Thin: each handler parses, calls the engine (writes through the
 * group-commit {@link WriteQueue}, reads from the store) and maps the answer to JSON; every error is
 * mapped to a status in {@link #fail}. Logs name the route template and status, never a path,
 * query or body, so no identifier reaches them.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("idem.http");
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                .maxNumberLength(100).build());
    }

    /**
     * Settings of a server.
     *
     * @param rejects the directory of import reject files an erasure cleans, or {@code null}
     */
    public record Options(String host, int port, String region, Placeholders placeholders, Limits limits,
            java.nio.file.Path rejects) {
        public static Options defaults() {
            return new Options("127.0.0.1", 7070, "AR", Placeholders.defaults(), Limits.defaults(), null);
        }

        public Options withPort(int p) {
            return new Options(host, p, region, placeholders, limits, rejects);
        }

        public Options withHost(String h) {
            return new Options(h, port, region, placeholders, limits, rejects);
        }

        public Options withRegion(String r) {
            return new Options(host, port, r, placeholders, limits, rejects);
        }

        public Options withPlaceholders(Placeholders p) {
            return new Options(host, port, region, p, limits, rejects);
        }

        public Options withRejects(java.nio.file.Path dir) {
            return new Options(host, port, region, placeholders, limits, dir);
        }
    }

    /** One route: method, path template, the key scope it needs (null: open) and its handler. */
    record Route(HandlerType method, String path, String scope, RouteHandler handler) {
    }

    @FunctionalInterface
    interface RouteHandler {
        Object handle(Context ctx, ApiKey key) throws Exception;
    }

    /** The answer to a write call. */
    record WriteResult(String profileId, String status, String source, String recordId) {
    }

    private static final Map<String, FieldKind> LOOKUP_PARAMS = lookupParams();

    private final Engine engine;
    private final Options options;
    private final WriteQueue queue;
    private final Calls calls;
    private final Reads reads;
    private final ApiKeys keys;
    private final Metrics metrics = new Metrics();
    /** Erasures answered, for {@link Reads#stats}: with the commits, every change this server makes. */
    private final java.util.concurrent.atomic.AtomicLong erasures = new java.util.concurrent.atomic.AtomicLong();
    private final List<Route> routes;
    private final byte[] openapi;
    private Javalin app;

    private Server(Engine engine, Options options) {
        this.engine = engine;
        this.options = options;
        Normalizers normalizers = new Normalizers(options.region());
        this.queue = new WriteQueue(engine, 20_000, 2_000, "api:");
        this.calls = new Calls(normalizers, options.limits());
        this.reads = new Reads(engine.store(), options.placeholders(), normalizers);
        this.keys = new ApiKeys(engine.store());
        this.routes = routes();
        this.openapi = resource("openapi.json");
        metrics.counter("idem_profiles_created_total", () -> engine.counters()[0]);
        metrics.counter("idem_profiles_merged_total", () -> engine.counters()[1]);
        metrics.counter("idem_write_commits_total", queue::commits);
        metrics.counter("idem_write_records_total", queue::committedRecords);
        metrics.gauge("idem_write_queue_size", queue::size);
    }

    /** Starts a server; port 0 picks a free port (see {@link #port()}). */
    public static Server start(Engine engine, Options options) {
        Server s = new Server(engine, options);
        s.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = options.limits().maxBodyBytes();
            config.router.treatMultipleSlashesAsSingleSlash = true;
        });
        for (Route r : s.routes) {
            s.app.addHttpHandler(r.method(), r.path(), ctx -> s.serve(r, ctx));
        }
        s.app.exception(Exception.class, (e, ctx) -> s.fail(e, ctx, "unmatched"));
        s.app.start(options.host(), options.port());
        LOG.info("idem API listening on http://{}:{}", options.host(), s.app.port());
        return s;
    }

    public int port() {
        return app.port();
    }

    /** The routes served, as {@code METHOD path} (for the OpenAPI test). */
    public List<String> routeNames() {
        return routes.stream().map(r -> r.method().name() + " " + r.path()).toList();
    }

    private List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(new Route(HandlerType.GET, "/health", null, (ctx, k) -> health()));
        r.add(new Route(HandlerType.GET, "/metrics", null, (ctx, k) -> new Text(metrics.render(),
                "text/plain; version=0.0.4; charset=utf-8")));
        r.add(new Route(HandlerType.GET, "/openapi.json", null, (ctx, k) -> new Text(
                new String(openapi, StandardCharsets.UTF_8), "application/json")));
        r.add(new Route(HandlerType.POST, "/v1/identify", ApiKeys.WRITE, (ctx, k) -> write(ctx, k, Calls.Type.IDENTIFY)));
        r.add(new Route(HandlerType.POST, "/v1/track", ApiKeys.WRITE, (ctx, k) -> write(ctx, k, Calls.Type.TRACK)));
        r.add(new Route(HandlerType.POST, "/v1/alias", ApiKeys.WRITE, (ctx, k) -> write(ctx, k, Calls.Type.ALIAS)));
        r.add(new Route(HandlerType.POST, "/v1/batch", ApiKeys.WRITE, this::batch));
        r.add(new Route(HandlerType.GET, "/v1/profiles", ApiKeys.READ, (ctx, k) -> find(ctx)));
        r.add(new Route(HandlerType.GET, "/v1/profiles/{id}", ApiKeys.READ,
                (ctx, k) -> reads.profile(reads.locate(ctx.pathParam("id")))));
        r.add(new Route(HandlerType.DELETE, "/v1/profiles/{id}", ApiKeys.WRITE,
                (ctx, k) -> erase(ctx.pathParam("id"), k)));
        r.add(new Route(HandlerType.GET, "/v1/profiles/{id}/timeline", ApiKeys.READ, (ctx, k) -> {
            Reads.Located p = reads.locate(ctx.pathParam("id"));
            return Map.of("profile_id", p.liveId(), "items", reads.timeline(p));
        }));
        r.add(new Route(HandlerType.GET, "/v1/profiles/{id}/explain", ApiKeys.READ,
                (ctx, k) -> reads.explain(reads.locate(ctx.pathParam("id")))));
        r.add(new Route(HandlerType.GET, "/v1/stats", ApiKeys.READ, (ctx, k) -> reads.stats(queue.commits() + erasures.get())));
        return List.copyOf(r);
    }

    /** A plain-text answer. */
    private record Text(String body, String contentType) {
    }

    private void serve(Route route, Context ctx) {
        long t0 = System.nanoTime();
        try {
            ApiKey key = route.scope() == null ? null : keys.check(ctx.header("Authorization"), route.scope());
            Object out = route.handler().handle(ctx, key);
            if (out instanceof Text t) {
                respond(ctx, t.contentType(), t.body().getBytes(StandardCharsets.UTF_8));
            } else {
                respond(ctx, "application/json", JSON.writeValueAsBytes(out));
            }
        } catch (Exception e) {
            fail(e, ctx, route.path());
        } finally {
            metrics.request(route.method().name(), route.path(), ctx.statusCode(), System.nanoTime() - t0);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} {} {} us", route.method(), route.path(), ctx.statusCode(),
                        (System.nanoTime() - t0) / 1000);
            }
        }
    }

    /**
     * Writes an answer straight to the response stream. {@code ctx.result(bytes)} would have Javalin
     * copy it through a fresh 32 KB buffer per response, which was a third of all the bytes the
     * server allocated under identify load (more young collections, so more calls waiting on one).
     */
    private static void respond(Context ctx, String contentType, byte[] body) throws IOException {
        ctx.contentType(contentType);
        ctx.outputStream().write(body);
    }

    /** The one place where errors become statuses. */
    private void fail(Exception e, Context ctx, String route) {
        Throwable t = e;
        if (t instanceof ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        int status;
        String code;
        String path = null;
        String message = t.getMessage();
        if (t instanceof ApiError a) {
            status = a.status();
            code = a.code();
            path = a.path();
        } else if (t instanceof IdemException.Suppressed) {
            status = 409;
            code = "suppressed";
        } else if (t instanceof IdemException.NotFound) {
            status = 404;
            code = "not_found";
        } else if (t instanceof IdemException.InvalidInput || t instanceof IdemException.Configuration) {
            status = 400;
            code = "invalid";
        } else if (t instanceof WriteQueue.Overloaded || t instanceof TimeoutException) {
            status = 503;
            code = "overloaded";
            message = "too many calls waiting; retry shortly";
            ctx.header("Retry-After", "1");
        } else if (t instanceof IdemException.Storage) {
            status = 503;
            code = "storage_unavailable";
            message = "the store is unavailable; retry shortly";
            LOG.warn("{} {}: storage failure: {}", ctx.method(), route, Mask.text(t.getMessage()));
        } else if (t instanceof HttpResponseException h) {
            status = h.getStatus();
            code = status == 413 ? "too_large" : status == 404 ? "not_found" : status == 405 ? "method_not_allowed"
                    : "http_" + status;
            message = status == 413 ? "request body larger than " + options.limits().maxBodyBytes() + " bytes"
                    : status == 404 ? "no such endpoint; see /openapi.json" : h.getMessage();
        } else {
            status = 500;
            code = "internal";
            message = "internal error";
            LOG.error("{} {}: {}: {}", ctx.method(), route, t.getClass().getName(), Mask.text(t.getMessage()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (path != null) {
            body.put("path", path);
        }
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException ex) {
            ctx.status(status).result(code);
        }
    }

    // ------------------------------------------------------------------ handlers

    private Object erase(String id, ApiKey key) {
        try {
            return engine.erase(id, "api:" + key.name(), options.rejects());
        } finally {
            erasures.incrementAndGet(); // even a failed erasure may have changed the store
        }
    }

    private Object health() {
        engine.store().liveProfileId("health-check");
        return Map.of("status", "ok", "write_queue", queue.size());
    }

    private JsonNode body(Context ctx) {
        byte[] bytes = readLimited(ctx);
        if (bytes.length == 0) {
            throw ApiError.invalid("$", "empty body: expected a JSON object");
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiError.invalid("$", "invalid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the body, refusing (413) past the limit whatever the declared length. */
    private byte[] readLimited(Context ctx) {
        int max = options.limits().maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw new ApiError(413, "too_large", null, "request body larger than " + max + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // the usual case: read exactly what was declared (the server delivers no more), into
                // one array; readNBytes(max + 1) would fill and copy 8 KB chunks for every call
                byte[] bytes = new byte[(int) declared];
                int n = in.readNBytes(bytes, 0, bytes.length);
                if (n < bytes.length) {
                    throw ApiError.invalid("$", "the body ended after " + n + " of " + declared + " bytes");
                }
                return bytes;
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new ApiError(413, "too_large", null, "request body larger than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw ApiError.invalid("$", "cannot read the body: " + e.getMessage());
        }
    }

    private Object write(Context ctx, ApiKey key, Calls.Type type) throws Exception {
        SourceRecord r = calls.parse(type, body(ctx), "$", key.source(), System.currentTimeMillis());
        return result(commit(List.of(r)).get(0));
    }

    private Object batch(Context ctx, ApiKey key) throws Exception {
        JsonNode body = body(ctx);
        if (!body.isObject()) {
            throw ApiError.invalid("$", "expected a JSON object with a 'batch' array");
        }
        for (var it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!List.of("batch", "context", "sentAt", "writeKey", "integrations", "_metadata").contains(f)) {
                throw ApiError.invalid("$." + f, "unknown field '" + f + "' in a batch");
            }
        }
        JsonNode items = body.get("batch");
        if (items == null || !items.isArray()) {
            throw ApiError.invalid("$.batch", "expected an array of calls");
        }
        if (items.size() == 0 || items.size() > options.limits().maxBatch()) {
            throw ApiError.invalid("$.batch", "a batch holds 1 to " + options.limits().maxBatch() + " calls, got "
                    + items.size());
        }
        long now = System.currentTimeMillis();
        List<SourceRecord> records = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = "$.batch[" + i + "]";
            JsonNode item = items.get(i);
            JsonNode type = item.isObject() ? item.get("type") : null;
            Calls.Type t = type != null && type.isTextual() ? Calls.Type.parse(type.asText()) : null;
            if (t == null) {
                throw ApiError.invalid(path + ".type", "expected identify, track or alias");
            }
            records.add(calls.parse(t, item, path, key.source(), now));
        }
        List<WriteResult> out = new ArrayList<>();
        for (Resolution r : commit(records)) {
            out.add(result(r));
        }
        return Map.of("results", out);
    }

    private List<Resolution> commit(List<SourceRecord> records) throws Exception {
        // refused before the queue, so one erased person's call never fails the calls committed with it
        for (SourceRecord r : records) {
            if (engine.suppresses(r)) {
                throw new IdemException.Suppressed("the call carries an identifier of an erased person;"
                        + " nothing was stored");
            }
        }
        return queue.submit(records).get(30, TimeUnit.SECONDS);
    }

    private static WriteResult result(Resolution r) {
        return new WriteResult(r.profileId(), r.effect().name().toLowerCase(java.util.Locale.ROOT), r.key().source(),
                r.key().recordId());
    }

    private Object find(Context ctx) {
        Map<String, List<String>> params = ctx.queryParamMap();
        if (params.size() != 1) {
            throw ApiError.invalid("$.query", "give exactly one of " + String.join(", ", LOOKUP_PARAMS.keySet()));
        }
        String name = params.keySet().iterator().next();
        FieldKind kind = LOOKUP_PARAMS.get(name);
        if (kind == null) {
            throw ApiError.invalid("$.query." + name, "unknown parameter; give one of "
                    + String.join(", ", LOOKUP_PARAMS.keySet()));
        }
        List<String> values = params.get(name);
        if (values.size() != 1 || values.get(0).length() > options.limits().maxStringLength()) {
            throw ApiError.invalid("$.query." + name, "give one value of at most " + options.limits().maxStringLength()
                    + " characters");
        }
        List<String> ids = reads.find(kind, values.get(0), name);
        if (ids.isEmpty()) {
            throw new IdemException.NotFound("no profile with that " + name);
        }
        List<Object> profiles = new ArrayList<>();
        for (String id : ids) {
            profiles.add(reads.profile(reads.current(id)));
        }
        return Map.of("profiles", profiles);
    }

    private static Map<String, FieldKind> lookupParams() {
        Map<String, FieldKind> m = new LinkedHashMap<>();
        for (FieldKind k : List.of(FieldKind.EMAIL, FieldKind.PHONE, FieldKind.DOCUMENT, FieldKind.LOYALTY_ID,
                FieldKind.CUSTOMER_ID, FieldKind.DEVICE_ID, FieldKind.SOCIAL_ID)) {
            m.put(k.key(), k);
        }
        return m;
    }

    private static byte[] resource(String name) {
        try (InputStream in = Server.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops accepting requests, commits what is queued, then stops. The engine stays open. */
    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        queue.close();
    }
}
