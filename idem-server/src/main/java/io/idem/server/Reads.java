package io.idem.server;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import io.idem.core.normalize.Placeholders;
import io.idem.core.profile.ProfileView;
import io.idem.core.store.LogEntry;
import io.idem.core.store.Store;
import io.idem.core.store.StoreStats;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The read side of the API: every answer is derived from the store's committed state. Thread-safe. */
final class Reads {
    private final Store store;
    private final Placeholders placeholders;
    private final Normalizers normalizers;
    /** Counts events from memory when the store is this process's alone; {@code null}: read the store. */
    private final io.idem.core.Engine engine;

    Reads(Store store, Placeholders placeholders, Normalizers normalizers) {
        this(store, placeholders, normalizers, null);
    }

    Reads(Store store, Placeholders placeholders, Normalizers normalizers, io.idem.core.Engine engine) {
        this.store = store;
        this.placeholders = placeholders;
        this.normalizers = normalizers;
        this.engine = engine;
    }

    /** A profile resolved through merges: the live id and the records. */
    record Located(String liveId, String requestedId, List<StoredRecord> records) {
    }

    Located locate(String id) {
        Optional<String> live = id.length() > 64 ? Optional.empty() : store.liveProfileId(id);
        if (live.isEmpty()) {
            throw new IdemException.NotFound("no profile '" + id + "'");
        }
        return new Located(live.get(), id, store.recordsOfProfile(live.get()));
    }

    ProfileView profile(Located p) {
        Map<String, ValueFlag> flags = store.flagsOf(identifiersOf(p.records()));
        return ProfileView.of(p.liveId(), p.requestedId().equals(p.liveId()) ? null : p.requestedId(), p.records(),
                flags, placeholders::reason, store.history(p.liveId()));
    }

    /** Live profiles carrying an identifier given as received; normalised like an import. */
    List<String> find(FieldKind kind, String raw, String param) {
        Field f = normalizers.field(param, kind, raw);
        if (!f.valid()) {
            throw ApiError.invalid("$.query." + param, f.problem() == null ? "empty " + kind.key() : f.problem());
        }
        return store.profilesWithIdentifier(new Identifier(kind, f.normalized()));
    }

    /**
     * A profile id read from a record just now: live unless a merge moved the record since, so its
     * records are read straight away and the merge lookup is only needed when none are left.
     */
    Located current(String profileId) {
        List<StoredRecord> records = store.recordsOfProfile(profileId);
        return records.isEmpty() ? locate(profileId) : new Located(profileId, profileId, records);
    }

    /** One entry of a timeline. {@code atFrom} says whether {@code at} is the record's own timestamp. */
    record TimelineItem(String at, String atFrom, String type, String source, String recordId, String event,
            String amount, Map<String, String> fields) {
    }

    List<TimelineItem> timeline(Located p) {
        record Timed(long at, boolean own, StoredRecord r) {
        }
        List<Timed> timed = new ArrayList<>();
        for (StoredRecord sr : p.records()) {
            String ts = sr.record().first(FieldKind.TIMESTAMP);
            long at = sr.record().ingestedAt();
            boolean own = false;
            if (ts != null) {
                try {
                    at = Instant.parse(ts).toEpochMilli();
                    own = true;
                } catch (java.time.format.DateTimeParseException ignored) {
                    // a timestamp without zone or time: fall back to the ingestion time
                }
            }
            timed.add(new Timed(at, own, sr));
        }
        timed.sort(Comparator.comparingLong(Timed::at).thenComparing(t -> t.r().record().key()));
        List<TimelineItem> out = new ArrayList<>(timed.size());
        for (Timed t : timed) {
            SourceRecord r = t.r().record();
            Map<String, String> fields = new LinkedHashMap<>();
            for (Field f : r.fields()) {
                fields.put(f.column(), f.raw());
            }
            String event = r.first(FieldKind.EVENT);
            out.add(new TimelineItem(Instant.ofEpochMilli(t.at()).toString(), t.own() ? "timestamp" : "ingested_at",
                    event != null ? "event" : "record", r.key().source(), r.key().recordId(), event,
                    r.first(FieldKind.AMOUNT), fields));
        }
        return out;
    }

    /** How one identifier takes part in a profile. */
    record IdentifierLink(String identifier, String status, List<String> records) {
    }

    /** Why these records are one profile. */
    record Explanation(String profileId, String summary, List<IdentifierLink> links, List<IdentifierLink> notUsed,
            List<ProfileView.RecordView> records, List<LogEntry> history) {
    }

    Explanation explain(Located p) {
        ProfileView view = profile(p);
        Map<String, List<String>> carriers = new TreeMap<>();
        for (StoredRecord sr : p.records()) {
            for (Identifier id : sr.record().identifiers()) {
                carriers.computeIfAbsent(id.key(), k -> new ArrayList<>()).add(sr.record().key().toString());
            }
        }
        Map<String, String> statuses = new HashMap<>();
        for (ProfileView.IdentifierView iv : view.identifiers()) {
            statuses.put(iv.kind() + ":" + iv.value(), iv.status());
        }
        List<IdentifierLink> links = new ArrayList<>();
        List<IdentifierLink> notUsed = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : carriers.entrySet()) {
            String status = statuses.getOrDefault(e.getKey(), "ok");
            IdentifierLink link = new IdentifierLink(e.getKey(), status, e.getValue());
            if (status.equals("placeholder") || status.equals("quarantined")) {
                notUsed.add(link);
            } else if (e.getValue().size() > 1) {
                links.add(link);
            }
        }
        int n = p.records().size();
        String summary = n == 1 ? "one record: nothing to join"
                : n + " records joined by " + links.size() + " shared identifier" + (links.size() == 1 ? "" : "s")
                        + "; every record links to the others through them (transitively)"
                        + (notUsed.isEmpty() ? "" : "; " + notUsed.size() + " identifier(s) never link (placeholder or"
                                + " quarantined)");
        return new Explanation(p.liveId(), summary, links, notUsed, view.records(), view.history());
    }

    /** Store counts plus how many events belong to a known person (not only a device). */
    record Stats(long records, long profiles, Map<String, Long> recordsBySource, long mergedAway,
            Map<String, Long> flagsByStatus, long events, long eventsOfKnownPersons, double reconciliationRate) {
    }

    private final Object statsLock = new Object();
    private long statsVersion = -1;
    private Stats lastStats;

    /**
     * The stats, computed again only when {@code version} (a count of the writes this server made)
     * moved since the last answer, so repeated calls without writes in between share one
     * computation, and concurrent calls never run two. A store other processes write to is read
     * every time. Records, profiles and events are counted from the engine's memory ({@link
     * io.idem.core.Engine#counts}, 0.2-0.3 s at a million records), the flags and merged-away
     * profiles read from the store. The store's own counts of records and profiles per source took
     * 1.0-1.1 s more, and reading and opening every record to count events 5 s more; both are
     * still how a store other processes write is counted, and the second is done once per process
     * for a store written before records' keys said whether they carry an event.
     */
    Stats stats(long version) {
        synchronized (statsLock) {
            if (version != statsVersion || lastStats == null || store.sharedAcrossProcesses()) {
                lastStats = computeStats();
                statsVersion = version;
            }
            return lastStats;
        }
    }

    private Stats computeStats() {
        boolean fromMemory = engine != null && !store.sharedAcrossProcesses();
        io.idem.core.Engine.Counts counts = fromMemory ? engine.counts() : null;
        if (counts != null) {
            // the flags are a small table; merged-away profiles one count of an index
            Map<String, Long> flags = new TreeMap<>();
            for (ValueFlag f : store.flags()) {
                flags.merge(f.status(), 1L, Long::sum);
            }
            return new Stats(counts.records(), counts.profiles(), counts.recordsBySource(), store.mergedAwayCount(),
                    flags, counts.events(), counts.eventsOfKnownPersons(), rate(counts.events(),
                            counts.eventsOfKnownPersons()));
        }
        StoreStats s = store.stats();
        // per profile: {events, known person}
        Map<String, long[]> byProfile = new HashMap<>();
        store.scan(sr -> {
            long[] c = byProfile.computeIfAbsent(sr.profileId(), k -> new long[2]);
            SourceRecord r = sr.record();
            boolean event = r.first(FieldKind.EVENT) != null;
            if (event) {
                c[0]++;
            }
            for (Identifier id : r.identifiers()) {
                if (id.kind() != FieldKind.DEVICE_ID && placeholders.reason(id) == null) {
                    c[1] = 1;
                }
            }
            if (fromMemory) {
                engine.learnEvent(r.key(), event);
            }
        });
        long events = 0;
        long known = 0;
        for (long[] c : byProfile.values()) {
            events += c[0];
            known += c[1] == 1 ? c[0] : 0;
        }
        return new Stats(s.records(), s.profiles(), s.recordsBySource(), s.mergedAway(), s.flagsByStatus(), events,
                known, rate(events, known));
    }

    private static double rate(long events, long known) {
        return events == 0 ? 0 : (double) known / events;
    }

    static java.util.Set<String> identifiersOf(List<StoredRecord> records) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (StoredRecord r : records) {
            r.record().identifiers().forEach(i -> out.add(i.key()));
        }
        return out;
    }
}
