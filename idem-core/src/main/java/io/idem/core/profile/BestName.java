package io.idem.core.profile;

import io.idem.core.model.FieldKind;
import io.idem.core.model.SourceRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The display name of a profile: the most frequent full name among its records (first name + last
 * name, or the full-name column). Ties go to the longer name (more complete), then to a name written
 * with accents (clerks drop them), then alphabetically.
 */
public final class BestName {
    private BestName() {
    }

    public static String of(List<SourceRecord> records) {
        Map<String, Integer> counts = new HashMap<>();
        for (SourceRecord r : records) {
            String n = nameOf(r);
            if (n != null) {
                counts.merge(n, 1, Integer::sum);
            }
        }
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String n = e.getKey();
            int c = e.getValue();
            if (best == null || c > bestCount || (c == bestCount && better(n, best))) {
                best = n;
                bestCount = c;
            }
        }
        return best == null ? "" : best;
    }

    private static boolean better(String a, String b) {
        if (a.length() != b.length()) {
            return a.length() > b.length();
        }
        boolean accA = !a.chars().allMatch(ch -> ch < 128);
        boolean accB = !b.chars().allMatch(ch -> ch < 128);
        if (accA != accB) {
            return accA;
        }
        return a.compareTo(b) < 0;
    }

    /** The person name written in a record, or null. */
    public static String nameOf(SourceRecord r) {
        String first = r.first(FieldKind.FIRST_NAME);
        String last = r.first(FieldKind.LAST_NAME);
        if (first != null || last != null) {
            return ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        }
        return r.first(FieldKind.FULL_NAME);
    }
}
