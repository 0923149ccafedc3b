package io.idem.core.match;

import java.util.Arrays;

/**
 * Blocking: the keys under which a record is filed so that only records sharing a key are compared.
 * Keys are 64-bit hashes of:
 *
 * <ul>
 *   <li>two name tokens' phonetic codes, unordered (so swapped order, accents, {@code z}/{@code s},
 *       {@code v}/{@code b} and most one-letter typos keep the key); two tokens with the same code
 *       ({@code mariana moreno}) make a pair of that code, or a ticket with only such a name would
 *       have no key at all;
 *   <li>birth date plus one name token's initial, for each token (a typo in the surname keeps the
 *       first name's key and the other way round; initials survive most typos);
 *   <li>birth date plus postcode (or city), and birth date plus the first two digits of the
 *       postcode (or the first letter of the city), which a typo in the rest of it keeps: a record
 *       with only a birth date and a mistyped city meets the rest of the person (fake_1000);
 *   <li>postcode (or city) plus one name token's phonetic code plus another token's initial, for
 *       each ordered pair of tokens (a typo anywhere but in a first letter keeps one of them), and
 *       plus each surname token's code alone (so a record with only a surname, or whose first name
 *       was replaced, meets the full name in the same place: FEBRL and fake_1000 showed such pairs
 *       were never compared; blocks over {@code maxBlock} are skipped as always);
 *   <li>the last 8 digits of each phone, and the local part of each email.
 * </ul>
 *
 * A single typo changes one field, so a record with at least two of name, birth date, place, phone
 * and email keeps a key through it; a name with three tokens keeps a token pair. The two keys made
 * of names alone (a name pair; a token alone in a place) are looked up in full only by and for the
 * records they exist for (bare records; records of one name token): see {@link #probe}.
 */
public final class Blocking {
    private static final int MAX_TOKENS = 4;

    private Blocking() {
    }

    /**
     * Blocks of names alone larger than this are not looked up by the records they are not there
     * for (see {@link #probe}). 5 kept every F1 of {@code ./bench evaluate all} and of the generator
     * at 50,000 persons as it was, with 29-41% fewer comparisons; 3 lost recall on fake_1000 and
     * FEBRL3.
     */
    public static final int NAME_BLOCK = 5;

    /** The keys a record is filed under (see the class comment). */
    public static long[] keys(MatchRecord r) {
        return keys(r, false, null);
    }

    /**
     * The keys to look a record's candidates up under. Two kinds of key are made of names alone,
     * and each exists for records that have little else:
     *
     * <ul>
     *   <li>a name pair, for a <em>bare</em> record (a name and nothing else to file it under: no
     *       birth date, place, phone or e-mail);
     *   <li>a token alone in a place, for a record of one name token (a surname alone).
     * </ul>
     *
     * Those records are filed under a second key of each (an apart key) and look up their keys in
     * full, so they meet every namesake. Every other record looks up the apart keys in full (so it
     * meets them) and the keys themselves only in blocks of at most {@link #NAME_BLOCK}: such
     * records meet through what else they share. In a million-record import name pairs had brought
     * 53% of all comparisons (0.09% of them matches) and the token alone in a place 2.3M of 8.5M,
     * 1.3M of them scored in full and found distinct: names are few and people many. Symmetric:
     * whichever of a pair arrives first, the second looks the first up under the same rule.
     *
     * @return the keys to look up in blocks of at most {@code maxBlock} ([0]) and in blocks of at
     *     most {@link #NAME_BLOCK} ([1])
     */
    public static long[][] probe(MatchRecord r) {
        long[][] namePairs = new long[1][];
        long[] keys = keys(r, true, namePairs);
        return new long[][] {keys, namePairs[0]};
    }

    /** {@code namePairs}: when probing, receives the keys to look up in blocks of at most {@link #NAME_BLOCK}. */
    private static long[] keys(MatchRecord r, boolean probe, long[][] namePairs) {
        String[] tokens = r.nameTokens();
        int n = 0;
        String[] codes = new String[Math.min(MAX_TOKENS, tokens.length)];
        // a code two tokens share (mariana moreno: MRN MRN), which still makes a pair
        String twice = null;
        for (String t : tokens) {
            if (n == codes.length) {
                break;
            }
            if (t.length() >= 2) {
                String c = Phonetic.cached(t);
                if (!c.isEmpty() && !contains(codes, n, c)) {
                    codes[n++] = c;
                } else if (!c.isEmpty()) {
                    twice = c;
                }
            }
        }
        int pairs = n * (n - 1) / 2 + 1;
        long[] out = new long[2 * pairs + n + n * n + n + 2 + r.phones().length + r.emails().length];
        int k = 0;
        // a token alone in the place, which a record with only a surname shares with the full name
        long[] alone = new long[n];
        int na = 0;
        String place = r.postcode() != null ? Comparators.postcodeCore(r.postcode()) : Comparators.cityCore(r.city());
        for (int i = 0; i < n; i++) {
            if (r.birth() != null) {
                out[k++] = hash('D', r.birth(), codes[i].substring(0, 1));
            }
            for (int j = 0; j < n && place != null; j++) {
                if (j != i) {
                    out[k++] = hash('C', place, codes[i] + codes[j].charAt(0));
                } else if (n == 1 || single(r, codes[i])) {
                    alone[na++] = hash('C', place, codes[i]);
                }
            }
        }
        if (r.birth() != null && place != null) {
            out[k++] = hash('B', r.birth(), place);
            // the start of the place too, which survives a typo further on (sothampton / southampton)
            out[k++] = hash('b', r.birth(), place.substring(0, Math.min(r.postcode() != null ? 2 : 1, place.length())));
        }
        for (String p : r.phones()) {
            if (p.length() >= 8) {
                out[k++] = hash('P', p.substring(p.length() - 8), "");
            }
        }
        for (String e : r.emails()) {
            int at = e.indexOf('@');
            if (at >= 4) {
                out[k++] = hash('E', e.substring(0, at), "");
            }
        }
        boolean bare = k == 0 && na == 0;
        // keys of names alone, each with whether the record is one of those it exists for (see
        // probe): a token alone in its place for a record of one token, a name pair for a bare one
        long[] names = new long[na + pairs];
        boolean[] theirs = new boolean[names.length];
        int nn = 0;
        for (int i = 0; i < na; i++) {
            theirs[nn] = n == 1;
            names[nn++] = alone[i];
        }
        if (twice != null) {
            theirs[nn] = bare;
            names[nn++] = hash('N', twice, twice);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean order = codes[i].compareTo(codes[j]) < 0;
                theirs[nn] = bare;
                names[nn++] = hash('N', order ? codes[i] : codes[j], order ? codes[j] : codes[i]);
            }
        }
        long[] capped = new long[nn];
        int nc = 0;
        for (int i = 0; i < nn; i++) {
            boolean apart = probe && !theirs[i];
            if (apart) {
                capped[nc++] = names[i];
            } else {
                out[k++] = names[i];
            }
            if (theirs[i] || apart) {
                out[k++] = apartKey(names[i]);
            }
        }
        if (namePairs != null) {
            namePairs[0] = Arrays.copyOf(capped, nc);
        }
        long[] keys = Arrays.copyOf(out, k);
        Arrays.sort(keys);
        int d = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[d++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, d);
    }

    /**
     * The key of the name pair of two tokens, under which every record whose name holds both is filed
     * (if it has at most four tokens), or 0 when a token is too short to be filed.
     */
    public static long namePairKey(String a, String b) {
        if (a.length() < 2 || b.length() < 2) {
            return 0;
        }
        String ca = Phonetic.cached(a);
        String cb = Phonetic.cached(b);
        if (ca.isEmpty() || cb.isEmpty()) {
            return 0;
        }
        boolean order = ca.compareTo(cb) < 0;
        return hash('N', order ? ca : cb, order ? cb : ca);
    }

    /**
     * Whether a record with several name tokens is also filed under place + this token alone: for a
     * surname of a labelled name, and for every token of an unlabelled one (which may be the
     * surname). Not for labelled first names: a record with only a first name carries little, and
     * the key for every token cost 44% more comparisons at a million records.
     */
    private static boolean single(MatchRecord r, String code) {
        if (r.full().length > 0) {
            return true;
        }
        for (String t : r.family()) {
            if (t.length() >= 2 && Phonetic.cached(t).equals(code)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String[] a, int n, String v) {
        for (int i = 0; i < n; i++) {
            if (a[i].equals(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key under which the records a name key is kept apart for are filed too: bare records for
     * a name pair, records of one name token for a token alone in a place.
     */
    private static long apartKey(long namePair) {
        long h = (namePair ^ 0x6E) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return h == 0 ? 1 : h;
    }

    /** A 64-bit hash of a tagged pair of strings, never 0. */
    static long hash(char tag, String a, String b) {
        long h = 0x9E3779B97F4A7C15L ^ tag;
        h = mix(h, a);
        h = mix(h ^ 0x1F, b);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
