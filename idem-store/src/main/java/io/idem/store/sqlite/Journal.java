package io.idem.store.sqlite;

import io.idem.core.IdemException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only, fsynced log of change sets in {@code DATA/journal/}: the embedded store's
 * durability when it serves the API ({@link SqliteStore#openJournaled}). An entry is acknowledged
 * once it is appended and {@code fdatasync}ed: one small sequential write per group commit, where
 * a SQLite commit writes and syncs a 4 KB page for every B-tree page it touched (about nine per
 * call). SQLite applies the entries behind it, in larger transactions, and records the last one it
 * applied; on the next open, whatever the journal holds beyond that is applied first.
 *
 * <p>Files: {@code lock} (held while a process owns the journal) and segments numbered in the
 * order they are written, {@code 00000000000000000001.log}. An entry is its payload
 * length (4 bytes), a CRC-32C of sequence number and payload (4), its sequence number (8) and the
 * payload. A torn last entry (the process or machine stopped in the middle of a write) is never
 * acknowledged, so reading stops there and the segment is cut back to its last whole entry.
 *
 * <p>A new segment is written full of zeros (and synced) before its first entry: appending then
 * overwrites blocks the file already has, so each {@code fdatasync} flushes data only, without the
 * file-system journal commit a growing file needs (measured: a third of the sync's CPU). A zero
 * length where a header should be marks the end of a segment's entries. The next segment is
 * prepared so by a background thread while the current one fills, so the switch costs an append
 * nothing (writing 16 MB of zeros there stalled calls for 50 ms).
 */
final class Journal implements AutoCloseable {
    /** A segment is closed once it grows past this; closed segments are deleted once applied. */
    static final long SEGMENT_BYTES = 16L << 20;
    private static final int HEADER = 16;
    private static final int MAX_ENTRY = 256 << 20;

    /** One entry read back. */
    record Entry(long seq, byte[] payload) {
    }

    private record Segment(Path path, long firstSeq, long lastSeq) {
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Deque<Segment> closed = new ArrayDeque<>();
    private FileChannel current;
    private Path currentPath;
    private long currentFirst;
    private long nextSeq;
    /** The number of the current segment, and the next one being prepared (null when none). */
    private long segmentNo;
    private boolean hadEntries;
    private java.util.concurrent.CompletableFuture<FileChannel> next;
    private static final java.util.concurrent.Executor PREPARER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "idem-journal-prepare");
        t.setDaemon(true);
        return t;
    });

    private Journal(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens the journal directory for this process, or {@code null} if another process holds it. */
    static Journal tryOpen(Path dir) {
        return tryOpen(dir, new boolean[1]);
    }

    /**
     * {@link #tryOpen(Path)}, saying in {@code heldHere[0]} whether a {@code null} answer means this
     * very process holds the directory, through another store object (tests open one directory
     * twice), rather than another process.
     */
    static Journal tryOpen(Path dir, boolean[] heldHere) {
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
                heldHere[0] = true;
            }
            if (lock == null) {
                ch.close();
                return null;
            }
            return new Journal(dir, ch, lock);
        } catch (IOException e) {
            throw new IdemException.Storage("cannot open the journal " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every whole entry with a sequence number above {@code after}, in order. A torn entry at the
     * end of the last segment is cut off; damage anywhere else is an error, never skipped.
     */
    List<Entry> read(long after) {
        List<Entry> out = new ArrayList<>();
        List<Path> segments = segments();
        // the segment written last: later ones are only prepared (zeros), never written to
        int lastWritten = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (!unwritten(segments.get(i))) {
                lastWritten = i;
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            Path p = segments.get(i);
            boolean last = i >= lastWritten;
            segmentNo = Math.max(segmentNo, number(p));
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long pos = 0;
                long size = ch.size();
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                while (pos < size) {
                    String damage = null;
                    Entry entry = null;
                    header.clear();
                    if (size - pos < HEADER) {
                        damage = "a header cut short";
                    } else {
                        readFully(ch, header, pos);
                        header.flip();
                        int length = header.getInt();
                        int crc = header.getInt();
                        long seq = header.getLong();
                        if (length == 0 && crc == 0 && seq == 0) {
                            break; // the zeros a segment is prepared with: no entry from here on
                        }
                        if (length <= 0 || length > MAX_ENTRY || size - pos - HEADER < length) {
                            damage = "an entry cut short";
                        } else {
                            ByteBuffer payload = ByteBuffer.allocate(length);
                            readFully(ch, payload, pos + HEADER);
                            if (crc(seq, payload.array()) != crc) {
                                damage = "a checksum mismatch";
                            } else {
                                entry = new Entry(seq, payload.array());
                            }
                        }
                    }
                    if (damage != null) {
                        if (!last) {
                            throw new IdemException.Storage("journal segment " + p + " is damaged at byte " + pos
                                    + " (" + damage + "), and it is not the last one: restore it from a backup", null);
                        }
                        // never acknowledged: the write was under way when the process stopped
                        ch.truncate(pos);
                        ch.force(true);
                        break;
                    }
                    if (entry.seq() > after) {
                        out.add(entry);
                    }
                    hadEntries = true;
                    nextSeq = Math.max(nextSeq, entry.seq() + 1);
                    pos += HEADER + entry.payload().length;
                }
            } catch (IOException e) {
                throw new IdemException.Storage("cannot read the journal segment " + p + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Whether {@link #read} found any entry, applied or not: the last owner did not close it. */
    boolean hadEntries() {
        return hadEntries;
    }

    /**
     * Deletes every segment (their entries are all applied) and starts a new one; the next entry
     * gets a sequence number above both {@code applied} and anything read.
     */
    void start(long applied) {
        nextSeq = Math.max(nextSeq, applied + 1);
        for (Path p : segments()) {
            segmentNo = Math.max(segmentNo, number(p));
            delete(p, false);
        }
        segmentNo++;
        currentPath = path(segmentNo);
        current = prepare(currentPath);
        currentFirst = nextSeq;
        next = java.util.concurrent.CompletableFuture.supplyAsync(() -> prepare(path(segmentNo + 1)), PREPARER);
    }

    private Path path(long number) {
        return dir.resolve(String.format("%020d.log", number));
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - ".log".length()));
        } catch (NumberFormatException e) {
            throw new IdemException.Storage("unexpected file in the journal: " + segment, e);
        }
    }

    /** Appends one entry and syncs it to disk; returns its sequence number. */
    synchronized long append(byte[] payload) {
        long seq = nextSeq;
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
        buf.putInt(payload.length).putInt(crc(seq, payload)).putLong(seq).put(payload).flip();
        long start = -1;
        try {
            start = current.position();
            while (buf.hasRemaining()) {
                current.write(buf);
            }
            current.force(false);
        } catch (IOException e) {
            try {
                if (start >= 0) {
                    current.truncate(start);
                    current.position(start);
                }
            } catch (IOException ignored) {
                // the original failure matters more; a torn tail is cut off when read
            }
            throw new IdemException.Storage("cannot write the journal " + currentPath + ": " + e.getMessage(), e);
        }
        nextSeq = seq + 1;
        try {
            if (current.position() >= SEGMENT_BYTES) {
                rotate();
            }
        } catch (IOException e) {
            throw new IdemException.Storage("cannot start a new journal segment in " + dir + ": " + e.getMessage(), e);
        }
        return seq;
    }

    /** The sequence number of the last entry appended (0 before any). */
    synchronized long lastSeq() {
        return nextSeq - 1;
    }

    /** Closes the current segment (if it holds anything) and starts a new one. */
    synchronized void rotate() throws IOException {
        if (current.position() == 0) {
            return; // nothing appended yet
        }
        current.close();
        closed.addLast(new Segment(currentPath, currentFirst, nextSeq - 1));
        segmentNo++;
        currentPath = path(segmentNo);
        try {
            current = next.join();
        } catch (java.util.concurrent.CompletionException e) {
            current = prepare(currentPath); // the background attempt failed: once more, here
        }
        currentFirst = nextSeq;
        next = java.util.concurrent.CompletableFuture.supplyAsync(() -> prepare(path(segmentNo + 1)), PREPARER);
    }

    /**
     * Deletes the closed segments whose entries are all at or below {@code applied}; with
     * {@code scrub} their bytes are overwritten with zeros first (an erasure).
     */
    synchronized void dropThrough(long applied, boolean scrub) {
        while (!closed.isEmpty() && closed.peekFirst().lastSeq() <= applied) {
            delete(closed.removeFirst().path(), scrub);
        }
    }

    /** Deletes every segment: what they held is applied (a store that replays and does not serve). */
    synchronized void discardSegments() {
        for (Path p : segments()) {
            delete(p, false);
        }
    }

    /** Closes the journal; with {@code applied} covering every entry, its segments are deleted. */
    synchronized void close(long applied) {
        try {
            if (next != null) {
                try {
                    next.join().close();
                } catch (RuntimeException ignored) {
                    // nothing was prepared
                }
                Files.deleteIfExists(path(segmentNo + 1));
                next = null;
            }
            if (current != null) {
                current.close();
                if (nextSeq - 1 <= applied) {
                    closed.addLast(new Segment(currentPath, currentFirst, nextSeq - 1));
                }
                current = null;
            }
            dropThrough(applied, false);
        } catch (IOException e) {
            throw new IdemException.Storage("cannot close the journal " + dir + ": " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    @Override
    public void close() {
        close(-1);
    }

    /** Gives the directory up without touching its segments (another process may replay them). */
    void release() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }

    /** Whether a segment has no entry: empty, or zeros where its first header would be. */
    private static boolean unwritten(Path segment) {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            ByteBuffer first = ByteBuffer.allocate(HEADER);
            while (first.hasRemaining() && ch.read(first) >= 0) {
                // reads up to a header's length, or the whole of a shorter file
            }
            for (int i = 0; i < first.position(); i++) {
                if (first.get(i) != 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new IdemException.Storage("cannot read the journal segment " + segment + ": " + e.getMessage(), e);
        }
    }

    /** The segment files, oldest first. */
    private List<Path> segments() {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new IdemException.Storage("cannot list the journal " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates a segment file full of zeros, synced, ready for appends at position 0. */
    private FileChannel prepare(Path segment) {
        try {
            FileChannel current = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long pos = 0; pos < SEGMENT_BYTES; pos += zeros.capacity()) {
                zeros.clear();
                while (zeros.hasRemaining()) {
                    current.write(zeros, pos + zeros.position());
                }
            }
            current.force(true);
            current.position(0);
            syncDirectory();
            return current;
        } catch (IOException e) {
            throw new IdemException.Storage("cannot create the journal segment " + segment + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a created or deleted file's directory entry durable. Where a directory cannot be
     * opened as a file (Windows), there is nothing to sync this way and the step is skipped.
     */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not supported for directories on this platform
        }
    }

    private void delete(Path p, boolean scrub) {
        try {
            if (scrub && Files.exists(p)) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ByteBuffer zeros = ByteBuffer.allocate(64 << 10);
                    for (long pos = 0, size = ch.size(); pos < size; pos += zeros.capacity()) {
                        zeros.clear().limit((int) Math.min(zeros.capacity(), size - pos));
                        while (zeros.hasRemaining()) {
                            ch.write(zeros, pos + zeros.position());
                        }
                    }
                    ch.force(true);
                }
            }
            Files.deleteIfExists(p);
            syncDirectory();
        } catch (IOException e) {
            throw new IdemException.Storage("cannot delete the applied journal segment " + p + ": " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static int crc(long seq, byte[] payload) {
        CRC32C c = new CRC32C();
        c.update(ByteBuffer.allocate(8).putLong(0, seq));
        c.update(payload);
        return (int) c.getValue();
    }
}
