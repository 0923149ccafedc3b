package io.idem.store.sqlite;

import io.idem.core.IdemException;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.ImportRun;
import io.idem.core.store.LogEntry;
import io.idem.core.store.PairReview;
import io.idem.core.store.RecordCodec;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Change sets as bytes, for the journal ({@link Journal}): exactly what {@link SqliteStore} would
 * write, so replaying an entry writes the same rows. A compact binary form (lengths and UTF-8),
 * versioned by its first byte. Version 2 adds the records' fuzzy match links; entries of version
 * 1, journaled by an older idem and not yet applied, still decode (links not known).
 */
final class ChangeSetCodec {
    private static final int VERSION = 2;

    private ChangeSetCodec() {
    }

    static byte[] encode(List<ChangeSet> changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 * changes.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(changes.size());
            for (ChangeSet c : changes) {
                writeRecords(out, c.records());
                writeRecords(out, c.replacements());
                out.writeInt(c.moves().size());
                for (Map.Entry<RecordKey, String> e : c.moves().entrySet()) {
                    writeKey(out, e.getKey());
                    writeString(out, e.getValue());
                }
                out.writeInt(c.aliases().size());
                for (Map.Entry<String, String> e : c.aliases().entrySet()) {
                    writeString(out, e.getKey());
                    writeString(out, e.getValue());
                }
                out.writeInt(c.log().size());
                for (LogEntry l : c.log()) {
                    out.writeLong(l.at());
                    writeString(out, l.action());
                    writeString(out, l.profileId());
                    writeString(out, l.otherId());
                    writeString(out, l.reason());
                    writeString(out, l.actor());
                }
                out.writeInt(c.flags().size());
                for (ValueFlag f : c.flags()) {
                    writeString(out, f.identifier());
                    writeString(out, f.status());
                    writeString(out, f.reason());
                }
                writeRun(out, c.run());
                out.writeInt(c.reviews().size());
                for (PairReview r : c.reviews()) {
                    writeString(out, r.id());
                    writeKey(out, r.a());
                    writeKey(out, r.b());
                    out.writeDouble(r.score());
                    writeString(out, r.reason());
                    writeString(out, r.status());
                    out.writeLong(r.at());
                }
                out.writeInt(c.links().size());
                for (Map.Entry<RecordKey, String> e : c.links().entrySet()) {
                    writeKey(out, e.getKey());
                    writeString(out, e.getValue());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream", e);
        }
        return bytes.toByteArray();
    }

    static List<ChangeSet> decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION && version != 1) {
                throw new IdemException.Storage("journal entry in format " + version + ", this idem reads "
                        + VERSION, null);
            }
            int n = in.readInt();
            List<ChangeSet> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                List<StoredRecord> records = readRecords(in, version);
                List<StoredRecord> replacements = readRecords(in, version);
                Map<RecordKey, String> moves = new HashMap<>();
                for (int k = in.readInt(); k > 0; k--) {
                    moves.put(readKey(in), readString(in));
                }
                Map<String, String> aliases = new HashMap<>();
                for (int k = in.readInt(); k > 0; k--) {
                    aliases.put(readString(in), readString(in));
                }
                List<LogEntry> log = new ArrayList<>();
                for (int k = in.readInt(); k > 0; k--) {
                    log.add(new LogEntry(in.readLong(), readString(in), readString(in), readString(in),
                            readString(in), readString(in)));
                }
                List<ValueFlag> flags = new ArrayList<>();
                for (int k = in.readInt(); k > 0; k--) {
                    flags.add(new ValueFlag(readString(in), readString(in), readString(in)));
                }
                ImportRun run = readRun(in);
                List<PairReview> reviews = new ArrayList<>();
                for (int k = in.readInt(); k > 0; k--) {
                    reviews.add(new PairReview(readString(in), readKey(in), readKey(in), in.readDouble(),
                            readString(in), readString(in), in.readLong()));
                }
                Map<RecordKey, String> links = new HashMap<>();
                for (int k = version < 2 ? 0 : in.readInt(); k > 0; k--) {
                    links.put(readKey(in), readString(in));
                }
                out.add(new ChangeSet(records, replacements, moves, aliases, log, flags, run, reviews, links));
            }
            if (in.available() > 0) {
                throw new IdemException.Storage("journal entry has " + in.available() + " bytes after its end", null);
            }
            return out;
        } catch (IOException e) {
            throw new IdemException.Storage("journal entry cut short: " + e.getMessage(), e);
        }
    }

    private static void writeRecords(DataOutputStream out, List<StoredRecord> records) throws IOException {
        out.writeInt(records.size());
        for (StoredRecord r : records) {
            writeKey(out, r.record().key());
            out.writeLong(r.record().ingestedAt());
            writeString(out, RecordCodec.encode(r.record().fields()));
            writeString(out, r.profileId());
            writeString(out, r.keys());
            writeString(out, r.links());
        }
    }

    private static List<StoredRecord> readRecords(DataInputStream in, int version) throws IOException {
        int n = in.readInt();
        List<StoredRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RecordKey key = readKey(in);
            long at = in.readLong();
            SourceRecord record = new SourceRecord(key, RecordCodec.decode(readString(in)), at);
            String profile = readString(in);
            String keys = readString(in);
            out.add(new StoredRecord(record, profile, keys, version < 2 ? null : readString(in)));
        }
        return out;
    }

    private static void writeRun(DataOutputStream out, ImportRun r) throws IOException {
        out.writeBoolean(r != null);
        if (r == null) {
            return;
        }
        writeString(out, r.id());
        writeString(out, r.source());
        writeString(out, r.file());
        out.writeLong(r.startedAt());
        out.writeLong(r.finishedAt());
        writeString(out, r.status());
        for (long v : new long[] {r.rowsRead(), r.recordsNew(), r.recordsUpdated(), r.recordsUnchanged(),
                r.profilesCreated(), r.profilesMerged(), r.identifiersQuarantined(), r.rowsRejected()}) {
            out.writeLong(v);
        }
        writeString(out, r.rejectFile());
    }

    private static ImportRun readRun(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new ImportRun(readString(in), readString(in), readString(in), in.readLong(), in.readLong(),
                readString(in), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), readString(in));
    }

    private static void writeKey(DataOutputStream out, RecordKey k) throws IOException {
        writeString(out, k.source());
        writeString(out, k.recordId());
    }

    private static RecordKey readKey(DataInputStream in) throws IOException {
        return new RecordKey(readString(in), readString(in));
    }

    /** A string as its UTF-8 length and bytes; {@code null} as length -1. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (n > in.available()) {
            throw new IOException("a string of " + n + " bytes, " + in.available() + " left");
        }
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }
}
