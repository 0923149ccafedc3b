package io.idem.core;

import io.idem.core.ingest.ImportRequest;
import io.idem.core.match.MatchConfig;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.privacy.DigestIndex;
import io.idem.core.privacy.HashedInput;
import io.idem.core.privacy.PlaceholderDigests;
import io.idem.core.privacy.RejectFiles;
import io.idem.core.privacy.Suppression;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.Erasure;
import io.idem.core.store.LogEntry;
import io.idem.core.store.StoredRecord;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import io.idem.core.ingest.ImportResult;
import io.idem.core.ingest.Importer;
import io.idem.core.normalize.Normalizers;
import io.idem.core.resolve.Resolver;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ChangeFeed;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.PairReview;
import io.idem.core.store.Store;
import io.idem.core.model.RecordKey;
import io.idem.core.resolve.PairExplanation;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine over one store: loads what resolution needs from the store once, then resolves
 * imports. One writer at a time (methods that change data are synchronized).
 */
public final class Engine implements AutoCloseable {
    private final Store store;
    /** Changed only by {@link #rematch(Importer.Progress, boolean, MatchConfig)}; read without the lock. */
    private volatile ResolverConfig config;
    private Resolver resolver;
    /** Room kept in the resolver's indexes beyond what is stored (see {@link #open(Store, ResolverConfig, int)}). */
    private int reserveRecords;
    private Suppression suppression;
    /** Hashed identifiers waiting for a plain value with their digest (see {@link #importFile}). */
    private Set<String> pendingDigests = new HashSet<>();
    /** The pipeline of {@link #resolveAsync}: the last write queued, and whether one failed. */
    private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);
    private volatile boolean commitFailed;
    /** Memory holds state the store does not (a dry run's): reloaded at the next {@link #settle}. */
    private boolean discarded;
    private java.util.concurrent.ExecutorService committer;
    /** Resolved calls waiting for the committer thread, which writes all of them in one transaction. */
    private final java.util.concurrent.ConcurrentLinkedQueue<PendingWrite> pendingWrites =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();

    private record PendingWrite(ChangeSet changes, List<Resolution> out, CompletableFuture<List<Resolution>> done) {
    }
    private final AtomicLong profilesCreated = new AtomicLong();
    /** Transactions the committer thread of {@link #resolveAsync} wrote. */
    private final AtomicLong asyncTransactions = new AtomicLong();
    private final AtomicLong profilesMerged = new AtomicLong();
    /** Keeps the resolver in step with what other processes sharing the store committed. */
    private final ChangeFeed feed = new ChangeFeed() {
        @Override
        public void record(KeyedRecord stored) {
            resolver.refresh(stored);
            resolver.forgetQueue(); // another process may have queued pairs too
        }

        @Override
        public void alias(String mergedAway, String survivor) {
            resolver.loadRetired(mergedAway);
        }

        @Override
        public void decision(PairReview decided) {
            resolver.loadDecision(decided);
            resolver.forgetQueue();
        }

        @Override
        public void erased(String profileId) {
            resolver.erase(resolver.recordsOf(profileId));
            // the erasing process already wrote the re-partition of what remained
            resolver.drain();
            resolver.drainCounters();
            suppression = Suppression.load(store);
        }
    };

    private Engine(Store store, ResolverConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Opens an engine over a store, loading its records. */
    public static Engine open(Store store, ResolverConfig config) {
        return open(store, config, 0);
    }

    /**
     * Opens an engine whose in-memory indexes have room for {@code reserveRecords} more records than
     * the store holds before they grow (see {@link Resolver#Resolver(ResolverConfig, int)}): what a
     * server taking calls wants, since a table that grows stops every call for as long as it takes.
     */
    public static Engine open(Store store, ResolverConfig config, int reserveRecords) {
        Engine e = new Engine(store, config);
        e.reserveRecords = reserveRecords;
        e.resolver = loadResolver(store, config, expected(store, reserveRecords));
        e.suppression = Suppression.load(store);
        e.pendingDigests = e.pendingDigests();
        return e;
    }

    /** Records the indexes should hold before growing: none reserved, or what is stored plus the reserve. */
    private static int expected(Store store, int reserveRecords) {
        return reserveRecords <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE / 8, store.recordCount() + (long) reserveRecords);
    }

    private static Resolver loadResolver(Store store, ResolverConfig config, int expected) {
        Resolver r = new Resolver(config, expected);
        io.idem.core.resolve.StoreLoader.load(store::scanKeys, r);
        store.scanAliases((old, survivor) -> r.loadRetired(old));
        r.finishLoading();
        for (PairReview review : store.decidedReviews()) {
            r.loadDecision(review);
        }
        return r;
    }

    public Store store() {
        return store;
    }

    public ResolverConfig config() {
        return config;
    }

    public synchronized ImportResult importFile(ImportRequest request, Normalizers normalizers,
            Importer.Progress progress) {
        return importFile(request, normalizers, progress, false);
    }

    /**
     * Imports a file; with {@code hashedInput} its e-mail, phone and document columns hold the
     * SHA-256 of the normalised value ({@link HashedInput}). A digest is replaced by the value idem
     * holds with that digest, so the row links like any other; an unknown digest stays as
     * {@code sha256:HEX} until a plain value with that digest arrives (from any later import or API
     * call), when the engine rewrites those records with it and resolves them again.
     */
    public synchronized ImportResult importFile(ImportRequest request, Normalizers normalizers,
            Importer.Progress progress, boolean hashedInput) {
        settle();
        long comparedBefore = resolver.comparisons();
        ImportResult result = store.exclusive(feed, () -> {
            Normalizers n = normalizers;
            if (hashedInput) {
                List<String> known = identifiers();
                known.addAll(PlaceholderDigests.candidates(config.placeholders()));
                DigestIndex index = DigestIndex.of(known);
                for (FieldKind kind : HashedInput.KINDS) {
                    n = n.with(kind, HashedInput.normalizer(kind, index));
                }
            }
            return new Importer(store, resolver, n, config.placeholders())
                    .suppressing(suppression::suppresses).run(request, progress);
        });
        // recomputed from memory (tens of milliseconds at a million records): also picks up hashed
        // records another process sharing the store wrote
        pendingDigests = pendingDigests();
        matchPendingDigests(null);
        if (!config.match().enabled()) {
            return result;
        }
        return result.withMatching(new ImportResult.Matching(true, resolver.comparisons() - comparedBefore,
                openReviews().size()));
    }

    /** Every identifier key some record carries. */
    private List<String> identifiers() {
        List<String> keys = new ArrayList<>();
        resolver.forEachIdentifier(keys::add);
        return keys;
    }

    /** The hashed identifiers ({@code kind:sha256:HEX}) no plain value has matched yet. */
    private Set<String> pendingDigests() {
        Set<String> pending = new HashSet<>();
        if (!resolver.mayHoldDigests()) {
            return pending;
        }
        resolver.forEachIdentifier(key -> {
            int colon = key.indexOf(':');
            if (HashedInput.isPending(key.substring(colon + 1))) {
                pending.add(key);
            }
        });
        return pending;
    }

    /**
     * Rewrites the records whose hashed identifiers now have a plain match and resolves them again.
     * {@code candidates}: the identifier keys just received, or {@code null} to check every
     * identifier idem holds (after an import: one SHA-256 per identifier, only while digests wait).
     */
    private void matchPendingDigests(List<String> candidates) {
        if (pendingDigests.isEmpty()) {
            return;
        }
        java.util.Map<String, String> hits = new java.util.TreeMap<>();
        if (candidates == null) {
            DigestIndex index = DigestIndex.of(identifiers());
            for (String p : pendingDigests) {
                int colon = p.indexOf(':');
                FieldKind kind = FieldKind.parse(p.substring(0, colon));
                String value = index.find(kind, p.substring(colon + 1 + HashedInput.PREFIX.length()));
                if (value != null) {
                    hits.put(p, value);
                }
            }
        } else {
            for (String key : candidates) {
                int colon = key.indexOf(':');
                String value = key.substring(colon + 1);
                String digestKey = key.substring(0, colon + 1) + HashedInput.PREFIX + HashedInput.sha256Hex(value);
                if (pendingDigests.contains(digestKey)) {
                    hits.put(digestKey, value);
                }
            }
        }
        if (hits.isEmpty()) {
            return;
        }
        java.util.Map<RecordKey, SourceRecord> rewritten = new java.util.TreeMap<>();
        for (java.util.Map.Entry<String, String> hit : hits.entrySet()) {
            int colon = hit.getKey().indexOf(':');
            FieldKind kind = FieldKind.parse(hit.getKey().substring(0, colon));
            String digest = hit.getKey().substring(colon + 1);
            for (RecordKey k : store.recordsWithIdentifier(new io.idem.core.model.Identifier(kind, digest))) {
                SourceRecord r = rewritten.containsKey(k) ? rewritten.get(k)
                        : store.record(k).map(sr -> sr.record()).orElse(null);
                if (r == null) {
                    continue;
                }
                List<Field> fields = new ArrayList<>(r.fields().size());
                for (Field f : r.fields()) {
                    fields.add(f.kind() == kind && digest.equals(f.normalized())
                            ? new Field(f.column(), f.kind(), f.raw(), hit.getValue(), null) : f);
                }
                rewritten.put(k, new SourceRecord(k, fields, r.ingestedAt()));
            }
        }
        pendingDigests.removeAll(hits.keySet());
        if (!rewritten.isEmpty()) {
            resolveRecords(new ArrayList<>(rewritten.values()), "hashed-input:");
        }
    }

    /**
     * Resolves records received one by one (from the API) and writes the outcome durably, as one
     * transaction: when this returns every record and its profile change is on disk. Records of one
     * call are resolved in order; a record id seen again replaces that record. The log names the
     * actor {@code actorPrefix + source}.
     *
     * @return one resolution per record, in order, with the record's profile after the whole call
     */
    public synchronized List<Resolution> resolve(List<SourceRecord> records, String actorPrefix) {
        settle();
        List<Resolution> out = resolveRecords(records, actorPrefix);
        if (!pendingDigests.isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (SourceRecord r : records) {
                for (io.idem.core.model.Identifier id : r.identifiers()) {
                    if (HashedInput.KINDS.contains(id.kind()) && !HashedInput.isPending(id.value())) {
                        keys.add(id.key());
                    }
                }
            }
            matchPendingDigests(keys);
        }
        return out;
    }

    private List<Resolution> resolveRecords(List<SourceRecord> records, String actorPrefix) {
        refuseSuppressed(records);
        try {
            return store.exclusive(feed, () -> {
                // again after catching up: another process sharing the store may have just erased
                // this person
                refuseSuppressed(records);
                List<Resolution.Effect> effects = upsertAll(records, actorPrefix);
                store.apply(resolver.drain());
                return resolutions(records, effects);
            });
        } catch (RuntimeException e) {
            // the store refused the change set: memory holds state the store does not; start again from the store
            resolver = loadResolver(store, config, expected(store, reserveRecords));
            throw e;
        }
    }

    /**
     * {@link #resolve} in two steps, for a caller that groups calls (the API's group commit): the
     * records are resolved in memory now, and their changes are written by one committer thread,
     * in order, while the caller goes on resolving the next calls; the future completes when they
     * are durable. A store shared by several processes resolves and writes under its lock, so there
     * the future is already complete when this returns. If a write fails, that call and every call
     * resolved after it fail, and the engine reloads its state from the store before going on.
     */
    public synchronized CompletableFuture<List<Resolution>> resolveAsync(List<SourceRecord> records,
            String actorPrefix) {
        if (store.sharedAcrossProcesses() || !pendingDigests.isEmpty()) {
            try {
                return CompletableFuture.completedFuture(resolve(records, actorPrefix));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        if (commitFailed) {
            settle();
        }
        List<Resolution> out;
        ChangeSet changes;
        try {
            refuseSuppressed(records);
            List<Resolution.Effect> effects = upsertAll(records, actorPrefix);
            changes = resolver.drain();
            out = resolutions(records, effects);
        } catch (IdemException.Suppressed e) {
            return CompletableFuture.failedFuture(e); // refused before anything changed
        } catch (RuntimeException e) {
            settle();
            resolver = loadResolver(store, config, expected(store, reserveRecords));
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<List<Resolution>> done = new CompletableFuture<>();
        pendingWrites.add(new PendingWrite(changes, out, done));
        // writes complete in the order they were queued, so waiting for the last waits for all
        lastCommit = done.handle((v, e) -> null);
        if (draining.compareAndSet(false, true)) {
            committer().execute(this::drainWrites);
        }
        return done;
    }

    /**
     * The committer thread's loop: takes every resolved call waiting and writes them in one
     * transaction (one fsync), in the order they were resolved; while it writes, the next calls are
     * resolved and wait. So the number of calls a commit carries follows the load by itself, and
     * the commit's fixed cost (the fsync, about half of it at a few calls a commit) is shared.
     */
    private void drainWrites() {
        while (true) {
            List<PendingWrite> batch = new ArrayList<>();
            PendingWrite p;
            while ((p = pendingWrites.poll()) != null) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                draining.set(false);
                // a write queued between the poll and the flag is picked up by whoever sets it again
                if (pendingWrites.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            if (commitFailed) {
                for (PendingWrite w : batch) {
                    w.done().completeExceptionally(new IdemException.Storage(
                            "an earlier write failed, so this call was not stored; send it again", null));
                }
                continue;
            }
            try {
                List<ChangeSet> all = new ArrayList<>(batch.size());
                for (PendingWrite w : batch) {
                    all.add(w.changes());
                }
                store.applyAll(all);
                asyncTransactions.incrementAndGet();
            } catch (RuntimeException e) {
                writeOneByOne(batch, e);
                continue;
            }
            for (PendingWrite w : batch) {
                w.done().complete(w.out());
            }
        }
    }

    /**
     * After a failed transaction of several calls (none of them stored): writes them one at a time,
     * so the calls before the failing one are stored and answered, and the failing one and every
     * call after it fail (the engine then reloads from the store), as if each had had its own commit.
     */
    private void writeOneByOne(List<PendingWrite> batch, RuntimeException failure) {
        int i = 0;
        if (batch.size() > 1) {
            failure = null;
            for (; i < batch.size(); i++) {
                try {
                    store.apply(batch.get(i).changes());
                } catch (RuntimeException e) {
                    failure = e;
                    break;
                }
                batch.get(i).done().complete(batch.get(i).out());
            }
        }
        if (failure == null) {
            return;
        }
        commitFailed = true;
        for (; i < batch.size(); i++) {
            batch.get(i).done().completeExceptionally(failure);
        }
    }

    private java.util.concurrent.Executor committer() {
        if (committer == null) {
            committer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "idem-commit");
                t.setDaemon(true);
                return t;
            });
        }
        return committer;
    }

    /**
     * Waits until every change resolved by {@link #resolveAsync} is written; after a failed write,
     * reloads the in-memory state from the store. Every other operation starts with this, so it
     * works on what the store holds.
     */
    private void settle() {
        lastCommit.join();
        if (commitFailed || discarded) {
            resolver = loadResolver(store, config, expected(store, reserveRecords));
            commitFailed = false;
            discarded = false;
        }
    }

    private void refuseSuppressed(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            if (suppression.suppresses(record)) {
                throw new IdemException.Suppressed("record " + record.key()
                        + " carries an identifier of an erased person; nothing was stored");
            }
        }
    }

    private List<Resolution.Effect> upsertAll(List<SourceRecord> records, String actorPrefix) {
        List<Resolution.Effect> effects = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            resolver.actor(actorPrefix + record.key().source());
            Resolver.Outcome outcome = resolver.upsert(record);
            long[] counters = resolver.drainCounters();
            profilesCreated.addAndGet(counters[0]);
            profilesMerged.addAndGet(counters[1]);
            effects.add(counters[1] > 0 ? Resolution.Effect.MERGED
                    : counters[0] > 0 ? Resolution.Effect.CREATED
                    : outcome == Resolver.Outcome.UNCHANGED ? Resolution.Effect.UNCHANGED
                    : Resolution.Effect.ENRICHED);
        }
        return effects;
    }

    private List<Resolution> resolutions(List<SourceRecord> records, List<Resolution.Effect> effects) {
        List<Resolution> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            out.add(new Resolution(records.get(i).key(), resolver.profileOf(records.get(i).key()), effects.get(i)));
        }
        return out;
    }

    /** Transactions (durable commits) written for {@link #resolveAsync} since the engine opened. */
    public long asyncTransactions() {
        return asyncTransactions.get();
    }

    /** Profiles created and merged away by {@link #resolve} since the engine opened. */
    public long[] counters() {
        return new long[] {profilesCreated.get(), profilesMerged.get()};
    }

    /** Records a {@link #reprocess} resolves per durable change (the property is for tests). */
    static final int REPROCESS_BATCH = Integer.getInteger("idem.reprocess.batch", 10_000);

    /**
     * Reads the stored records of {@code source} again ({@link io.idem.core.ingest.Reread}: after
     * an upgrade of idem's normalisers, or with another {@code --region}) and resolves the ones that
     * read differently now, as a re-import of the same rows would: updated in place, their profile
     * recomputed, merges and splits logged with the actor {@code reprocess:SOURCE}. The others are
     * not touched. Each batch of 10,000 is durable on its own, so an interrupted
     * run loses nothing and a second run finishes it (what was done reads the same). A record
     * every column of which is now ignored, or that now carries an erased person's identifier,
     * is left as stored and counted as rejected. The run is stored as an import of file
     * {@code reprocess}.
     */
    public synchronized io.idem.core.store.ImportRun reprocess(String source, io.idem.core.ingest.Reread reread) {
        return reprocess(source, reread, (done, same, total) -> { });
    }

    /** {@link #reprocess(String, io.idem.core.ingest.Reread)}, telling {@code progress} the records updated of those to update. */
    public synchronized io.idem.core.store.ImportRun reprocess(String source, io.idem.core.ingest.Reread reread,
            Importer.Progress progress) {
        settle();
        long started = System.currentTimeMillis();
        String runId = java.util.UUID.randomUUID().toString();
        List<RecordKey> changed = new ArrayList<>();
        long[] seen = new long[2]; // records of the source, records left with no field
        store.scan(r -> {
            if (!r.record().key().source().equals(source)) {
                return;
            }
            seen[0]++;
            SourceRecord again = reread.of(r.record());
            if (again.fields().isEmpty()) {
                seen[1]++;
            } else if (!again.fields().equals(r.record().fields())) {
                changed.add(r.record().key());
            }
        });
        if (seen[0] == 0) {
            throw new IdemException.NotFound("no records of source '" + source + "'");
        }
        long[] c = new long[5]; // updated, created, merged, quarantined, refused
        io.idem.core.store.ImportRun run = null;
        for (int from = 0; from == 0 || from < changed.size(); from += REPROCESS_BATCH) {
            List<SourceRecord> batch = new ArrayList<>();
            for (RecordKey k : changed.subList(from, Math.min(changed.size(), from + REPROCESS_BATCH))) {
                store.record(k).map(r -> reread.of(r.record())).ifPresent(again -> {
                    if (suppression.suppresses(again)) {
                        c[4]++;
                    } else {
                        batch.add(again);
                    }
                });
            }
            boolean last = from + REPROCESS_BATCH >= changed.size();
            try {
                run = store.exclusive(feed, () -> {
                    for (SourceRecord again : batch) {
                        resolver.actor("reprocess:" + source);
                        if (resolver.upsert(again) != Resolver.Outcome.UNCHANGED) {
                            c[0]++;
                        }
                        long[] counters = resolver.drainCounters();
                        c[1] += counters[0];
                        c[2] += counters[1];
                        c[3] += counters[2];
                    }
                    io.idem.core.store.ImportRun now = new io.idem.core.store.ImportRun(runId, source, "reprocess",
                            started, last ? System.currentTimeMillis() : 0, last ? "done" : "running", seen[0], 0,
                            c[0], last ? seen[0] - seen[1] - c[0] - c[4] : 0, c[1], c[2], c[3], seen[1] + c[4], "");
                    store.apply(resolver.drain().withRun(now));
                    return now;
                });
                long done = Math.min(changed.size(), from + REPROCESS_BATCH);
                progress.update(done, done, changed.size());
            } catch (RuntimeException e) {
                // the store refused the change set: memory holds state the store does not
                resolver = loadResolver(store, config, expected(store, reserveRecords));
                throw e;
            }
        }
        return run;
    }

    /** Records re-partitioned per durable step of {@link #rematch}. */
    static final int REMATCH_BATCH = Integer.getInteger("idem.rematch.batch", 20_000);

    /**
     * What a {@link #rematch} did.
     *
     * @param profilesCreated profiles a split made
     * @param profilesMerged profiles merged away
     * @param recordsMoved records whose profile changed
     * @param linksWritten records whose stored match links changed
     * @param pairsQueued pairs in the review band (queued again; most are joined by other evidence)
     * @param pairsWithdrawn open reviews no longer in the review band, marked {@link PairReview#WITHDRAWN}
     * @param comparisons pairs of records scored
     * @param dryRun whether the store was left as it was (the counts say what would change)
     * @param examples the first {@link #REMATCH_EXAMPLES} merges and splits, as logged (for a dry
     *     run, what would be: the profiles named are the store's as it is)
     */
    public record RematchReport(long records, long profilesBefore, long profilesAfter, long profilesCreated,
            long profilesMerged, long recordsMoved, long linksWritten, long pairsQueued, long pairsWithdrawn,
            long comparisons, long millis, boolean dryRun, List<LogEntry> examples) {
        public RematchReport {
            examples = List.copyOf(examples);
        }
    }

    /** Merges and splits a {@link RematchReport} shows. */
    static final int REMATCH_EXAMPLES = 20;

    /**
     * Applies the current matching settings to the whole base: every record is compared again with
     * its candidates (thresholds, fuzzy matching on or off, today's value frequencies), every profile
     * is re-partitioned, and the review queue is rebuilt: pairs now in the review band are queued,
     * open pairs no longer in it are {@link PairReview#WITHDRAWN}. Person decisions (accepted and
     * rejected pairs, splits, merges) stay. Merges and splits are logged with the actor
     * {@code rematch}.
     *
     * <p>The comparisons come first, in memory; then the profiles are re-partitioned and written in
     * durable steps of about {@link #REMATCH_BATCH} records, the first one carrying the review queue.
     * An interrupted run leaves some profiles re-partitioned and the rest as they were; running it
     * again finishes the job, since it recomputes everything from the records. The run is stored as
     * an import of source {@code *} and file {@code rematch}. {@code progress} is told the records
     * re-partitioned of all.
     */
    public synchronized RematchReport rematch(Importer.Progress progress) {
        return rematch(progress, false);
    }

    /**
     * {@link #rematch(Importer.Progress)}, or with {@code dryRun} what it would do, the store left
     * as it is (the engine reloads it at its next use).
     */
    public synchronized RematchReport rematch(Importer.Progress progress, boolean dryRun) {
        settle();
        long started = System.currentTimeMillis();
        long profilesBefore = resolver.profileCount();
        long[] c = new long[7]; // created, merged, moved, links, queued, withdrawn, re-partitioned
        long[] comparisons = new long[1];
        boolean[] more = {true};
        long total = resolver.recordCount();
        String runId = java.util.UUID.randomUUID().toString();
        List<LogEntry> examples = new ArrayList<>();
        try {
            store.exclusive(feed, () -> {
                if (!resolver.queueLoaded()) {
                    resolver.loadQueue(store.reviewHeads());
                }
                Set<String> open = resolver.queuedIds();
                resolver.actor("rematch");
                comparisons[0] = resolver.startRematch();
                Set<String> queued = resolver.pendingReviewIds();
                open.removeAll(queued);
                long now = System.currentTimeMillis();
                for (PairReview r : store.reviews(open)) {
                    if (PairReview.OPEN.equals(r.status())) {
                        resolver.queueReview(r.decided(PairReview.WITHDRAWN, now));
                        c[5]++;
                    }
                }
                c[4] = queued.size();
                more[0] = rematchStep(c, runId, started, total, dryRun, examples);
                return null;
            });
            progress.update(Math.min(c[6], total), 0, total);
            while (more[0]) {
                store.exclusive(feed, () -> {
                    more[0] = rematchStep(c, runId, started, total, dryRun, examples);
                    return null;
                });
                progress.update(Math.min(c[6], total), 0, total);
            }
            // a dry run's memory holds profiles the store does not
            discarded = dryRun;
        } catch (RuntimeException e) {
            // the store refused a change set: memory holds state the store does not
            resolver = loadResolver(store, config, expected(store, reserveRecords));
            throw e;
        }
        return new RematchReport(total, profilesBefore, resolver.profileCount(), c[0], c[1], c[2], c[3], c[4], c[5],
                comparisons[0], System.currentTimeMillis() - started, dryRun, examples);
    }

    /**
     * {@link #rematch(Importer.Progress, boolean)} under other fuzzy matching settings: what a
     * long-running process does when its settings file changed. The engine takes {@code settings}
     * first (new thresholds in place; fuzzy matching turned on or off by loading the store again
     * under them), then is rematched. After a run it resolves
     * under {@code settings}; after a dry run or a failed run, under the settings it had, loaded
     * again here rather than at its next use (a failed run is finished by running it again).
     */
    public synchronized RematchReport rematch(Importer.Progress progress, boolean dryRun, MatchConfig settings) {
        settle();
        ResolverConfig before = config;
        ResolverConfig after = config.withMatch(settings);
        if (after.equals(before)) {
            RematchReport r = rematch(progress, dryRun);
            settle();
            return r;
        }
        config = after;
        if (resolver.retunable(settings)) {
            resolver.retune(settings); // thresholds alone: the rematch decides every pair again anyway
        } else {
            resolver = loadResolver(store, after, expected(store, reserveRecords));
        }
        boolean kept = false;
        try {
            RematchReport r = rematch(progress, dryRun);
            kept = !dryRun;
            return r;
        } finally {
            if (!kept) {
                config = before;
                discarded = true;
                settle();
            }
        }
    }

    /**
     * One durable step of {@link #rematch}, with the run's bookkeeping: stored as an import of source
     * {@code *} and file {@code rematch}; records read are the records re-partitioned so far,
     * records updated the records moved to another profile, and {@code running} once interrupted.
     */
    private boolean rematchStep(long[] c, String runId, long started, long total, boolean dryRun,
            List<LogEntry> examples) {
        c[6] += resolver.rematchStep(REMATCH_BATCH);
        boolean more = resolver.rematching();
        ChangeSet changes = resolver.drain();
        for (LogEntry e : changes.log()) {
            if (examples.size() < REMATCH_EXAMPLES && (e.action().equals("merge") || e.action().equals("split"))) {
                examples.add(e);
            }
        }
        long[] counters = resolver.drainCounters();
        c[0] += counters[0];
        c[1] += counters[1];
        c[2] += changes.moves().size();
        c[3] += changes.links().size();
        io.idem.core.store.ImportRun run = new io.idem.core.store.ImportRun(runId, "*", "rematch", started,
                more ? 0 : System.currentTimeMillis(), more ? "running" : "done", Math.min(c[6], total), 0, c[2],
                more ? 0 : total - c[2], c[0], c[1], 0, 0, "");
        if (!dryRun) {
            store.apply(changes.withRun(run));
        }
        return more;
    }

    /**
     * The stats the engine can count from memory: records, profiles, records per source, records
     * carrying an event and those of them in a known person's profile (one with a usable identifier
     * other than a device id). The engine is held only to copy what is counted (about 40 ms at a
     * million records; the count itself, 0.2 s, runs after), so writes wait no longer than that.
     * {@code null} when some loaded record's stored keys predate the event flag: read the records
     * and {@link #learnEvent} them first.
     */
    public Counts counts() {
        Resolver.EventSnapshot snapshot;
        synchronized (this) {
            settle();
            snapshot = resolver.eventSnapshot();
        }
        if (snapshot == null) {
            return null;
        }
        long[] events = snapshot.count();
        return new Counts(snapshot.records(), snapshot.profiles(), snapshot.recordsBySource(), events[0], events[1]);
    }

    /** See {@link #counts}. */
    public record Counts(long records, long profiles, Map<String, Long> recordsBySource, long events,
            long eventsOfKnownPersons) {
    }

    /** Whether a stored record carries an event, for records whose stored keys do not say ({@link #counts}). */
    public synchronized void learnEvent(RecordKey key, boolean carriesEvent) {
        resolver.learnEvent(key, carriesEvent);
    }

    /** Explains two records: each compared field, its level and weight, the total and the decision. */
    public synchronized PairExplanation explain(RecordKey a, RecordKey b) {
        settle();
        return resolver.explain(a, b);
    }

    /**
     * Open reviews whose two records are still in different profiles, most likely match first (a
     * pair that other evidence has joined since it was queued needs no one's time).
     */
    public synchronized List<PairReview> openReviews() {
        settle();
        if (!resolver.queueLoaded()) {
            // once; from then on the resolver keeps the queue as it writes reviews
            resolver.loadQueue(store.reviewHeads());
        }
        // the few still open read whole (with their reasons)
        List<PairReview> out = new ArrayList<>(store.reviews(resolver.queuedApart()));
        out.removeIf(r -> !PairReview.OPEN.equals(r.status()));
        out.sort(Comparator.comparingDouble((PairReview r) -> -r.score()).thenComparing(PairReview::id));
        return out;
    }

    /** A person's decision on a queued pair: {@link PairReview#ACCEPTED} or {@link PairReview#REJECTED}. */
    public record ReviewDecision(String reviewId, String status) {
        public ReviewDecision {
            if (!PairReview.ACCEPTED.equals(status) && !PairReview.REJECTED.equals(status)) {
                throw new IllegalArgumentException("a decision is accepted or rejected, not '" + status + "'");
            }
        }
    }

    /** A decided pair, and the open pairs between the same two profiles its rejection settled too. */
    public record ReviewOutcome(PairReview decided, List<PairReview> alsoRejected) {
        public ReviewOutcome {
            alsoRejected = List.copyOf(alsoRejected);
        }
    }

    /**
     * Several decisions as one durable change: the outcome is the one deciding each in turn, in
     * this order, would give (a later decision sees the profiles the earlier ones made), but the
     * store commits once. Every id must be a queued pair: when one is not, {@link IdemException.NotFound}
     * names every unknown id and nothing is decided.
     */
    public synchronized List<ReviewOutcome> decideReviews(List<ReviewDecision> decisions) {
        settle();
        Map<String, PairReview> reviews = reviewsById();
        List<String> unknown = decisions.stream().map(ReviewDecision::reviewId).filter(id -> !reviews.containsKey(id))
                .distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IdemException.NotFound("no review " + String.join(", ", unknown));
        }
        long now = System.currentTimeMillis();
        // the reviews of each record, and each review's place in the store's order: a rejection's
        // siblings are found among the reviews of its profiles' records, not by reading them all
        Map<RecordKey, List<String>> byRecord = new java.util.HashMap<>();
        Map<String, Integer> order = new java.util.HashMap<>();
        for (PairReview r : reviews.values()) {
            order.put(r.id(), order.size());
            byRecord.computeIfAbsent(r.a(), k -> new ArrayList<>()).add(r.id());
            byRecord.computeIfAbsent(r.b(), k -> new ArrayList<>()).add(r.id());
        }
        return store.exclusive(feed, () -> {
            List<ReviewOutcome> out = new ArrayList<>();
            for (ReviewDecision d : decisions) {
                PairReview decided = reviews.get(d.reviewId()).decided(d.status(), now);
                resolver.actor("review:" + d.reviewId());
                List<PairReview> alike = List.of();
                if (PairReview.ACCEPTED.equals(d.status())) {
                    reviews.put(decided.id(), decided);
                    resolver.accept(decided);
                } else {
                    alike = siblings(decided, reviews, byRecord, order);
                    reviews.put(decided.id(), decided);
                    resolver.reject(decided);
                    for (PairReview r : alike) {
                        PairReview also = r.decided(PairReview.REJECTED, now);
                        reviews.put(also.id(), also);
                        resolver.reject(also);
                    }
                }
                out.add(new ReviewOutcome(decided, alike));
            }
            resolver.drainCounters();
            store.apply(resolver.drain());
            return out;
        });
    }

    private Map<String, PairReview> reviewsById() {
        Map<String, PairReview> out = new LinkedHashMap<>();
        for (PairReview r : store.reviews()) {
            out.put(r.id(), r);
        }
        return out;
    }

    /**
     * The open pairs between the two profiles of {@code review}'s records, other than itself, found
     * through an index of the reviews by record (among those of the smaller profile's records), in
     * the store's order.
     */
    private List<PairReview> siblings(PairReview review, Map<String, PairReview> reviews,
            Map<RecordKey, List<String>> byRecord, Map<String, Integer> order) {
        String pa = resolver.profileOf(review.a());
        String pb = resolver.profileOf(review.b());
        List<PairReview> out = new ArrayList<>();
        if (pa == null || pb == null || pa.equals(pb)) {
            return out;
        }
        List<RecordKey> recordsA = resolver.recordsOf(pa);
        List<RecordKey> recordsB = resolver.recordsOf(pb);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RecordKey k : recordsA.size() <= recordsB.size() ? recordsA : recordsB) {
            for (String id : byRecord.getOrDefault(k, List.of())) {
                PairReview r = reviews.get(id);
                if (id.equals(review.id()) || !PairReview.OPEN.equals(r.status()) || !seen.add(id)) {
                    continue;
                }
                String ra = resolver.profileOf(r.a());
                String rb = resolver.profileOf(r.b());
                if (pa.equals(ra) && pb.equals(rb) || pa.equals(rb) && pb.equals(ra)) {
                    out.add(r);
                }
            }
        }
        out.sort(Comparator.comparingInt(r -> order.get(r.id())));
        return out;
    }


    /**
     * Splits records out of a profile into a profile of their own: they are tied together and kept
     * apart from every other record of the profile by person decisions, which automatic resolution
     * never overrides (re-importing the same evidence does not re-merge them). The larger part keeps
     * the profile id. Returns the id of the part holding the split records.
     */
    public synchronized String split(String profileId, List<RecordKey> records, String actor) {
        settle();
        String live = store.liveProfileId(profileId)
                .orElseThrow(() -> new IdemException.NotFound("no profile '" + profileId + "'"));
        List<RecordKey> members = store.recordsOfProfile(live).stream().map(r -> r.record().key()).sorted().toList();
        java.util.TreeSet<RecordKey> moving = new java.util.TreeSet<>(records);
        for (RecordKey k : moving) {
            if (!members.contains(k)) {
                String where = resolver.profileOf(k);
                throw new IdemException.InvalidInput("--records: " + k + (where == null ? " is not a stored record"
                        : " is in profile " + where + ", not " + live));
            }
        }
        if (moving.isEmpty() || moving.size() == members.size()) {
            throw new IdemException.InvalidInput("--records: name some but not all of the " + members.size()
                    + " records of " + live);
        }
        long now = System.currentTimeMillis();
        String reason = "split by " + actor;
        RecordKey first = moving.first();
        List<PairReview> decisions = new ArrayList<>();
        for (RecordKey k : moving) {
            if (!k.equals(first)) {
                decisions.add(PairReview.open(first, k, 1.0, reason, now).decided(PairReview.ACCEPTED, now));
            }
        }
        for (RecordKey k : members) {
            if (!moving.contains(k)) {
                decisions.add(PairReview.open(first, k, 0.0, reason, now).decided(PairReview.REJECTED, now));
            }
        }
        return store.exclusive(feed, () -> {
            resolver.actor(actor);
            resolver.decideAll(decisions);
            resolver.drainCounters();
            store.apply(resolver.drain());
            return resolver.profileOf(first);
        });
    }

    /**
     * Asserts two profiles are one person: earlier decisions keeping their records apart are lifted
     * and the profiles merge (the one with more records keeps its id; the other id leads to it).
     * Returns the surviving id.
     */
    public synchronized String merge(String a, String b, String actor) {
        settle();
        String la = store.liveProfileId(a).orElseThrow(() -> new IdemException.NotFound("no profile '" + a + "'"));
        String lb = store.liveProfileId(b).orElseThrow(() -> new IdemException.NotFound("no profile '" + b + "'"));
        if (la.equals(lb)) {
            throw new IdemException.InvalidInput(a + " and " + b + " are already one profile (" + la + ")");
        }
        List<RecordKey> left = store.recordsOfProfile(la).stream().map(r -> r.record().key()).sorted().toList();
        List<RecordKey> right = store.recordsOfProfile(lb).stream().map(r -> r.record().key()).sorted().toList();
        long now = System.currentTimeMillis();
        String reason = "merged by " + actor;
        List<PairReview> decisions = new ArrayList<>();
        for (RecordKey[] pair : resolver.rejectedBetween(left, right)) {
            decisions.add(PairReview.open(pair[0], pair[1], 1.0, reason, now).decided(PairReview.ACCEPTED, now));
        }
        decisions.add(PairReview.open(left.get(0), right.get(0), 1.0, reason, now).decided(PairReview.ACCEPTED, now));
        return store.exclusive(feed, () -> {
            resolver.actor(actor);
            resolver.decideAll(decisions);
            resolver.drainCounters();
            store.apply(resolver.drain());
            return resolver.profileOf(left.get(0));
        });
    }

    /**
     * The right to erasure: deletes every record of the profile (a merged-away id erases the profile
     * that absorbed it), re-partitions the records they were connected to, keeps keyed hashes of the
     * identifiers nobody else carries so they are never imported again, all in one transaction;
     * then removes the lines holding the person's identifiers from the reject files in
     * {@code rejectsDir} (when not {@code null}).
     */
    public synchronized ErasureReport erase(String profileId, String actor, Path rejectsDir) {
        settle();
        String live = store.liveProfileId(profileId)
                .orElseThrow(() -> new IdemException.NotFound("no profile '" + profileId + "'"));
        List<StoredRecord> gone = new ArrayList<>();
        ErasureReport report;
        try {
            report = store.exclusive(feed, () -> {
                gone.addAll(store.recordsOfProfile(live));
                List<RecordKey> keys = gone.stream().map(r -> r.record().key()).toList();
                TreeSet<String> identifiers = new TreeSet<>();
                int events = 0;
                for (StoredRecord r : gone) {
                    r.record().identifiers().forEach(i -> identifiers.add(i.key()));
                    events += r.record().firstRaw(FieldKind.EVENT) != null ? 1 : 0;
                }
                resolver.actor(actor);
                List<String> unused = resolver.erase(keys);
                resolver.drainCounters();
                ChangeSet after = resolver.drain();
                List<String> hashes = new ArrayList<>(unused.stream().map(suppression::hash).toList());
                // and the digest form, so a partner's hashed file does not bring the person back
                for (String key : unused) {
                    int colon = key.indexOf(':');
                    String value = key.substring(colon + 1);
                    if (HashedInput.KINDS.contains(FieldKind.parse(key.substring(0, colon)))
                            && !HashedInput.isPending(value)) {
                        hashes.add(suppression.hash(key.substring(0, colon + 1) + HashedInput.PREFIX
                                + HashedInput.sha256Hex(value)));
                    }
                }
                LogEntry entry = new LogEntry(System.currentTimeMillis(), "erase", live, "",
                        "erased " + keys.size() + " records and " + identifiers.size() + " identifiers", actor);
                store.erase(new Erasure(keys, Set.copyOf(List.of(live, profileId)), List.copyOf(identifiers), unused, hashes,
                        entry), after);
                suppression.addAll(hashes);
                return new ErasureReport(live, profileId.equals(live) ? null : profileId, keys.size(), events,
                        identifiers.size(), unused.size(), 0);
            });
        } catch (RuntimeException e) {
            resolver = loadResolver(store, config, expected(store, reserveRecords));
            throw e;
        }
        pendingDigests = pendingDigests();
        if (rejectsDir == null) {
            return report;
        }
        Set<String> values = new HashSet<>();
        for (StoredRecord r : gone) {
            for (Field f : r.record().fields()) {
                if (f.kind().isIdentifier()) {
                    addValue(values, f.raw());
                    addValue(values, f.normalized());
                }
            }
        }
        int lines = RejectFiles.scrub(rejectsDir, values);
        return new ErasureReport(report.profileId(), report.requestedId(), report.records(), report.events(),
                report.identifiers(), report.suppressed(), lines);
    }

    private static void addValue(Set<String> values, String v) {
        // shorter values (a one-digit loyalty id) would match unrelated lines
        if (v != null && v.strip().length() >= 4) {
            values.add(v.strip());
        }
    }

    /** Whether a record carries an identifier of an erased person (see {@link #erase}). */
    public boolean suppresses(SourceRecord record) {
        return suppression.suppresses(record);
    }

    /** Read access to the in-memory resolution state (profile of a record, profiles of an identifier). */
    public synchronized Resolver resolver() {
        settle();
        return resolver;
    }

    @Override
    public void close() {
        synchronized (this) {
            lastCommit.join();
            if (committer != null) {
                committer.shutdown();
            }
        }
        store.close();
    }
}
