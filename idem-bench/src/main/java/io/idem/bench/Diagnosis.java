package io.idem.bench;

import io.idem.core.Engine;
import io.idem.core.match.Blocking;
import io.idem.core.match.FieldScore;
import io.idem.core.match.Level;
import io.idem.core.match.MatchDecision;
import io.idem.core.match.MatchRecord;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Placeholders;
import io.idem.core.resolve.PairExplanation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the missed pairs are: for every true pair the engine left in two profiles, whether
 * blocking made them candidates at all, what the scorer decided, and which fields disagreed. Also
 * finds the true pairs without any linking evidence (see {@link Evidence}). Diagnosis only: reads
 * the final state of the store.
 */
final class Diagnosis {
    /** How many never-compared pairs are printed ({@code -Didem.diagnose.samples=N} for more). */
    private static final int SAMPLES = Integer.getInteger("idem.diagnose.samples", 12);

    private Diagnosis() {
    }

    /** The records of a finished evaluation, by key. */
    static Map<RecordKey, SourceRecord> records(Engine engine) {
        Map<RecordKey, SourceRecord> out = new HashMap<>();
        engine.store().scan(r -> out.put(r.record().key(), r.record()));
        return out;
    }

    /** Prints the categories of the missed pairs and a histogram of the fields of the scored ones. */
    static void print(String dataset, Engine engine, Map<RecordKey, SourceRecord> records,
            Map<RecordKey, String> truth, Map<RecordKey, String> predicted, int maxBlock) {
        Map<RecordKey, long[]> keys = new HashMap<>();
        Map<Long, Integer> blockSize = new HashMap<>();
        for (Map.Entry<RecordKey, SourceRecord> e : records.entrySet()) {
            long[] k = Blocking.keys(MatchRecord.of(e.getValue()));
            keys.put(e.getKey(), k);
            for (long x : k) {
                blockSize.merge(x, 1, Integer::sum);
            }
        }
        Map<String, Long> category = new TreeMap<>();
        Map<String, Long> fields = new TreeMap<>();
        long missed = 0;
        List<String> uncompared = new ArrayList<>();
        List<String> apart = new ArrayList<>();
        for (List<RecordKey> person : Evidence.byPerson(truth, predicted.keySet()).values()) {
            for (int i = 0; i < person.size(); i++) {
                for (int j = i + 1; j < person.size(); j++) {
                    RecordKey a = person.get(i);
                    RecordKey b = person.get(j);
                    if (predicted.get(a).equals(predicted.get(b))) {
                        continue;
                    }
                    missed++;
                    PairExplanation x = engine.explain(a, b);
                    String c;
                    if (!x.sharedIdentifiers().isEmpty()) {
                        c = "shares an identifier, kept apart";
                        if (apart.size() < SAMPLES) {
                            apart.add(a + " ~ " + b + " share " + x.sharedIdentifiers() + ", scored "
                                    + x.decision() + " " + x.score().summary());
                        }
                    } else {
                        int common = commonKey(keys.get(a), keys.get(b), blockSize, maxBlock);
                        if (common < 2 && uncompared.size() < SAMPLES) {
                            uncompared.add(a + " " + MatchRecord.of(records.get(a)).encode().replace('\u001D', '|')
                                    + "  ~  " + b + " " + MatchRecord.of(records.get(b)).encode().replace('\u001D', '|'));
                        }
                        c = common == 0 ? "never compared: no common blocking key"
                                : common == 1 ? "never compared: common keys only in blocks over " + maxBlock
                                : "compared, " + x.decision().name().toLowerCase(Locale.ROOT)
                                        + (x.decision() == MatchDecision.Kind.MATCH ? " (kept apart by partition)" : "");
                        if (common == 2 && x.decision() != MatchDecision.Kind.MATCH) {
                            for (FieldScore f : x.score().fields()) {
                                fields.merge(String.format(Locale.ROOT, "%-11s %s", f.field().label(), f.level()), 1L,
                                        Long::sum);
                            }
                        }
                    }
                    category.merge(c, 1L, Long::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-10s missed pairs: %,d%n", dataset, missed);
        category.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %,8d  %s%n", v, k));
        uncompared.forEach(u -> System.out.println("    never compared: " + u));
        apart.forEach(u -> System.out.println("    kept apart: " + u));
        if (!fields.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-10s field levels of the compared, unlinked missed pairs:%n", dataset);
            fields.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %,8d  %s%n", v, k));
        }
    }

    /**
     * The split persons: every true person whose records ended in several profiles, cut into pieces
     * (the person's records in one profile). The largest piece is the person's main one; every other
     * piece is described by what its records carry (a document, loyalty or customer id; an email; a
     * phone; a device id; a name; birth date or place; nothing) and its sources, and the missed pairs
     * between it and the larger pieces are counted against that description. Shows which kind of
     * record is left out, where {@link #print} counts pairs.
     */
    static void pieces(String dataset, Map<RecordKey, SourceRecord> records, Map<RecordKey, String> truth,
            Map<RecordKey, String> predicted, Placeholders placeholders) {
        Map<String, long[]> byKind = new TreeMap<>();
        Map<String, List<String>> examples = new HashMap<>();
        for (Map.Entry<String, List<RecordKey>> who : Evidence.byPerson(truth, predicted.keySet()).entrySet()) {
            List<RecordKey> person = who.getValue();
            Map<String, List<RecordKey>> cut = new TreeMap<>();
            for (RecordKey k : person) {
                cut.computeIfAbsent(predicted.get(k), p -> new ArrayList<>()).add(k);
            }
            if (cut.size() < 2) {
                continue;
            }
            List<List<RecordKey>> sorted = new ArrayList<>(cut.values());
            sorted.sort((x, y) -> y.size() - x.size());
            int before = sorted.get(0).size();
            for (int i = 1; i < sorted.size(); i++) {
                List<RecordKey> piece = sorted.get(i);
                String kind = describe(piece, records, placeholders);
                long[] n = byKind.computeIfAbsent(kind, k -> new long[2]);
                List<String> ex = examples.computeIfAbsent(kind, k -> new ArrayList<>());
                if (ex.size() < SAMPLES) {
                    ex.add(who.getKey() + " " + piece.get(0));
                }
                n[0]++;
                n[1] += (long) before * piece.size();
                before += piece.size();
            }
        }
        System.out.printf(Locale.ROOT, "%-10s split persons: pieces apart from the main one, by what they carry%n",
                dataset);
        byKind.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .forEach(e -> System.out.printf(Locale.ROOT, "    %,8d pieces %,8d missed pairs  %s%s%n",
                        e.getValue()[0], e.getValue()[1], e.getKey(),
                        examples.get(e.getKey()).isEmpty() ? "" : ", e.g. " + examples.get(e.getKey())));
    }

    private static String describe(List<RecordKey> piece, Map<RecordKey, SourceRecord> records,
            Placeholders placeholders) {
        java.util.SortedSet<String> carries = new java.util.TreeSet<>();
        java.util.SortedSet<String> sources = new java.util.TreeSet<>();
        for (RecordKey k : piece) {
            sources.add(k.source());
            SourceRecord r = records.get(k);
            for (Identifier id : r.identifiers()) {
                if (placeholders.reason(id) != null) {
                    carries.add("placeholder");
                } else {
                    carries.add(switch (id.kind()) {
                        case DOCUMENT, LOYALTY_ID, CUSTOMER_ID -> "document";
                        case DEVICE_ID -> "device";
                        default -> id.kind().name().toLowerCase(Locale.ROOT);
                    });
                }
            }
            MatchRecord m = MatchRecord.of(r);
            if (m.nameTokens().length > 0) {
                carries.add("name");
            }
            if (m.birth() != null || m.postcode() != null || m.city() != null || m.address() != null) {
                carries.add("birth/place");
            }
        }
        return (carries.isEmpty() ? "nothing" : String.join("+", carries)) + " " + sources;
    }

    /**
     * How well the review queue's probabilities are calibrated: per band of match probability, the
     * open pairs and the share of them that really are one person.
     */
    static void reviewCalibration(String dataset, List<io.idem.core.store.PairReview> open,
            Map<RecordKey, String> truth) {
        double[] bands = {0, 0.5, 0.8, 0.9, 0.95, 0.98, 1};
        long[] pairs = new long[bands.length - 1];
        long[] same = new long[bands.length - 1];
        List<List<String>> wrong = new ArrayList<>();
        for (int b = 0; b < pairs.length; b++) {
            wrong.add(new ArrayList<>());
        }
        Map<String, long[]> byReason = new java.util.HashMap<>();
        for (io.idem.core.store.PairReview r : open) {
            int b = 0;
            while (b < pairs.length - 1 && r.score() >= bands[b + 1]) {
                b++;
            }
            pairs[b]++;
            String ta = truth.get(r.a());
            boolean one = ta != null && ta.equals(truth.get(r.b()));
            same[b] += one ? 1 : 0;
            long[] tally = byReason.computeIfAbsent(evidence(r.reason()), k -> new long[2]);
            tally[0]++;
            tally[1] += one ? 1 : 0;
            if (!one && wrong.get(b).size() < SAMPLES / 4) {
                wrong.get(b).add(String.format(Locale.ROOT, "%s ~ %s %.3f: %s", r.a(), r.b(), r.score(), r.reason()));
            }
        }
        System.out.printf(Locale.ROOT, "%-10s review queue by match probability:%n", dataset);
        for (int b = 0; b < pairs.length; b++) {
            if (pairs[b] > 0) {
                System.out.printf(Locale.ROOT, "    %.2f-%.2f  %,6d pairs  %5.1f%% one person%n", bands[b], bands[b + 1],
                        pairs[b], 100.0 * same[b] / pairs[b]);
                for (String w : wrong.get(b)) {
                    System.out.println("        two people: " + w);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-10s review queue by the evidence that put a pair there (most pairs first):%n",
                dataset);
        byReason.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(SAMPLES)
                .forEach(e -> System.out.printf(Locale.ROOT, "    %,6d pairs  %5.1f%% one person  %s%n", e.getValue()[0],
                        100.0 * e.getValue()[1] / e.getValue()[0], e.getKey()));
    }

    /** The deciding fields of a review's reason, in a fixed order: "score 0.512: b, a" gives "a, b". */
    static String evidence(String reason) {
        int colon = reason.indexOf(": ");
        String fields = colon >= 0 ? reason.substring(colon + 2) : reason;
        List<String> parts = new ArrayList<>(List.of(fields.split(
                ", (?=(given name|surname|birth date|document|phone|email|address|postcode|city|gender)\\b)")));
        java.util.Collections.sort(parts);
        return String.join(", ", parts);
    }

    /** 0: no common key; 1: common keys, all in blocks larger than {@code maxBlock}; 2: a usable common key. */
    private static int commonKey(long[] a, long[] b, Map<Long, Integer> size, int maxBlock) {
        int best = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                best = Math.max(best, size.get(a[i]) <= maxBlock ? 2 : 1);
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return best;
    }

    /**
     * True pairs without linking evidence: two records of one person are connected when they share
     * a valid identifier that is not a placeholder, directly or through other records of the same
     * person. A connected group of a person's records that carries nothing but device ids (no name,
     * no other identifier, no birth date, address, postcode or city) has nothing any engine could
     * link to the person's other records: an app device that never logged in. Every pair between
     * such a group and the rest of the person is a pair without evidence.
     */
    static final class Evidence {
        private Evidence() {
        }

        static Map<String, List<RecordKey>> byPerson(Map<RecordKey, String> truth, java.util.Set<RecordKey> only) {
            Map<String, List<RecordKey>> out = new TreeMap<>();
            for (Map.Entry<RecordKey, String> e : new TreeMap<>(truth).entrySet()) {
                if (only.contains(e.getKey())) {
                    out.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
                }
            }
            return out;
        }

        /**
         * The truth with every record of an evidence-less group moved to a person of its own, so that
         * pairwise metrics over it count only the true pairs with evidence (pairs inside the group,
         * which share a device id, still count). Returns {@code truth} itself when nothing moved.
         */
        /**
         * What the evidence check needs of a record, and nothing more (a million whole records do not
         * fit beside a loaded engine in 2 GB): whether it carries person data to compare, and its
         * identifiers that are not placeholders.
         */
        record Summary(boolean personData, List<Identifier> identifiers) {
            static Summary of(SourceRecord r, Placeholders placeholders) {
                List<Identifier> usable = new ArrayList<>(2);
                for (Identifier id : r.identifiers()) {
                    if (placeholders.reason(id) == null) {
                        usable.add(id);
                    }
                }
                return new Summary(!MatchRecord.of(r).isEmpty(), List.copyOf(usable));
            }
        }

        /** The {@link Summary} of every stored record, read in one scan. */
        static Map<RecordKey, Summary> summaries(Engine engine, Placeholders placeholders) {
            Map<RecordKey, Summary> out = new HashMap<>();
            engine.store().scan(r -> out.put(r.record().key(), Summary.of(r.record(), placeholders)));
            return out;
        }

        static Map<RecordKey, String> withEvidence(Map<RecordKey, String> truth, Map<RecordKey, Summary> records) {
            Map<RecordKey, String> out = new HashMap<>(truth);
            boolean moved = false;
            for (Map.Entry<String, List<RecordKey>> person : byPerson(truth, records.keySet()).entrySet()) {
                List<RecordKey> keys = person.getValue();
                int[] parent = new int[keys.size()];
                for (int i = 0; i < parent.length; i++) {
                    parent[i] = i;
                }
                Map<String, Integer> firstCarrier = new HashMap<>();
                boolean[] linkable = new boolean[keys.size()];
                for (int i = 0; i < keys.size(); i++) {
                    Summary r = records.get(keys.get(i));
                    boolean onlyDevices = !r.personData();
                    for (Identifier id : r.identifiers()) {
                        if (id.kind() != FieldKind.DEVICE_ID) {
                            onlyDevices = false;
                        }
                        Integer other = firstCarrier.putIfAbsent(id.key(), i);
                        if (other != null) {
                            parent[find(parent, i)] = find(parent, other);
                        }
                    }
                    linkable[i] = !onlyDevices;
                }
                Map<Integer, Boolean> groupLinkable = new HashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    groupLinkable.merge(find(parent, i), linkable[i], Boolean::logicalOr);
                }
                if (groupLinkable.size() < 2) {
                    continue;
                }
                for (int i = 0; i < keys.size(); i++) {
                    int root = find(parent, i);
                    if (!groupLinkable.get(root)) {
                        out.put(keys.get(i), person.getKey() + "\u0000no-evidence-" + root);
                        moved = true;
                    }
                }
            }
            return moved ? out : truth;
        }

        private static int find(int[] parent, int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }
    }
}
