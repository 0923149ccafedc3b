package io.idem.core.match;

/** String similarity measures used by the comparators. */
public final class Similarity {
    private Similarity() {
    }

    /**
     * Jaro-Winkler similarity in [0, 1]: 1 for equal strings, rewarding a common prefix of up to
     * four characters with the usual scaling factor 0.1.
     */
    public static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        if (la > 64 || lb > 64) {
            return jaroWinklerLong(a, b);
        }
        // names: which characters matched are kept in two 64-bit masks, nothing is allocated
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        long usedA = 0;
        long usedB = 0;
        int matches = 0;
        for (int i = 0; i < la; i++) {
            char c = a.charAt(i);
            int to = Math.min(lb - 1, i + window);
            for (int j = Math.max(0, i - window); j <= to; j++) {
                if ((usedB & (1L << j)) == 0 && b.charAt(j) == c) {
                    usedB |= 1L << j;
                    usedA |= 1L << i;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        // the k-th matched character of a against the k-th matched character of b
        int halfTranspositions = 0;
        long restB = usedB;
        for (long restA = usedA; restA != 0; restA &= restA - 1) {
            int i = Long.numberOfTrailingZeros(restA);
            int j = Long.numberOfTrailingZeros(restB);
            restB &= restB - 1;
            if (a.charAt(i) != b.charAt(j)) {
                halfTranspositions++;
            }
        }
        return winkler(a, b, matches, halfTranspositions);
    }

    /** {@link #jaroWinkler} for strings longer than 64 characters (any length works; tests compare both paths). */
    static double jaroWinklerLong(String a, String b) {
        int la = a.length();
        int lb = b.length();
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        boolean[] usedB = new boolean[lb];
        char[] matchedA = new char[la];
        int matches = 0;
        for (int i = 0; i < la; i++) {
            char c = a.charAt(i);
            int from = Math.max(0, i - window);
            int to = Math.min(lb - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!usedB[j] && b.charAt(j) == c) {
                    usedB[j] = true;
                    matchedA[matches++] = c;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = 0;
        int k = 0;
        for (int j = 0; j < lb; j++) {
            if (usedB[j]) {
                if (b.charAt(j) != matchedA[k]) {
                    halfTranspositions++;
                }
                k++;
            }
        }
        return winkler(a, b, matches, halfTranspositions);
    }

    /** Jaro from the matches and half-transpositions, raised for a common prefix of up to four characters. */
    private static double winkler(String a, String b, int matches, int halfTranspositions) {
        int la = a.length();
        int lb = b.length();
        double m = matches;
        double jaro = (m / la + m / lb + (m - halfTranspositions / 2.0) / m) / 3.0;
        int prefix = 0;
        int maxPrefix = Math.min(4, Math.min(la, lb));
        while (prefix < maxPrefix && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }

    /**
     * True when two different strings are one edit apart: one character substituted, inserted or
     * deleted, or two adjacent characters swapped.
     */
    public static boolean oneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true; // substitution
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2);
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }

    /** True when two strings are at most two edits (substitution, insertion, deletion) apart. */
    public static boolean twoEditsAtMost(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 2) {
            return false;
        }
        int[] prev = new int[lb + 1];
        int[] cur = new int[lb + 1];
        for (int j = 0; j <= lb; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= la; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= lb; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > 2) {
                return false;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[lb] <= 2;
    }
}
