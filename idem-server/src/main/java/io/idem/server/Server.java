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
import io.idem.core.match.MatchConfig;
import io.idem.core.model.FieldKind;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import io.idem.core.normalize.Placeholders;
import io.idem.core.store.ApiKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API over one engine. Thin: each handler parses, calls the engine (writes through the
 * group-commit {@link WriteQueue}, reads from the store) and maps the answer to JSON; every error is
 * mapped to a status in {@link #fail}. Logs name the route template and status, never a path,
 * query or body, so no identifier reaches them.
 *
 * <p>Threads: requests arrive on the {@link HttpFront}'s selector thread. Write calls (identify,
 * track, alias, batch) are parsed there and handed to the group commit, which answers them when
 * their batch is durable; nothing on that path blocks. Everything else (lookups, timelines,
 * erasure, stats), which reads the store and may take long, runs on a small pool of worker threads.
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
     * @param settingsFile reads the fuzzy matching settings file the server was started with, again
     *     at each call that asks ({@code GET /v1/settings}, {@code POST /v1/rematch}); {@code null}: no
     *     file, the engine's settings are the only ones
     */
    public record Options(String host, int port, String region, Placeholders placeholders, Limits limits,
            java.nio.file.Path rejects, java.util.function.Supplier<MatchConfig> settingsFile) {
        public static Options defaults() {
            return new Options("127.0.0.1", 7070, "AR", Placeholders.defaults(), Limits.defaults(), null, null);
        }

        public Options withPort(int p) {
            return new Options(host, p, region, placeholders, limits, rejects, settingsFile);
        }

        public Options withHost(String h) {
            return new Options(h, port, region, placeholders, limits, rejects, settingsFile);
        }

        public Options withRegion(String r) {
            return new Options(host, port, r, placeholders, limits, rejects, settingsFile);
        }

        public Options withPlaceholders(Placeholders p) {
            return new Options(host, port, region, p, limits, rejects, settingsFile);
        }

        public Options withRejects(java.nio.file.Path dir) {
            return new Options(host, port, region, placeholders, limits, dir, settingsFile);
        }

        public Options withSettingsFile(java.util.function.Supplier<MatchConfig> file) {
            return new Options(host, port, region, placeholders, limits, rejects, file);
        }
    }

    /**
     * One route: method, path template, the key scope it needs (null: open), whether it is served on
     * the selector thread (it must not block: it may return a {@link CompletableFuture}) and its
     * handler.
     */
    record Route(String method, String path, String scope, boolean inline, RouteHandler handler) {
        /** The template's segments, e.g. {@code [v1, profiles, {id}]}. */
        List<String> segments() {
            return List.of(path.substring(1).split("/"));
        }
    }

    @FunctionalInterface
    interface RouteHandler {
        Object handle(Call call, ApiKey key) throws Exception;
    }

    /** What a handler sees of a request: path parameters, query, headers and body. */
    record Call(HttpFront.Exchange exchange, Map<String, String> pathParams) {
        String pathParam(String name) {
            return pathParams.get(name);
        }

        String header(String name) {
            return exchange.header(name);
        }

        byte[] body() {
            return exchange.body;
        }

        /** The query parameters, percent-decoded, in order; a malformed query is a 400. */
        Map<String, List<String>> queryParamMap() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            String q = exchange.rawQuery;
            if (q == null || q.isEmpty()) {
                return out;
            }
            for (String pair : q.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            return out;
        }
    }

    /** Percent-decodes a path segment or (with {@code plus}) a query component; malformed is a 400. */
    static String decode(String raw, boolean plus) {
        if (raw.indexOf('%') < 0 && (!plus || raw.indexOf('+') < 0)) {
            return raw;
        }
        try {
            return URLDecoder.decode(plus ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("$.path", "malformed percent-encoding");
        }
    }

    /** The answer to a write call. */
    record WriteResult(String profileId, String status, String source, String recordId) {
    }

    private static final Map<String, FieldKind> LOOKUP_PARAMS = lookupParams();
    /**
     * Lookups (a profile by identifier or by id) on the embedded store are served on the selector
     * thread: a hand-off to a worker and back tripled their p99 (BENCHMARKS.md). A lookup that took longer than this there
     * (a profile of thousands of records: every app event is one) is remembered and served by the
     * workers from then on, so it holds up the other calls once at most.
     */
    private static final long SLOW_LOOKUP_NANOS = 2_000_000;
    private static final int MAX_SLOW_LOOKUPS = 10_000;
    /**
     * Lookups go to the workers while inline ones take this long on average (a moving average over
     * about the last eight): right after start the lookup code is not compiled yet, and on a busy
     * machine a lookup can take milliseconds; served inline, they held up every other call (identify
     * p99 137 ms, lookups up to 1 s, in the first seconds of 4,000 identify and 1,000 lookup calls a
     * second). One lookup in {@link #INLINE_PROBE} still runs inline to see whether they got fast.
     * 1 ms (property {@code idem.http.inline.budget.us}): with 0.5 ms, lookups alone at 1,000/s
     * flapped between the selector and the workers (p99 2.69 ms against 1.53 ms with 1 ms, one
     * connection), and the mixed load was no better.
     */
    private static final long INLINE_BUDGET_NANOS = Long.getLong("idem.http.inline.budget.us", 1_000) * 1000L;
    private static final int INLINE_PROBE = 32;
    /**
     * How long a write call may wait in the queue before it is answered 503 (nothing stored, to be
     * sent again): while the engine is busy for long (a rematch), calls wait here. One the writer
     * has taken is written and answered however long that takes, so a 503 never hides a stored call.
     */
    private final long writeTimeoutMillis = Long.getLong("idem.http.write.timeout.ms", 30_000);

    private final Engine engine;
    private final Options options;
    private final WriteQueue queue;
    private final Calls calls;
    private final Reads reads;
    private final ApiKeys keys;
    private final Metrics metrics = new Metrics();
    /** Whether a {@code POST /v1/rematch} is running (one at a time). */
    private final java.util.concurrent.atomic.AtomicBoolean rematching = new java.util.concurrent.atomic.AtomicBoolean();
    /** Erasures answered, for {@link Reads#stats}: with the commits, every change this server makes. */
    private final java.util.concurrent.atomic.AtomicLong erasures = new java.util.concurrent.atomic.AtomicLong();
    private final List<Route> routes;
    private final byte[] openapi;
    /** Routes by their number of path segments. */
    private final Map<Integer, List<Route>> routesBySize = new java.util.HashMap<>();
    /** Lookups, timelines, erasures, stats: anything that reads the store or may take long. */
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "idem-http-worker");
        t.setDaemon(true);
        return t;
    });
    private HttpFront front;
    /** Lookups (path and query) that were slow on the selector thread; see {@link #SLOW_LOOKUP_NANOS}. */
    private final java.util.Set<String> slowLookups = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Lookups that would have waited for acknowledged writes on the selector thread. */
    private final java.util.concurrent.atomic.AtomicLong lookupsWaiting = new java.util.concurrent.atomic.AtomicLong();
    /** Lookups served by a worker rather than the selector thread, for any reason. */
    private final java.util.concurrent.atomic.AtomicLong lookupsOnWorkers = new java.util.concurrent.atomic.AtomicLong();
    /** Moving average of inline lookups' time, and lookups seen; the selector thread's alone. */
    private long inlineLookupNanos;
    private long lookupsSeen;

    private Server(Engine engine, Options options) {
        this.engine = engine;
        this.options = options;
        Normalizers normalizers = new Normalizers(options.region()).withAnonymousNames(options.placeholders().names());
        this.queue = new WriteQueue(engine, 20_000, 2_000, "api:");
        this.calls = new Calls(normalizers, options.limits());
        this.reads = new Reads(engine.store(), options.placeholders(), normalizers, engine);
        this.keys = new ApiKeys(engine.store());
        this.routes = routes();
        for (Route r : routes) {
            routesBySize.computeIfAbsent(r.segments().size(), k -> new ArrayList<>()).add(r);
        }
        this.openapi = resource("openapi.json");
        metrics.counter("idem_profiles_created_total", () -> engine.counters()[0]);
        metrics.counter("idem_profiles_merged_total", () -> engine.counters()[1]);
        metrics.counter("idem_write_commits_total", queue::commits);
        metrics.counter("idem_write_records_total", queue::committedRecords);
        metrics.counter("idem_store_transactions_total", engine::asyncTransactions);
        metrics.counter("idem_http_lookups_waiting_total", lookupsWaiting::get);
        metrics.counter("idem_http_lookups_on_workers_total", lookupsOnWorkers::get);
        metrics.gauge("idem_write_queue_size", queue::size);
        engine.store().gauges().forEach((name, value) -> metrics.gauge("idem_store_" + name, value));
    }

    /** Starts a server; port 0 picks a free port (see {@link #port()}). */
    public static Server start(Engine engine, Options options) {
        Server s = new Server(engine, options);
        try {
            s.front = new HttpFront(options.host(), options.port(), options.limits().maxBodyBytes(), s::dispatch,
                    Server::errorBody);
        } catch (IOException e) {
            s.queue.close();
            s.workers.shutdown();
            throw new IdemException.Configuration("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage());
        }
        LOG.info("idem API listening on http://{}:{}", options.host(), s.front.port());
        return s;
    }

    public int port() {
        return front.port();
    }

    /** The routes served, as {@code METHOD path} (for the OpenAPI test). */
    public List<String> routeNames() {
        return routes.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    private List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/health", null, false, (c, k) -> health()));
        r.add(new Route("GET", "/metrics", null, false, (c, k) -> new Text(metrics.render(),
                "text/plain; version=0.0.4; charset=utf-8")));
        r.add(new Route("GET", "/openapi.json", null, true, (c, k) -> new Text(
                new String(openapi, StandardCharsets.UTF_8), "application/json")));
        r.add(new Route("POST", "/v1/identify", ApiKeys.WRITE, true, (c, k) -> write(c, k, Calls.Type.IDENTIFY)));
        r.add(new Route("POST", "/v1/track", ApiKeys.WRITE, true, (c, k) -> write(c, k, Calls.Type.TRACK)));
        r.add(new Route("POST", "/v1/alias", ApiKeys.WRITE, true, (c, k) -> write(c, k, Calls.Type.ALIAS)));
        r.add(new Route("POST", "/v1/batch", ApiKeys.WRITE, true, this::batch));
        // lookups on the selector thread only on the embedded store: a server database is a network
        // round trip or several away, and the selector thread must never wait on the network
        boolean inlineLookups = !engine.store().sharedAcrossProcesses();
        r.add(new Route("GET", "/v1/profiles", ApiKeys.READ, inlineLookups, (c, k) -> find(c)));
        r.add(new Route("GET", "/v1/profiles/{id}", ApiKeys.READ, inlineLookups,
                (c, k) -> reads.profile(reads.locate(c.pathParam("id")))));
        r.add(new Route("DELETE", "/v1/profiles/{id}", ApiKeys.WRITE, false,
                (c, k) -> erase(c.pathParam("id"), k)));
        r.add(new Route("GET", "/v1/profiles/{id}/timeline", ApiKeys.READ, false, (c, k) -> {
            Reads.Located p = reads.locate(c.pathParam("id"));
            return Map.of("profile_id", p.liveId(), "items", reads.timeline(p));
        }));
        r.add(new Route("GET", "/v1/profiles/{id}/explain", ApiKeys.READ, false,
                (c, k) -> reads.explain(reads.locate(c.pathParam("id")))));
        r.add(new Route("GET", "/v1/stats", ApiKeys.READ, false, (c, k) -> reads.stats(queue.commits() + erasures.get())));
        r.add(new Route("GET", "/v1/reviews", ApiKeys.READ, false, (c, k) -> reviews(c)));
        r.add(new Route("GET", "/v1/settings", ApiKeys.READ, false, (c, k) -> settings()));
        r.add(new Route("POST", "/v1/rematch", ApiKeys.WRITE, false, this::rematch));
        r.add(new Route("POST", "/v1/reviews/decisions", ApiKeys.WRITE, false, (c, k) -> Map.of("decided", decide(decisions(c), k))));
        r.add(new Route("POST", "/v1/reviews/{id}/accept", ApiKeys.WRITE, false, (c, k) -> decide(List.of(
                new Engine.ReviewDecision(c.pathParam("id"), io.idem.core.store.PairReview.ACCEPTED)), k).get(0)));
        r.add(new Route("POST", "/v1/reviews/{id}/reject", ApiKeys.WRITE, false, (c, k) -> decide(List.of(
                new Engine.ReviewDecision(c.pathParam("id"), io.idem.core.store.PairReview.REJECTED)), k).get(0)));
        return List.copyOf(r);
    }

    /** A plain-text answer. */
    private record Text(String body, String contentType) {
    }

    /** Finds the route of a request (404, or 405 when the path exists with other methods) and serves it. */
    private void dispatch(HttpFront.Exchange ex) {
        long t0 = System.nanoTime();
        List<String> segments = new ArrayList<>();
        for (String seg : ex.rawPath.split("/")) {
            if (!seg.isEmpty()) { // multiple slashes count as one; a trailing slash is ignored
                segments.add(seg);
            }
        }
        Route found = null;
        Map<String, String> params = Map.of();
        boolean pathKnown = false;
        for (Route r : routesBySize.getOrDefault(segments.size(), List.of())) {
            Map<String, String> p = match(r, segments);
            if (p == null) {
                continue;
            }
            pathKnown = true;
            if (r.method().equals(ex.method)) {
                found = r;
                params = p;
                break;
            }
        }
        if (found == null) {
            String template = pathKnown ? "matched" : "unmatched";
            Call call = new Call(ex, Map.of());
            fail(pathKnown ? new ApiError(405, "method_not_allowed", null, ex.method + " is not allowed here")
                    : new ApiError(404, "not_found", null, "no such endpoint; see /openapi.json"), call, ex.method,
                    template, t0);
            return;
        }
        Route route = found;
        Call call;
        try {
            call = new Call(ex, decodeParams(params));
        } catch (ApiError e) {
            fail(e, new Call(ex, Map.of()), ex.method, route.path(), t0);
            return;
        }
        // a key not yet seen is looked up in the store: not on the selector thread
        boolean lookup = route.method().equals("GET") && route.path().startsWith("/v1/profiles");
        String lookupKey = lookup ? ex.rawPath + "?" + ex.rawQuery : null;
        if (route.inline() && (route.scope() == null || keys.known(call.header("Authorization")))
                && (!lookup || inlineLookup(lookupKey))) {
            if (!lookup) {
                serve(route, call, t0);
                return;
            }
            long start = System.nanoTime();
            if (!engine.store().readWithoutWaiting(() -> serve(route, call, t0))) {
                // it would have waited for acknowledged writes SQLite does not have yet: the selector
                // thread never waits (every connection would), a worker does
                lookupsWaiting.incrementAndGet();
                lookupsOnWorkers.incrementAndGet();
                toWorkers(route, call, ex, t0);
            }
            long took = System.nanoTime() - start;
            inlineLookupNanos += (took - inlineLookupNanos) / 8;
            if (took > SLOW_LOOKUP_NANOS && slowLookups.size() < MAX_SLOW_LOOKUPS) {
                slowLookups.add(lookupKey);
            }
        } else {
            if (lookup) {
                lookupsOnWorkers.incrementAndGet();
            }
            toWorkers(route, call, ex, t0);
        }
    }

    /** Whether this lookup runs on the selector thread (see {@link #INLINE_BUDGET_NANOS}). */
    private boolean inlineLookup(String lookupKey) {
        if (slowLookups.contains(lookupKey)) {
            return false;
        }
        return inlineLookupNanos < INLINE_BUDGET_NANOS || ++lookupsSeen % INLINE_PROBE == 0;
    }

    private void toWorkers(Route route, Call call, HttpFront.Exchange ex, long t0) {
        try {
            workers.execute(() -> serve(route, call, t0));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            fail(new WriteQueue.Overloaded("shutting down"), call, ex.method, route.path(), t0);
        }
    }

    /** The path parameters of a route for these segments (still encoded), or {@code null}. */
    private static Map<String, String> match(Route r, List<String> segments) {
        List<String> template = r.segments();
        Map<String, String> params = null;
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{")) {
                if (params == null) {
                    params = new java.util.HashMap<>(2);
                }
                params.put(t.substring(1, t.length() - 1), segments.get(i));
            } else if (!t.equals(segments.get(i))) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static Map<String, String> decodeParams(Map<String, String> raw) {
        if (raw.isEmpty()) {
            return raw;
        }
        Map<String, String> out = new java.util.HashMap<>(2);
        raw.forEach((k, v) -> {
            String value = decode(v, false);
            if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                throw ApiError.invalid("$.path", "control characters in the path");
            }
            out.put(k, value);
        });
        return out;
    }

    private void serve(Route route, Call call, long t0) {
        try {
            ApiKey key = route.scope() == null ? null : keys.check(call.header("Authorization"), route.scope());
            Object out = route.handler().handle(call, key);
            if (out instanceof CompletableFuture<?> pending) {
                pending.whenComplete((value, error) -> {
                    if (error != null) {
                        fail(error, call, route.method(), route.path(), t0);
                    } else {
                        answer(route, call, value, t0);
                    }
                });
            } else {
                answer(route, call, out, t0);
            }
        } catch (IdemException.WouldWait e) {
            throw e; // from a read before anything was answered: the caller runs the call on a worker
        } catch (Exception e) {
            fail(e, call, route.method(), route.path(), t0);
        }
    }

    private void answer(Route route, Call call, Object out, long t0) {
        try {
            if (out instanceof Text t) {
                respond(call, route.method(), route.path(), 200, t.contentType(), t.body().getBytes(StandardCharsets.UTF_8),
                        t0);
            } else {
                respond(call, route.method(), route.path(), 200, "application/json", JSON.writeValueAsBytes(out), t0);
            }
        } catch (JsonProcessingException e) {
            fail(e, call, route.method(), route.path(), t0);
        }
    }

    private void respond(Call call, String method, String route, int status, String contentType, byte[] body, long t0,
            String... extra) {
        call.exchange().respond(status, contentType, body, extra);
        long took = System.nanoTime() - t0;
        metrics.request(method, route, status, took);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} {} us", method, route, status, took / 1000);
        }
    }

    /** The body of an error answer: {@code {"error": code, "message": ...}}. */
    static byte[] errorBody(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The one place where errors become statuses. */
    private void fail(Throwable e, Call call, String method, String route, long t0) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        int status;
        String code;
        String path = null;
        String message = t.getMessage();
        String[] extra = {};
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
        } else if (t instanceof WriteQueue.Overloaded || t instanceof WriteQueue.TimedOut
                || t instanceof TimeoutException) {
            status = 503;
            code = "overloaded";
            message = t instanceof WriteQueue.TimedOut
                    ? "the engine was busy for too long (a rematch, a long batch): nothing of the call was stored;"
                            + " retry shortly"
                    : "too many calls waiting; retry shortly";
            extra = new String[] {"Retry-After", "1"};
        } else if (t instanceof IdemException.Storage) {
            status = 503;
            code = "storage_unavailable";
            message = "the store is unavailable; retry shortly";
            LOG.warn("{} {}: storage failure: {}", method, route, Mask.text(t.getMessage()));
        } else {
            status = 500;
            code = "internal";
            message = "internal error";
            LOG.error("{} {}: {}: {}", method, route, t.getClass().getName(), Mask.text(t.getMessage()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (path != null) {
            body.put("path", path);
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException ex) {
            bytes = code.getBytes(StandardCharsets.UTF_8);
        }
        respond(call, method, route, status, "application/json", bytes, t0, extra);
    }

    // ------------------------------------------------------------------ handlers

    private Object erase(String id, ApiKey key) {
        try {
            return engine.erase(id, "api:" + key.name(), options.rejects());
        } finally {
            erasures.incrementAndGet(); // even a failed erasure may have changed the store
        }
    }

    /**
     * The review queue, most likely first: {@code limit} (default 50, at most 1,000) pairs, with
     * {@code evidence=true} only those with evidence beyond their names.
     */
    private Object reviews(Call call) {
        Map<String, List<String>> params = call.queryParamMap();
        for (String name : params.keySet()) {
            if (!name.equals("limit") && !name.equals("evidence")) {
                throw ApiError.invalid("$.query." + name, "unknown parameter; give limit or evidence");
            }
        }
        int limit = 50;
        if (params.containsKey("limit")) {
            String v = params.get("limit").get(0);
            try {
                limit = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiError.invalid("$.query.limit", "a number from 1 to 1000, not '" + v + "'");
            }
        }
        boolean evidence = false;
        if (params.containsKey("evidence")) {
            String v = params.get("evidence").get(0);
            if (!v.equals("true") && !v.equals("false")) {
                throw ApiError.invalid("$.query.evidence", "true or false, not '" + v + "'");
            }
            evidence = v.equals("true");
        }
        List<io.idem.core.store.PairReview> all = engine.openReviews();
        List<Map<String, Object>> items = new ArrayList<>();
        int open = 0;
        for (io.idem.core.store.PairReview r : all) {
            if (evidence && io.idem.core.match.Score.namesOnly(r.reason())) {
                continue;
            }
            open++;
            if (items.size() < limit) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", r.id());
                item.put("score", r.score());
                item.put("a", side(r.a()));
                item.put("b", side(r.b()));
                item.put("reason", r.reason());
                items.add(item);
            }
        }
        return Map.of("open", open, "items", items);
    }

    /** A record of a pair and its profile now (from the store: the resolver is the write path's). */
    private Map<String, Object> side(io.idem.core.model.RecordKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", key.source());
        out.put("record_id", key.recordId());
        out.put("profile_id", engine.store().record(key).map(io.idem.core.store.StoredRecord::profileId).orElse(null));
        return out;
    }

    /** {@code {"decisions": [{"id": "R...", "decision": "accept" | "reject"}, ...]}}, at most 10,000. */
    private List<Engine.ReviewDecision> decisions(Call call) {
        JsonNode list = body(call).get("decisions");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiError.invalid("$.decisions", "expected a non-empty array of {\"id\", \"decision\"}");
        }
        if (list.size() > 10_000) {
            throw ApiError.invalid("$.decisions", "at most 10000 decisions per call, not " + list.size());
        }
        List<Engine.ReviewDecision> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode d = list.get(i);
            String at = "$.decisions[" + i + "]";
            JsonNode id = d.get("id");
            JsonNode decision = d.get("decision");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                throw ApiError.invalid(at + ".id", "expected a review id");
            }
            if (decision == null || !decision.isTextual()
                    || !decision.asText().equals("accept") && !decision.asText().equals("reject")) {
                throw ApiError.invalid(at + ".decision", "expected \"accept\" or \"reject\"");
            }
            out.add(new Engine.ReviewDecision(id.asText(), decision.asText().equals("accept")
                    ? io.idem.core.store.PairReview.ACCEPTED : io.idem.core.store.PairReview.REJECTED));
        }
        return out;
    }

    /**
     * Decisions as one durable change ({@link Engine#decideReviews}): each with the profiles of its
     * records after the whole call and the open pairs its rejection settled too. An unknown id is
     * 404 and nothing is decided.
     */
    private List<Map<String, Object>> decide(List<Engine.ReviewDecision> decisions, ApiKey key) {
        List<Engine.ReviewOutcome> outcomes;
        try {
            outcomes = engine.decideReviews(decisions);
        } finally {
            erasures.incrementAndGet(); // the profiles may have changed: stats are computed again
        }
        List<Map<String, Object>> decided = new ArrayList<>();
        for (Engine.ReviewOutcome o : outcomes) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", o.decided().id());
            item.put("status", o.decided().status());
            item.put("a", side(o.decided().a()));
            item.put("b", side(o.decided().b()));
            item.put("also_rejected", o.alsoRejected().stream().map(io.idem.core.store.PairReview::id).toList());
            decided.add(item);
        }
        LOG.info("{} review decisions by api:{}", decided.size(), key.name());
        return decided;
    }

    /**
     * The fuzzy matching settings the server resolves under ({@code applied}), those its settings
     * file holds now ({@code file}, or {@code file_error} when it cannot be used), and whether the two
     * differ ({@code pending}: {@code POST /v1/rematch} applies the file to the whole base).
     */
    private Object settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        MatchConfig applied = engine.config().match();
        out.put("applied", applied.settings());
        MatchConfig file = null;
        String error = null;
        if (options.settingsFile() != null) {
            try {
                file = options.settingsFile().get();
            } catch (IdemException.Configuration e) {
                error = e.getMessage();
            }
        }
        out.put("file", file == null ? null : file.settings());
        if (error != null) {
            out.put("file_error", error);
        }
        out.put("pending", file != null && !file.equals(applied));
        out.put("rematch_running", rematching.get());
        return out;
    }

    /**
     * Applies the settings file to the whole base ({@link Engine#rematch(io.idem.core.ingest.Importer.Progress,
     * boolean, MatchConfig)}), or with {@code {"dry_run": true}} says what that would change; a dry run
     * may try {@code "settings"} of its own instead of the file's. The engine is held for the whole
     * run: write calls wait for it (or time out with 503 and are retried).
     */
    private Object rematch(Call call, ApiKey key) {
        if (!key.source().isEmpty()) {
            throw new ApiError(403, "forbidden", null, "this API key writes for source '" + key.source()
                    + "' only; a rematch recomputes every source's profiles");
        }
        boolean dryRun = false;
        MatchConfig tried = null;
        if (call.body().length > 0) {
            JsonNode body = body(call);
            if (!body.isObject()) {
                throw ApiError.invalid("$", "expected a JSON object: {\"dry_run\": true|false, \"settings\": {...}}");
            }
            for (var it = body.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!f.equals("dry_run") && !f.equals("settings")) {
                    throw ApiError.invalid("$." + f, "unknown field '" + f + "'; give dry_run or settings");
                }
            }
            JsonNode d = body.get("dry_run");
            if (d != null && !d.isBoolean()) {
                throw ApiError.invalid("$.dry_run", "expected true or false");
            }
            dryRun = d != null && d.asBoolean();
            if (body.has("settings")) {
                if (!dryRun) {
                    throw ApiError.invalid("$.settings", "settings of a call are tried in a dry run only"
                            + " (\"dry_run\": true); to apply settings, write them to the settings file and rematch");
                }
                tried = triedSettings(body.get("settings"));
            }
        }
        MatchConfig target = tried != null ? tried : fileSettings();
        if (!rematching.compareAndSet(false, true)) {
            throw new ApiError(409, "conflict", null, "a rematch is running; call again when it is done");
        }
        Engine.RematchReport report;
        try {
            report = engine.rematch((rows, bytes, total) -> { }, dryRun, target);
        } finally {
            rematching.set(false);
            erasures.incrementAndGet(); // profiles may have changed: stats are computed again
        }
        LOG.info("rematch{} by api:{}: {} records, {} moved, {} ms", dryRun ? " (dry run)" : "", key.name(),
                report.records(), report.recordsMoved(), report.millis());
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.valueToTree(report);
        out.set("settings", JSON.valueToTree(target.settings()));
        return out;
    }

    /** The settings file's settings ({@code 422} when it cannot be used), or without a file the engine's own. */
    private MatchConfig fileSettings() {
        if (options.settingsFile() == null) {
            return engine.config().match();
        }
        try {
            return options.settingsFile().get();
        } catch (IdemException.Configuration e) {
            throw new ApiError(422, "invalid_settings", null, "the server's settings file cannot be used: "
                    + e.getMessage());
        }
    }

    /** {@code {"fuzzy": true|false|"on"|"off", "match_threshold": p, "review_threshold": p}}, validated. */
    private static MatchConfig triedSettings(JsonNode settings) {
        if (settings == null || !settings.isObject()) {
            throw ApiError.invalid("$.settings", "expected an object such as {\"match_threshold\": 0.9}");
        }
        List<MatchConfig.Setting> given = new ArrayList<>();
        for (var it = settings.fields(); it.hasNext();) {
            var e = it.next();
            String at = "$.settings." + e.getKey();
            JsonNode v = e.getValue();
            String value;
            if (e.getKey().equals("fuzzy") && v.isBoolean()) {
                value = v.asBoolean() ? "on" : "off";
            } else if (e.getKey().endsWith("_threshold") && !v.isNumber()) {
                throw ApiError.invalid(at, "expected a number between 0 and 1 (exclusive)");
            } else if (v.isNumber() || v.isTextual()) {
                value = v.asText();
            } else {
                throw ApiError.invalid(at, "expected a number, true or false");
            }
            given.add(new MatchConfig.Setting(e.getKey(), value, at));
        }
        try {
            return MatchConfig.of(given, "$.settings");
        } catch (IdemException.Configuration e) {
            String m = e.getMessage();
            int colon = m.indexOf(": ");
            String path = m.startsWith("$.") && colon > 0 ? m.substring(0, colon) : "$.settings";
            throw ApiError.invalid(path, colon > 0 ? m.substring(colon + 2) : m);
        }
    }

    private Object health() {
        engine.store().liveProfileId("health-check");
        return Map.of("status", "ok", "write_queue", queue.size());
    }

    private JsonNode body(Call call) {
        byte[] bytes = call.body(); // framed and size-checked (413) by HttpFront
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

    private Object write(Call call, ApiKey key, Calls.Type type) {
        SourceRecord r = calls.parse(type, body(call), "$", key.source(), System.currentTimeMillis());
        return commit(List.of(r)).thenApply(done -> result(done.get(0)));
    }

    private Object batch(Call call, ApiKey key) {
        JsonNode body = body(call);
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
        return commit(records).thenApply(done -> {
            List<WriteResult> out = new ArrayList<>();
            for (Resolution r : done) {
                out.add(result(r));
            }
            return Map.of("results", out);
        });
    }

    /** Queues records for the group commit; the future completes once they are durable. */
    private CompletableFuture<List<Resolution>> commit(List<SourceRecord> records) {
        // refused before the queue, so one erased person's call never fails the calls committed with it
        for (SourceRecord r : records) {
            if (engine.suppresses(r)) {
                throw new IdemException.Suppressed("the call carries an identifier of an erased person;"
                        + " nothing was stored");
            }
        }
        return queue.submit(records, writeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private static WriteResult result(Resolution r) {
        return new WriteResult(r.profileId(), r.effect().name().toLowerCase(java.util.Locale.ROOT), r.key().source(),
                r.key().recordId());
    }

    private Object find(Call call) {
        Map<String, List<String>> params = call.queryParamMap();
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
        if (front != null) {
            front.close();
        }
        queue.close();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
