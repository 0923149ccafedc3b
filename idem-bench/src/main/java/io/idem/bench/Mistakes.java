package io.idem.bench;

import io.idem.core.Engine;
import io.idem.core.match.FieldScore;
import io.idem.core.match.Level;
import io.idem.core.model.RecordKey;
import io.idem.core.resolve.PairExplanation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Prints pairs the engine got wrong, with their explanation: what tuning looks at. */
final class Mistakes {
    private Mistakes() {
    }

    static void print(Engine engine, Map<RecordKey, String> truth, Map<RecordKey, String> predicted, int max) {
        Map<String, List<RecordKey>> byPerson = group(truth, predicted.keySet());
        Map<String, List<RecordKey>> byProfile = group(predicted, truth.keySet());
        pairs("missed", engine, byPerson, predicted, max);
        pairs("wrong ", engine, byProfile, truth, max);
        mixed(engine, byProfile, truth, max);
    }

    /**
     * Up to {@code max} profiles holding several true persons: who is in each, and the pairs across
     * two persons that carry a reason to be joined (a shared identifier, or a score that merges):
     * the bridges that mixed them, without the thousands of pairs that follow from them.
     */
    private static void mixed(Engine engine, Map<String, List<RecordKey>> byProfile, Map<RecordKey, String> truth,
            int max) {
        int shown = 0;
        Map<String, Integer> kinds = new TreeMap<>();
        for (Map.Entry<String, List<RecordKey>> profile : byProfile.entrySet()) {
            Map<String, List<RecordKey>> persons = new TreeMap<>();
            for (RecordKey k : profile.getValue()) {
                persons.computeIfAbsent(truth.get(k), p -> new ArrayList<>()).add(k);
            }
            if (persons.size() < 2) {
                continue;
            }
            boolean show = shown++ < max;
            if (show) {
                StringBuilder who = new StringBuilder();
                persons.forEach((p, keys) -> who.append(' ').append(p).append(' ').append(keys));
                System.out.println("mixed  " + profile.getKey() + ":" + who);
            }
            List<RecordKey> keys = profile.getValue();
            int bridges = 0;
            String kind = "no bridge among the first 40 records";
            for (int i = 0; i < keys.size() && i < 40 && bridges < (show ? 4 : 1); i++) {
                for (int j = i + 1; j < keys.size() && j < 40 && bridges < (show ? 4 : 1); j++) {
                    if (truth.get(keys.get(i)).equals(truth.get(keys.get(j)))) {
                        continue;
                    }
                    PairExplanation x = engine.explain(keys.get(i), keys.get(j));
                    if (!x.sharedIdentifiers().isEmpty() || x.decision() == io.idem.core.match.MatchDecision.Kind.MATCH) {
                        if (bridges == 0) {
                            kind = bridgeKind(x);
                        }
                        if (show) {
                            System.out.println("  bridge " + describe(x).replace("\n", "\n  "));
                        }
                        bridges++;
                    }
                }
            }
            kinds.merge(kind, 1, Integer::sum);
        }
        kinds.forEach((k, n) -> System.out.printf(Locale.ROOT, "mixed profiles bridged by %s: %,d%n", k, n));
    }

    /** What joined two persons: the kinds of identifier they share and their sources, or a fuzzy match. */
    private static String bridgeKind(PairExplanation x) {
        java.util.TreeSet<String> shared = new java.util.TreeSet<>();
        for (String id : x.sharedIdentifiers()) {
            shared.add(id.substring(0, Math.max(0, id.indexOf(':'))) + (id.contains("(shared)") ? " (shared)" : ""));
        }
        String sources = x.a().source() + "+" + x.b().source();
        return (shared.isEmpty() ? "a fuzzy match" : "a shared " + String.join(", ", shared)) + ", " + sources;
    }

    /** Pairs inside one group of {@code groups} that {@code other} puts apart, with their explanation. */
    private static void pairs(String label, Engine engine, Map<String, List<RecordKey>> groups,
            Map<RecordKey, String> other, int max) {
        int shown = 0;
        for (List<RecordKey> keys : groups.values()) {
            for (int i = 0; i < keys.size() && shown < max; i++) {
                for (int j = i + 1; j < keys.size() && shown < max; j++) {
                    if (!other.get(keys.get(i)).equals(other.get(keys.get(j)))) {
                        System.out.println(label + " " + describe(engine.explain(keys.get(i), keys.get(j))));
                        shown++;
                    }
                }
            }
        }
    }

    private static Map<String, List<RecordKey>> group(Map<RecordKey, String> by, java.util.Set<RecordKey> only) {
        Map<String, List<RecordKey>> out = new TreeMap<>();
        for (Map.Entry<RecordKey, String> e : new TreeMap<>(by).entrySet()) {
            if (only.contains(e.getKey())) {
                out.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        return out;
    }

    private static String describe(PairExplanation x) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s ~ %s  p=%.4f w=%.1f %s shared=%s:",
                x.a(), x.b(), x.score().probability(), x.score().weight(), x.decision(), x.sharedIdentifiers()));
        for (FieldScore f : x.score().fields()) {
            if (f.level() != Level.MISSING) {
                sb.append(String.format(Locale.ROOT, "%n    %-11s %-14s %+6.1f  %s", f.field().label(), f.level(),
                        f.weight(), f.detail()));
            }
        }
        return sb.toString();
    }

}
