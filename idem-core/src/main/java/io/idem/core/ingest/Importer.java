package io.idem.core.ingest;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.Identifier;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import io.idem.core.normalize.Placeholders;
import io.idem.core.resolve.Resolver;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.ImportRun;
import io.idem.core.store.Store;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Reads a CSV file, normalises rows on worker threads, resolves them in file order on the calling
 * thread, and writes a change set to the store every {@link #BATCH} records on a writer thread,
 * committing every {@link #COMMIT_EVERY} of them and at the end.
 *
 * <p>Crash safety: each commit is a transaction holding the records, their profiles and the
 * import's counters. After a kill, re-running the same import finds the committed rows
 * unchanged, and resolves the rest exactly as a clean run would (resolution is deterministic and
 * profile ids derive from record keys), so the end state is the clean state.
 */
public final class Importer {
    static final int CHUNK = 2_000;
    /** Rows in the first chunk; each next one doubles, up to {@link #CHUNK}. */
    static final int FIRST_CHUNK = 250;
    /**
     * Records per change set written; the system property {@code idem.import.batch} overrides it.
     * A batch's records stay in memory until written, and every young collection copies the ones
     * in flight: 10,000 (with {@link #COMMIT_EVERY} 10) spent 3.5-4.1 s in young pauses on the 1M
     * benchmark against 4.4-4.8 s for 20,000; 50,000 made it run 10 concurrent old-generation
     * cycles instead of 4.
     */
    static final int BATCH = Integer.getInteger("idem.import.batch", 10_000);
    /**
     * Batches per commit: the others are written into the open transaction ({@link Store#applyOpen}).
     * A commit of a large store writes every index page its batches dirtied (the indexes are keyed
     * by hashes, so a batch dirties most of them); batches committed together share those pages:
     * 1M-record import, commits 11.5 s in all at one commit per 20,000 records, 5.4 s at one per
     * 100,000 (BENCHMARKS.md). A crash loses at most the batches since the last commit, which the
     * same import, run again, writes again. The system property {@code idem.import.commitEvery}
     * overrides it.
     */
    static final int COMMIT_EVERY = Math.max(1, Integer.getInteger("idem.import.commitEvery", 10));
    /** Batches in the open transaction; only the writer thread touches it. */
    private int openBatches;
    /** Below this many estimated rows an import never switches the store to bulk mode. */
    static final long BULK_MIN_ROWS = 20_000;

    /** Progress callback: rows read so far, bytes read, total bytes. */
    @FunctionalInterface
    public interface Progress {
        void update(long rows, long bytes, long totalBytes);
    }

    private final Store store;
    private final Resolver resolver;
    private final Normalizers normalizers;
    private final Placeholders placeholders;
    private Predicate<SourceRecord> suppressed = r -> false;
    private volatile long writeNanos;
    private volatile long writeCpu;
    private long waitNanos;
    private long resolveNanos;
    private long indexNanos;

    public Importer(Store store, Resolver resolver, Normalizers normalizers, Placeholders placeholders) {
        this.store = store;
        this.resolver = resolver;
        this.normalizers = normalizers;
        this.placeholders = placeholders;
    }

    /** Rows carrying an identifier of an erased person are skipped and counted, never resolved. */
    public Importer suppressing(Predicate<SourceRecord> erased) {
        this.suppressed = erased;
        return this;
    }

    private record Parsed(List<Resolver.Prepared> records, List<String[]> rejects, Map<String, Long> invalid,
            long placeholders) {
    }

    public ImportResult run(ImportRequest req, Progress progress) {
        long t0 = System.currentTimeMillis();
        ImportInput input = ImportInput.open(req.file());
        long total = input.size();
        CountingStream counting = new CountingStream(input.stream());
        TextDecoder.Lenient text;
        try {
            text = TextDecoder.open(TextDecoder.decompressed(counting, req.file().toString()), req.encoding());
        } catch (IOException e) {
            throw new IdemException.InvalidInput("cannot read " + req.file() + ": " + e.getMessage());
        }
        String runId = UUID.randomUUID().toString();
        String fileName = req.file().toString();
        ExecutorService workers = Executors.newFixedThreadPool(2, daemon("idem-normalise"));
        ExecutorService writer = Executors.newSingleThreadExecutor(daemon("idem-writer"));
        RejectWriter rejects = new RejectWriter(req.rejectFile(), fileName);
        RejectWriter problems = RejectWriter.problemsBeside(req.rejectFile(), fileName);
        try (CsvReader csv = new CsvReader(text)) {
            String[] header = csv.header();
            ColumnMapping mapping = ColumnMapping.of(header, req.idColumn(), req.overrides());
            RowParser parser = new RowParser(mapping, normalizers, req.source());
            resolver.actor("import:" + req.source());
            long ingestedAt = System.currentTimeMillis();
            Counters c = new Counters();
            Map<String, Long> invalid = new TreeMap<>();
            long placeholderCount = 0;
            HashMap<String, Long> seenIds = new HashMap<>();
            ArrayDeque<Future<Parsed>> inFlight = new ArrayDeque<>();
            Future<?> pendingWrite = null;
            long rowNumber = 0;
            int chunks = 0;
            boolean done = false;
            boolean bulk = false;
            while (!done || !inFlight.isEmpty()) {
                // keep both normalisers busy
                while (!done && inFlight.size() < 4) {
                    // the first chunks are small, so that resolving starts while the normalisers,
                    // still cold, work on the next ones
                    int size = (int) Math.min(CHUNK, FIRST_CHUNK << Math.min(16, chunks++));
                    List<CsvReader.Row> chunk = new ArrayList<>(size);
                    List<Long> rowNumbers = new ArrayList<>(size);
                    CsvReader.Row row;
                    while (chunk.size() < size && (row = csv.next()) != null) {
                        chunk.add(row);
                        rowNumbers.add(++rowNumber);
                    }
                    if (chunk.isEmpty()) {
                        done = true;
                        break;
                    }
                    if (rowNumber == chunk.size() && !done) {
                        // first chunk: estimate the file's rows; a load larger than what is stored
                        // is faster with indexes rebuilt once at the end
                        double bytesPerRow = Math.max(1.0, (double) counting.count / Math.max(1, chunk.size()));
                        long estimated = (long) (total / bytesPerRow);
                        if (estimated >= BULK_MIN_ROWS && estimated > resolver.recordCount()) {
                            bulk = true;
                            store.beginBulk();
                        }
                    }
                    inFlight.add(workers.submit(() -> parse(chunk, rowNumbers, parser)));
                }
                if (inFlight.isEmpty()) {
                    break;
                }
                long tw = System.nanoTime();
                Parsed parsed = await(inFlight.poll());
                waitNanos += System.nanoTime() - tw;
                long tr = System.nanoTime();
                for (String[] rej : parsed.rejects()) {
                    rejects.add(rej);
                    c.rejected++;
                }
                c.rows += parsed.records().size() + parsed.rejects().size();
                placeholderCount += parsed.placeholders();
                parsed.invalid().forEach((k, v) -> invalid.merge(k, v, Long::sum));
                resolveChunk(parsed.records(), c, seenIds, rejects, problems, ingestedAt);
                resolveNanos += System.nanoTime() - tr;
                if (c.sinceCommit >= BATCH) {
                    pendingWrite = commit(writer, pendingWrite, c, runId, req, fileName, t0, "running", rejects);
                    problems.flush();
                }
                if (progress != null) {
                    progress.update(c.rows, counting.count, total);
                }
            }
            pendingWrite = commit(writer, pendingWrite, c, runId, req, fileName, t0, "done", rejects);
            await(pendingWrite);
            if (bulk) {
                long ti = System.nanoTime();
                store.endBulk();
                indexNanos = System.nanoTime() - ti;
            }
            if (System.getenv("IDEM_TRACE") != null) {
                System.err.printf("trace: resolve %d ms (cpu %d ms), waiting for normalisers %d ms, store writes %d ms%n",
                        resolveNanos / 1_000_000,
                        java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000,
                        waitNanos / 1_000_000, writeNanos / 1_000_000);
                System.err.printf("trace: writer cpu %d ms, index rebuild %d ms, fuzzy comparisons so far %d%n",
                        writeCpu / 1_000_000, indexNanos / 1_000_000, resolver.comparisons());
            }
            ImportRun finalRun = c.run(runId, req, fileName, t0, System.currentTimeMillis(), "done", rejects);
            return new ImportResult(finalRun, invalid, placeholderCount, c.suppressed, System.currentTimeMillis() - t0,
                    input.text(text),
                    mapping.columns(), problems.pathIfUsed(), ImportResult.Matching.OFF);
        } finally {
            rejects.close();
            problems.close();
            workers.shutdownNow();
            writer.shutdown();
        }
    }

    /**
     * Resolves a chunk's records, in order: a record id seen before in the file and a row of an
     * erased person are rejected, and the values kept but not usable are listed. Its own method, not
     * a loop inside {@link #run}, so the JIT compiles it apart from the rest of the import.
     */
    private void resolveChunk(List<Resolver.Prepared> records, Counters c, HashMap<String, Long> seenIds,
            RejectWriter rejects, RejectWriter problems, long ingestedAt) {
        for (Resolver.Prepared prepared : records) {
            SourceRecord rec = prepared.record();
            String id = rec.key().recordId();
            long line = rec.ingestedAt();
            Long first = seenIds.putIfAbsent(id, line);
            if (first != null) {
                rejects.add(new String[] {Long.toString(line),
                        "duplicate record id '" + id + "' (first seen on line " + first + ")", ""});
                c.rejected++;
                continue;
            }
            if (suppressed.test(rec)) {
                // line number only: the row itself would store the erased person's values again
                rejects.add(new String[] {Long.toString(line), "suppressed: identifier of an erased person", ""});
                c.suppressed++;
                continue;
            }
            for (Field f : rec.fields()) {
                if (f.problem() != null) {
                    problems.add(Long.toString(line), id, f.column(), f.raw(), f.problem());
                }
            }
            switch (resolver.upsert(prepared.at(ingestedAt))) {
                case NEW -> c.added++;
                case UPDATED -> c.updated++;
                case UNCHANGED -> c.unchanged++;
            }
            c.sinceCommit++;
        }
    }

    private Future<?> commit(ExecutorService writer, Future<?> pendingWrite, Counters c, String runId,
            ImportRequest req, String fileName, long t0, String status, RejectWriter rejects) {
        long[] counters = resolver.drainCounters();
        c.created += counters[0];
        c.merged += counters[1];
        c.quarantined += counters[2];
        ChangeSet cs = resolver.drain()
                .withRun(c.run(runId, req, fileName, t0, "done".equals(status) ? System.currentTimeMillis() : 0,
                        status, rejects));
        c.sinceCommit = 0;
        // one write in flight at a time: resolution of the next batch overlaps the previous write
        await(pendingWrite);
        rejects.flush();
        return writer.submit(() -> {
            long t = System.nanoTime();
            if ("running".equals(status) && ++openBatches < COMMIT_EVERY) {
                store.applyOpen(cs);
            } else {
                openBatches = 0;
                store.apply(cs);
            }
            writeNanos += System.nanoTime() - t;
            writeCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        });
    }

    private Parsed parse(List<CsvReader.Row> rows, List<Long> rowNumbers, RowParser parser) {
        List<Resolver.Prepared> out = new ArrayList<>(rows.size());
        List<String[]> rejected = new ArrayList<>();
        Map<String, Long> invalid = new HashMap<>();
        long placeholderCount = 0;
        for (int r = 0; r < rows.size(); r++) {
            CsvReader.Row row = rows.get(r);
            // the line number rides in ingestedAt until the record is stamped (for duplicate-id reports)
            RowParser.Parsed p = parser.parse(row, rowNumbers.get(r), row.line());
            if (p.reject() != null) {
                rejected.add(new String[] {Long.toString(row.line()), p.reject(), row.text()});
                continue;
            }
            for (Field field : p.record().fields()) {
                if (field.problem() != null) {
                    invalid.merge(field.kind().key(), 1L, Long::sum);
                } else if (field.kind().isIdentifier() && field.normalized() != null
                        && placeholders.reason(new Identifier(field.kind(), field.normalized())) != null) {
                    placeholderCount++;
                }
            }
            // keys and placeholder checks here, on the normaliser threads, not on the resolving one
            out.add(resolver.prepare(p.record()));
        }
        return new Parsed(out, rejected, invalid, placeholderCount);
    }

    private static <T> T await(Future<T> f) {
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdemException("import interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IdemException("import failed: " + cause, cause);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Counters {
        long rows;
        long added;
        long updated;
        long unchanged;
        long created;
        long merged;
        long quarantined;
        long rejected;
        long suppressed;
        long sinceCommit;

        ImportRun run(String id, ImportRequest req, String file, long started, long finished, String status,
                RejectWriter rejects) {
            return new ImportRun(id, req.source(), file, started, finished, status, rows, added, updated, unchanged,
                    created, merged, quarantined, rejected, rejects.pathIfUsed());
        }
    }

    /** A CSV report beside the import (rejected rows, unusable values), created at its first line. */
    private static final class RejectWriter {
        private final Path path;
        private final String file;
        private final String header;
        private BufferedWriter out;

        RejectWriter(Path path, String file) {
            this(path, file, "file,line,reason,row");
        }

        RejectWriter(Path path, String file, String header) {
            this.path = path;
            this.file = file;
            this.header = header;
        }

        /** The report of values kept but not usable, beside the reject file: {@code NAME-problems.csv}. */
        static RejectWriter problemsBeside(Path rejects, String file) {
            String name = rejects.getFileName().toString();
            String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4)
                    : name;
            return new RejectWriter(rejects.resolveSibling(base + "-problems.csv"), file,
                    "file,line,record_id,column,value,problem");
        }

        void add(String... values) {
            try {
                if (out == null) {
                    if (path.getParent() != null) {
                        Files.createDirectories(path.getParent());
                    }
                    out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                    out.write(header + "\n");
                }
                String[] line = new String[values.length + 1];
                line[0] = file;
                System.arraycopy(values, 0, line, 1, values.length);
                out.write(Csv.line(line));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        }

        String pathIfUsed() {
            return out == null ? "" : path.toString();
        }

        void flush() {
            try {
                if (out != null) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
