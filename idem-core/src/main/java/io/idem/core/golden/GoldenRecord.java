package io.idem.core.golden;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.SourceRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The best value of every person attribute of a profile, each with its provenance. A pure
 * function of the records and the configuration: survivorship is a function per attribute over
 * timestamped values, never list order.
 */
public final class GoldenRecord {

    /**
     * One surviving value.
     *
     * @param value the normalised value
     * @param rule the rule that chose it
     * @param source where it came from
     * @param recordId the record that carried it (the most trusted, then latest, of those)
     * @param at when that record says it happened (event time, else time received), epoch millis
     * @param records how many records carry this value
     * @param alternatives how many other distinct values the profile has for the attribute
     */
    public record Value(String value, String rule, String source, String recordId, long at, int records,
            int alternatives) {
    }

    private record Candidate(String value, String source, String recordId, long at) {
    }

    private GoldenRecord() {
    }

    public static Map<String, Value> of(List<SourceRecord> records, SurvivorshipConfig config) {
        Map<FieldKind, List<Candidate>> byKind = new TreeMap<>();
        for (SourceRecord r : records) {
            long at = when(r);
            for (Field f : r.fields()) {
                if (f.valid() && f.kind().group() == FieldKind.Group.PERSON) {
                    byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>())
                            .add(new Candidate(f.normalized(), r.key().source(), r.key().recordId(), at));
                }
            }
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<FieldKind, List<Candidate>> e : byKind.entrySet()) {
            out.put(e.getKey().key(), choose(e.getValue(), config.ruleFor(e.getKey()), config));
        }
        return out;
    }

    /** The record's own time: its event timestamp when it has one, else when idem received it. */
    public static long when(SourceRecord r) {
        String ts = r.first(FieldKind.TIMESTAMP);
        if (ts != null) {
            try {
                return java.time.Instant.parse(ts).toEpochMilli();
            } catch (java.time.format.DateTimeParseException ignored) {
                // fall through to the ingestion time
            }
        }
        return r.ingestedAt();
    }

    static Value choose(List<Candidate> candidates, Rule rule, SurvivorshipConfig config) {
        // per distinct value: how many records, best rank, latest time, and the best carrier
        Map<String, List<Candidate>> byValue = new HashMap<>();
        for (Candidate c : candidates) {
            byValue.computeIfAbsent(c.value(), k -> new ArrayList<>()).add(c);
        }
        Comparator<Candidate> carrierOrder = Comparator.comparingInt((Candidate c) -> config.rank(c.source()))
                .thenComparing(Comparator.comparingLong(Candidate::at).reversed())
                .thenComparing(Candidate::source).thenComparing(Candidate::recordId);
        Comparator<List<Candidate>> tie = Comparator
                .comparingInt((List<Candidate> l) -> l.stream().mapToInt(c -> config.rank(c.source())).min().orElse(0))
                .thenComparing(Comparator.comparingLong((List<Candidate> l) ->
                        l.stream().mapToLong(Candidate::at).max().orElse(0)).reversed())
                .thenComparing(l -> l.get(0).value());
        Comparator<List<Candidate>> primary = switch (rule) {
            case MOST_RECENT -> Comparator.comparingLong((List<Candidate> l) ->
                    l.stream().mapToLong(Candidate::at).max().orElse(0)).reversed();
            case MOST_FREQUENT -> Comparator.comparingInt((List<Candidate> l) -> l.size()).reversed();
            case SOURCE_PRIORITY -> Comparator.comparingInt((List<Candidate> l) ->
                    l.stream().mapToInt(c -> config.rank(c.source())).min().orElse(0));
            case MOST_COMPLETE -> Comparator.comparingInt((List<Candidate> l) -> l.get(0).value().length()).reversed();
        };
        List<Candidate> best = byValue.values().stream().min(primary.thenComparing(tie)).orElseThrow();
        Candidate carrier = best.stream().min(carrierOrder).orElseThrow();
        return new Value(carrier.value(), rule.key(), carrier.source(), carrier.recordId(), carrier.at(), best.size(),
                byValue.size() - 1);
    }
}
