package io.idem.core.match;

import java.util.Set;

/** Graded comparisons of single attributes: each returns the {@link Level} two values agree at. */
final class Comparators {
    private static final Set<String> CABA = Set.of("caba", "c a b a", "capital federal", "ciudad autonoma de buenos aires");

    private Comparators() {
    }

    /** Two name tokens: exact, sounds alike, close or similar spelling, initial, or different. */
    static Level token(String x, String y) {
        if (x.equals(y)) {
            return Level.EXACT;
        }
        if (x.length() == 1 || y.length() == 1) {
            return x.charAt(0) == y.charAt(0) ? Level.INITIAL : Level.DIFFERENT;
        }
        if (x.length() >= 3 && y.length() >= 3 && Phonetic.cached(x).equals(Phonetic.cached(y))) {
            return Level.PHONETIC;
        }
        double jw = Similarity.jaroWinkler(x, y);
        if (jw >= 0.92 || (Math.min(x.length(), y.length()) >= 4 && Similarity.oneEdit(x, y))) {
            return Level.CLOSE;
        }
        return jw >= 0.85 ? Level.SIMILAR : Level.DIFFERENT;
    }

    /**
     * Two names given as token lists (a first name, a surname, possibly compound). Every token of the
     * shorter must agree with a token of the longer; when it agrees exactly and the longer has more
     * tokens ({@code juan} against {@code juan martin}) the level is {@link Level#PARTIAL}. Two
     * compound names agreeing on one part only ({@code maria laura} / {@code maria jose}) are
     * different.
     */
    static Level tokens(String[] x, String[] y) {
        if (x.length == 0 || y.length == 0) {
            return Level.MISSING;
        }
        String[] small = x.length <= y.length ? x : y;
        String[] large = small == x ? y : x;
        int worst = Integer.MAX_VALUE;
        for (String s : small) {
            int best = 0;
            for (String l : large) {
                best = Math.max(best, rank(token(s, l)));
                if (best == rank(Level.EXACT)) {
                    break;
                }
            }
            if (best == 0) {
                return Level.DIFFERENT;
            }
            worst = Math.min(worst, best);
        }
        Level level = level(worst);
        if (large.length > small.length && level == Level.EXACT) {
            return Level.PARTIAL;
        }
        return level;
    }

    /** The rank of an exact agreement in {@link #rank}. */
    static final int EXACT_RANK = 6;

    /** How good a token level is: 6 exact ... 2 initial, 0 different. */
    static int rank(Level l) {
        return switch (l) {
            case EXACT -> 6;
            case PHONETIC -> 5;
            case CLOSE -> 4;
            case SIMILAR -> 3;
            case INITIAL -> 2;
            default -> 0;
        };
    }

    static Level level(int rank) {
        return switch (rank) {
            case 6 -> Level.EXACT;
            case 5 -> Level.PHONETIC;
            case 4 -> Level.CLOSE;
            case 3 -> Level.SIMILAR;
            case 2 -> Level.INITIAL;
            default -> Level.DIFFERENT;
        };
    }

    /** Birth dates {@code YYYY-MM-DD}: exact, day and month swapped, one component off, different. */
    static Level date(String a, String b) {
        if (a == null || b == null) {
            return Level.MISSING;
        }
        if (a.equals(b)) {
            return Level.EXACT;
        }
        if (a.length() != 10 || b.length() != 10) {
            return Level.DIFFERENT;
        }
        boolean year = a.regionMatches(0, b, 0, 4);
        boolean month = a.regionMatches(5, b, 5, 2);
        boolean day = a.regionMatches(8, b, 8, 2);
        if (year && a.regionMatches(5, b, 8, 2) && a.regionMatches(8, b, 5, 2)) {
            return Level.SWAPPED;
        }
        int same = (year ? 1 : 0) + (month ? 1 : 0) + (day ? 1 : 0);
        if (same == 2) {
            return Level.ONE_OFF;
        }
        long days = daysApart(a, b);
        if (days >= 0 && days < 366) {
            return Level.NEAR;
        }
        return digitsApart(a, b) <= 2 ? Level.TWO_DIGITS : Level.DIFFERENT;
    }

    /** In how many places two dates {@code YYYY-MM-DD} differ (characters compared one to one). */
    private static int digitsApart(String a, String b) {
        int n = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                n++;
            }
        }
        return n;
    }

    /** Days between two dates {@code YYYY-MM-DD}, or -1 when one does not parse. */
    private static long daysApart(String a, String b) {
        long da = epochDay(a);
        long db = epochDay(b);
        return da == Long.MIN_VALUE || db == Long.MIN_VALUE ? -1 : Math.abs(da - db);
    }

    /**
     * The epoch day of a date {@code YYYY-MM-DD}, or {@code Long.MIN_VALUE} when it is not one.
     * Cut by hand: this runs for compared candidates, where {@code LocalDate.parse} and its
     * formatter were a tenth of the matching thread's time.
     */
    private static long epochDay(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return Long.MIN_VALUE;
        }
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 7);
        int d = digits(s, 8, 10);
        if (y < 0 || m < 0 || d < 0) {
            return Long.MIN_VALUE;
        }
        try {
            return java.time.LocalDate.of(y, m, d).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The number written in {@code s[from, to)}, or -1 when it holds anything but ASCII digits. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The level of one pair of values of a multi-valued field. */
    @FunctionalInterface
    private interface PairLevel {
        Level of(String x, String y);
    }

    /**
     * The best level over every pair of values: exact as soon as one pair is equal, else the
     * first-listed level of {@link Level} any pair reaches, else different; missing when a side has none.
     */
    private static Level best(String[] a, String[] b, PairLevel level) {
        if (a.length == 0 || b.length == 0) {
            return Level.MISSING;
        }
        Level best = Level.DIFFERENT;
        for (String x : a) {
            for (String y : b) {
                if (x.equals(y)) {
                    return Level.EXACT;
                }
                Level l = level.of(x, y);
                if (l.ordinal() < best.ordinal()) {
                    best = l;
                }
            }
        }
        return best;
    }

    /** Documents: equal, one edit or transposition apart, different (best over all pairs). */
    static Level documents(String[] a, String[] b) {
        return best(a, b, (x, y) -> Similarity.oneEdit(x, y) ? Level.ONE_EDIT : Level.DIFFERENT);
    }

    /** Phones in E.164: equal, same last 8 digits, different. */
    static Level phones(String[] a, String[] b) {
        return best(a, b, (x, y) -> x.length() >= 8 && y.length() >= 8
                && x.regionMatches(x.length() - 8, y, y.length() - 8, 8) ? Level.SAME_NUMBER : Level.DIFFERENT);
    }

    /**
     * Emails: equal, one letter typo apart (or one typo of any kind in the domain), two letter typos
     * apart (close; or two typos in the domain), same local part at another domain, different. Addresses differing by a separator or a digit ({@code juan.perez} / {@code juanperez2}) are
     * different: that is how namesakes' addresses differ.
     */
    static Level emails(String[] a, String[] b) {
        return best(a, b, Comparators::emailPair);
    }

    /**
     * {@link #emails(String[], String[])}, where an agreement short of equal that lies only in what
     * each record's own name spells is {@link Level#SPELLED}: the same local part at another domain,
     * or local parts a typo apart, when each is the owner's name tokens (and initials, particles and
     * separators) and nothing else. {@code maria.gonzalez@gmail.com} and {@code mariagonzalez@yahoo.com}
     * say no more than that both records are named María González, which the names have counted;
     * {@code mgonzalez78@} on two domains, or a typo in the domain, still count as before.
     *
     * @param aNames comparison-form name tokens of the record with emails {@code a}, or null when unknown
     */
    static Level emails(String[] a, String[] aNames, String[] b, String[] bNames) {
        return best(a, b, (x, y) -> {
            Level l = emailPair(x, y);
            boolean localDiffers = l == Level.SAME_LOCAL || (l == Level.ONE_EDIT || l == Level.CLOSE)
                    && !x.regionMatches(0, y, 0, Math.max(x.indexOf('@'), y.indexOf('@')) + 1);
            return localDiffers && spelledByName(x, aNames) && spelledByName(y, bNames) ? Level.SPELLED : l;
        });
    }

    private static final java.util.Set<String> PARTICLES = java.util.Set.of("de", "del", "la", "las", "los", "y",
            "da", "das", "do", "dos");

    /**
     * Whether an email's local part is made of its owner's name and nothing else: every name token of
     * at least two letters taken out (longest first), what is left is separators, particles and
     * at most one initial per token, and some letter came from the name. Any digit left means no:
     * {@code juan.perez78} says more than the name.
     */
    static boolean spelledByName(String email, String[] names) {
        if (names == null || names.length == 0) {
            return false;
        }
        int at = email.indexOf('@');
        StringBuilder local = new StringBuilder(at < 0 ? email.length() : at);
        for (int i = 0; i < (at < 0 ? email.length() : at); i++) {
            char c = email.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                local.append(c);
            } else if (c > 127) {
                return false;
            }
        }
        String[] tokens = names.clone();
        java.util.Arrays.sort(tokens, (p, q) -> q.length() - p.length());
        String rest = local.toString();
        boolean named = false;
        for (String t : tokens) {
            if (t.length() >= 2 && rest.contains(t)) {
                rest = rest.replace(t, " ");
                named = true;
            }
        }
        StringBuilder initials = new StringBuilder();
        for (String part : rest.trim().split(" +")) {
            if (part.isEmpty() || PARTICLES.contains(part)) {
                continue;
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < 'a' || c > 'z') {
                    return false;
                }
                initials.append(c);
            }
        }
        if (initials.length() > names.length) {
            return false;
        }
        // each letter left the initial of a distinct token
        boolean[] used = new boolean[names.length];
        for (int i = 0; i < initials.length(); i++) {
            boolean found = false;
            for (int k = 0; k < names.length && !found; k++) {
                if (!used[k] && !names[k].isEmpty() && names[k].charAt(0) == initials.charAt(i)) {
                    used[k] = true;
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return named || initials.length() >= 2;
    }

    private static Level emailPair(String x, String y) {
        int ax = x.indexOf('@');
        boolean sameLocal = ax >= 4 && ax == y.indexOf('@') && x.regionMatches(0, y, 0, ax);
        // a typo in the domain is any character (namesakes differ in the local part, not there)
        if (Similarity.oneEdit(x, y) && (sameLocal || !letters(x).equals(letters(y)))) {
            return Level.ONE_EDIT; // a letter typo
        }
        // two letter typos; separators and digits must be the same, as for one typo, unless both are in the domain
        if ((sameLocal || symbols(x).equals(symbols(y))) && Similarity.twoEditsAtMost(x, y)) {
            return Level.CLOSE;
        }
        return sameLocal ? Level.SAME_LOCAL : Level.DIFFERENT;
    }

    /** The characters of an address that are not letters (digits, dots, {@code @}...), in order. */
    private static String symbols(String s) {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String digits(String s) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String letters(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Addresses in comparison form: exact, close, similar, different; different house numbers weigh down. */
    static Level address(String a, String b) {
        if (a == null || b == null) {
            return Level.MISSING;
        }
        if (a.equals(b)) {
            return Level.EXACT;
        }
        double jw = Similarity.jaroWinkler(a, b);
        String na = houseNumber(a);
        String nb = houseNumber(b);
        boolean numbersAgree = na.equals(nb) || na.isEmpty() || nb.isEmpty();
        if (jw >= 0.92 && numbersAgree) {
            return Level.CLOSE;
        }
        if (jw >= 0.92 || (jw >= 0.85 && numbersAgree)) {
            return Level.SIMILAR;
        }
        return Level.DIFFERENT;
    }

    /** The first number of an address (the house number; a flat or floor comes after it), or "". */
    private static String houseNumber(String s) {
        int i = 0;
        while (i < s.length() && !Character.isDigit(s.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return s.substring(i, j);
    }

    /** The part of a postcode compared: its digits ({@code C1414ABC} gives {@code 1414}), else the whole code. */
    static String postcodeCore(String p) {
        if (p == null) {
            return null;
        }
        String digits = digits(p);
        return digits.isEmpty() ? p : digits;
    }

    /** Postcodes: equal, one digit apart, different. */
    static Level postcode(String a, String b) {
        if (a == null || b == null) {
            return Level.MISSING;
        }
        String x = postcodeCore(a);
        String y = postcodeCore(b);
        if (x.equals(y)) {
            return Level.EXACT;
        }
        return Similarity.oneEdit(x, y) ? Level.ONE_EDIT : Level.DIFFERENT;
    }

    /** The form of a city compared: the names of Buenos Aires city collapse to {@code caba}. */
    static String cityCore(String c) {
        return c != null && CABA.contains(c) ? "caba" : c;
    }

    /**
     * Cities in comparison form: equal; close spelling (Jaro-Winkler at least 0.9, or one edit:
     * {@code lodon} / {@code london}); similar (two edits and Jaro-Winkler at least 0.8:
     * {@code lonndon} / {@code lodon}); different.
     */
    static Level city(String a, String b) {
        if (a == null || b == null) {
            return Level.MISSING;
        }
        String x = cityCore(a);
        String y = cityCore(b);
        if (x.equals(y)) {
            return Level.EXACT;
        }
        double jw = Similarity.jaroWinkler(x, y);
        if (jw >= 0.9 || (Math.min(x.length(), y.length()) >= 4 && Similarity.oneEdit(x, y))) {
            return Level.CLOSE;
        }
        return jw >= 0.8 && Math.min(x.length(), y.length()) >= 5 && Similarity.twoEditsAtMost(x, y)
                ? Level.SIMILAR : Level.DIFFERENT;
    }

    /** Gender {@code F} / {@code M}; anything else counts as missing. */
    static Level gender(String a, String b) {
        if (a == null || b == null || !isFm(a) || !isFm(b)) {
            return Level.MISSING;
        }
        return a.equals(b) ? Level.EXACT : Level.DIFFERENT;
    }

    private static boolean isFm(String g) {
        return g.equals("F") || g.equals("M");
    }
}
