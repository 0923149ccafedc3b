package io.idem.core.profile;

import io.idem.core.golden.GoldenRecord;
import io.idem.core.golden.SurvivorshipConfig;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.LogEntry;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A profile as shown to people: derived from its records every time, never stored.
 *
 * @param profileId the live id
 * @param requestedId the id that was asked for, when it was merged into {@code profileId}; else null
 * @param name the best display name (from the golden first and last name, or full name)
 * @param golden the best value of each person attribute, with the rule that chose it and its provenance
 * @param identifiers each identifier with the sources that gave it, first and last seen
 * @param consents per channel and contact point, the latest decision (an opt-out wins a tie)
 * @param attributes person attributes, every value with where it came from, newest first
 * @param records the records, ordered by key
 * @param history resolution log lines mentioning the profile
 */
public record ProfileView(String profileId, String requestedId, String name, Map<String, GoldenRecord.Value> golden,
        List<IdentifierView> identifiers, List<ConsentView> consents,
        Map<String, List<AttributeValue>> attributes, List<RecordView> records, List<LogEntry> history) {

    /** An identifier of the profile. {@code status} is ok, shared, quarantined or placeholder. */
    public record IdentifierView(String kind, String value, List<String> sources, int records, String status,
            long firstSeen, long lastSeen) {
    }

    /**
     * The consent in force for one channel and contact point ({@code *} when the record that gave
     * it had no contact point of that kind), with the decision's provenance and how many decisions
     * the profile's records hold for it.
     */
    public record ConsentView(String channel, String contact, String status, String source, String recordId, long at,
            int decisions) {
    }

    /** One value of an attribute with its provenance. */
    public record AttributeValue(String value, String source, String recordId, long at) {
    }

    /** A record of the profile: raw fields as received, normalised forms and problems. */
    public record RecordView(String source, String recordId, String linkReason, long ingestedAt,
            Map<String, String> fields, Map<String, String> normalized, Map<String, String> problems) {
    }

    /** Builds the view of a profile from its records, with the default survivorship rules. */
    public static ProfileView of(String profileId, String requestedId, List<StoredRecord> stored,
            Map<String, ValueFlag> flags, PlaceholderCheck placeholders, List<LogEntry> history) {
        return of(profileId, requestedId, stored, flags, placeholders, history, SurvivorshipConfig.defaults());
    }

    /** Builds the view of a profile from its records. */
    public static ProfileView of(String profileId, String requestedId, List<StoredRecord> stored,
            Map<String, ValueFlag> flags, PlaceholderCheck placeholders, List<LogEntry> history,
            SurvivorshipConfig survivorship) {
        Map<Identifier, long[]> seen = new TreeMap<>();
        Map<Identifier, TreeSet<String>> idSources = new TreeMap<>();
        Map<Identifier, Integer> idCounts = new TreeMap<>();
        Map<String, List<AttributeValue>> attributes = new TreeMap<>();
        List<RecordView> records = new ArrayList<>();
        List<SourceRecord> plain = new ArrayList<>();
        Map<Identifier, Integer> carriers = new java.util.HashMap<>();
        for (StoredRecord sr : stored) {
            for (Identifier id : sr.record().identifiers()) {
                carriers.merge(id, 1, Integer::sum);
            }
        }
        for (StoredRecord sr : stored) {
            SourceRecord r = sr.record();
            plain.add(r);
            long when = GoldenRecord.when(r);
            for (Identifier id : r.identifiers()) {
                idSources.computeIfAbsent(id, k -> new TreeSet<>()).add(r.key().source());
                idCounts.merge(id, 1, Integer::sum);
                long[] span = seen.computeIfAbsent(id, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                span[0] = Math.min(span[0], when);
                span[1] = Math.max(span[1], when);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, String> normalized = new LinkedHashMap<>();
            Map<String, String> problems = new LinkedHashMap<>();
            for (Field f : r.fields()) {
                fields.put(f.column(), f.raw());
                if (f.normalized() != null) {
                    normalized.putIfAbsent(f.kind().key(), f.normalized());
                }
                if (f.problem() != null) {
                    problems.put(f.column(), f.problem());
                }
                if (f.valid() && f.kind().group() == FieldKind.Group.PERSON) {
                    attributes.computeIfAbsent(f.kind().key(), k -> new ArrayList<>())
                            .add(new AttributeValue(f.normalized(), r.key().source(), r.key().recordId(),
                                    r.ingestedAt()));
                }
            }
            records.add(new RecordView(r.key().source(), r.key().recordId(),
                    linkReason(r, carriers, flags, placeholders), r.ingestedAt(),
                    fields, normalized, problems));
        }
        List<IdentifierView> ids = new ArrayList<>();
        for (Map.Entry<Identifier, TreeSet<String>> e : idSources.entrySet()) {
            Identifier id = e.getKey();
            String status = "ok";
            if (placeholders.reason(id) != null) {
                status = "placeholder";
            } else if (flags.containsKey(id.key())) {
                status = flags.get(id.key()).status();
            }
            long[] span = seen.get(id);
            ids.add(new IdentifierView(id.kind().key(), id.value(), new ArrayList<>(e.getValue()),
                    idCounts.get(id), status, span[0], span[1]));
        }
        for (List<AttributeValue> values : attributes.values()) {
            values.sort(Comparator.comparingLong(AttributeValue::at).reversed()
                    .thenComparing(AttributeValue::source).thenComparing(AttributeValue::recordId));
        }
        Map<String, GoldenRecord.Value> golden = GoldenRecord.of(plain, survivorship);
        return new ProfileView(profileId, requestedId, goldenName(golden, plain), golden, ids, consents(plain),
                attributes, records, history);
    }

    /** Latest decision per channel and contact point; records are the history of decisions. */
    static List<ConsentView> consents(List<SourceRecord> records) {
        Map<String, ConsentView> latest = new TreeMap<>();
        for (SourceRecord r : records) {
            long at = GoldenRecord.when(r);
            for (Field f : r.fields()) {
                if (f.kind().group() != FieldKind.Group.CONSENT || !f.valid()) {
                    continue;
                }
                String channel = f.kind().key().substring("consent_".length());
                FieldKind contactKind = switch (f.kind()) {
                    case CONSENT_EMAIL -> FieldKind.EMAIL;
                    case CONSENT_PUSH -> FieldKind.DEVICE_ID;
                    default -> FieldKind.PHONE;
                };
                List<String> contacts = r.identifiers().stream().filter(i -> i.kind() == contactKind)
                        .map(Identifier::value).toList();
                for (String contact : contacts.isEmpty() ? List.of("*") : contacts) {
                    String key = channel + '\u0000' + contact;
                    ConsentView prior = latest.get(key);
                    int decisions = prior == null ? 1 : prior.decisions() + 1;
                    boolean newer = prior == null || at > prior.at()
                            || (at == prior.at() && "opt_out".equals(f.normalized()));
                    latest.put(key, newer
                            ? new ConsentView(channel, contact, f.normalized(), r.key().source(), r.key().recordId(), at,
                                    decisions)
                            : new ConsentView(prior.channel(), prior.contact(), prior.status(), prior.source(),
                                    prior.recordId(), prior.at(), decisions));
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    private static String goldenName(Map<String, GoldenRecord.Value> golden, List<SourceRecord> records) {
        GoldenRecord.Value first = golden.get(FieldKind.FIRST_NAME.key());
        GoldenRecord.Value last = golden.get(FieldKind.LAST_NAME.key());
        if (first != null || last != null) {
            return ((first == null ? "" : first.value()) + " " + (last == null ? "" : last.value())).trim();
        }
        GoldenRecord.Value full = golden.get(FieldKind.FULL_NAME.key());
        return full != null ? full.value() : BestName.of(records);
    }

    /** Strongest kinds first: what ties a record to the rest of its profile, said first. */
    private static final List<FieldKind> STRENGTH = List.of(FieldKind.DOCUMENT, FieldKind.LOYALTY_ID,
            FieldKind.CUSTOMER_ID, FieldKind.SOCIAL_ID, FieldKind.EMAIL, FieldKind.DEVICE_ID, FieldKind.PHONE);

    /**
     * The strongest usable identifier a record shares with another record of the profile, as
     * {@code kind:value}; empty when it shares none (alone, or joined by a review decision).
     */
    static String linkReason(SourceRecord r, Map<Identifier, Integer> carriers, Map<String, ValueFlag> flags,
            PlaceholderCheck placeholders) {
        Identifier best = null;
        for (Identifier id : r.identifiers()) {
            if (carriers.getOrDefault(id, 0) < 2 || placeholders.reason(id) != null) {
                continue;
            }
            ValueFlag f = flags.get(id.key());
            if (f != null && "quarantined".equals(f.status())) {
                continue;
            }
            if (best == null || STRENGTH.indexOf(id.kind()) < STRENGTH.indexOf(best.kind())) {
                best = id;
            }
        }
        return best == null ? "" : best.key();
    }

    /** Tells whether an identifier is a placeholder (a view of the configured blocklist). */
    @FunctionalInterface
    public interface PlaceholderCheck {
        String reason(Identifier id);
    }
}
