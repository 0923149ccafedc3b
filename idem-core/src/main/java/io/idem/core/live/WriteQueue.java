package io.idem.core.live;

import io.idem.core.Engine;
import io.idem.core.IdemException;
import io.idem.core.Resolution;
import io.idem.core.model.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for calls that arrive one by one: callers enqueue their records, one writer thread
 * takes everything waiting (up to a batch limit), resolves it through the engine as one durable
 * transaction and completes every caller's future. Under load many calls share one commit (one
 * fsync); alone, a call is committed at once. A caller's future completes only after its records
 * are durable. Pipelined: while one batch is being written (its fsync), the next ones are resolved
 * ({@link Engine#resolveAsync}), and the engine's committer writes everything resolved meanwhile in
 * its next transaction.
 */
public final class WriteQueue implements AutoCloseable {

    /** The queue is full: the caller should retry later. */
    public static final class Overloaded extends IdemException {
        public Overloaded(String message) {
            super(message);
        }
    }

    /**
     * One caller's records. {@code claim} says who has it: still waiting, taken into a batch by the
     * writer (then it is written and its caller told the outcome, however long that takes), or given
     * up by its timeout first (then it is never written: a caller told "not stored" must be able to
     * send it again without storing it twice).
     */
    private record Call(List<SourceRecord> records, CompletableFuture<List<Resolution>> done,
            java.util.concurrent.atomic.AtomicInteger claim) {
        static final int WAITING = 0;
        static final int TAKEN = 1;
        static final int GIVEN_UP = 2;

        boolean take() {
            return claim.compareAndSet(WAITING, TAKEN);
        }
    }

    /** A call whose caller stopped waiting before the writer took it: nothing of it was written. */
    public static final class TimedOut extends IdemException {
        public TimedOut(String message) {
            super(message);
        }
    }

    private static final Call STOP = new Call(List.of(), null, new java.util.concurrent.atomic.AtomicInteger());

    private final Engine engine;
    private final String actorPrefix;
    private final int maxBatchRecords;
    private final BlockingQueue<Call> queue;
    private final Thread writer;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedRecords = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param capacity calls that may wait; more are refused with {@link Overloaded}
     * @param maxBatchRecords records resolved and committed together at most
     * @param actorPrefix written in the resolution log before each record's source, e.g. {@code api:}
     */
    public WriteQueue(Engine engine, int capacity, int maxBatchRecords, String actorPrefix) {
        this.engine = engine;
        this.actorPrefix = actorPrefix;
        this.maxBatchRecords = maxBatchRecords;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::run, "idem-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Enqueues records to be resolved together, in order; the future gives one resolution each. */
    public CompletableFuture<List<Resolution>> submit(List<SourceRecord> records) {
        return submit(records, 0, TimeUnit.MILLISECONDS);
    }

    /**
     * {@link #submit(List)}, given up when the writer has not taken the records within
     * {@code timeout} (0: never): the future then fails with {@link TimedOut} and the records are
     * not written. Once taken they are written, and the future waits for that.
     */
    public CompletableFuture<List<Resolution>> submit(List<SourceRecord> records, long timeout, TimeUnit unit) {
        if (closed) {
            throw new Overloaded("the server is shutting down");
        }
        Call call = new Call(List.copyOf(records), new CompletableFuture<>(), new java.util.concurrent.atomic.AtomicInteger());
        if (!queue.offer(call)) {
            throw new Overloaded("write queue full (" + queue.size() + " calls waiting)");
        }
        if (timeout > 0) {
            CompletableFuture.delayedExecutor(timeout, unit).execute(() -> {
                if (call.claim().compareAndSet(Call.WAITING, Call.GIVEN_UP)) {
                    call.done().completeExceptionally(new TimedOut("not taken within " + unit.toMillis(timeout)
                            + " ms: nothing was stored"));
                }
            });
        }
        return call.done();
    }

    /** Calls waiting to be committed. */
    public int size() {
        return queue.size();
    }

    /** Transactions committed so far. */
    public long commits() {
        return commits.get();
    }

    /** Records committed so far. */
    public long committedRecords() {
        return committedRecords.get();
    }

    /** Resolved batches not yet durable, oldest first; past {@link #MAX_IN_FLIGHT} the loop waits. */
    private static final int MAX_IN_FLIGHT = 64;

    private void run() {
        List<Call> batch = new ArrayList<>();
        CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
        java.util.ArrayDeque<CompletableFuture<?>> inFlight = new java.util.ArrayDeque<>();
        while (true) {
            Call first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first == STOP) {
                previous.exceptionally(e -> null).join();
                return;
            }
            if (!first.take()) {
                continue; // its caller gave up: never written
            }
            batch.clear();
            batch.add(first);
            int records = first.records().size();
            Call next;
            while (records < maxBatchRecords && (next = queue.peek()) != null && next != STOP
                    && records + next.records().size() <= maxBatchRecords) {
                Call polled = queue.poll();
                if (polled.take()) {
                    batch.add(polled);
                    records += next.records().size();
                }
            }
            previous = commit(List.copyOf(batch), records);
            inFlight.addLast(previous);
            while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
                inFlight.removeFirst();
            }
            if (inFlight.size() > MAX_IN_FLIGHT) {
                // the writer is behind: wait for it, so calls queue here (and are refused when the
                // queue is full) instead of piling up resolved in memory
                inFlight.removeFirst().exceptionally(e -> null).join();
            }
        }
    }

    /** Resolves a batch now; the returned future completes (and so do the callers') once it is durable. */
    private CompletableFuture<?> commit(List<Call> batch, int size) {
        List<SourceRecord> all = new ArrayList<>(size);
        for (Call c : batch) {
            all.addAll(c.records());
        }
        return engine.resolveAsync(all, actorPrefix).whenComplete((resolved, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                for (Call c : batch) {
                    c.done().completeExceptionally(cause);
                }
                return;
            }
            commits.incrementAndGet();
            committedRecords.addAndGet(size);
            int from = 0;
            for (Call c : batch) {
                c.done().complete(resolved.subList(from, from + c.records().size()));
                from += c.records().size();
            }
        });
    }

    /** Commits what is queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
