package io.idem.core.resolve;

import io.idem.core.model.RecordKey;
import io.idem.core.store.Hashes;

/**
 * A record's fuzzy match edges as stored beside it ({@link io.idem.core.store.KeyedRecord#links}):
 * when it was written (a sequence number the resolver increases at every change set it drains)
 * and, per edge, the neighbour's record-key hash and the match probability's float bits. Text, in
 * hexadecimal: {@code SEQ;HASH:BITS;HASH:BITS...}.
 *
 * <p>Why stored: a pair's score depends on the value frequencies and household statuses of the
 * moment it is compared. An engine that loaded a store and scored the pairs of its records again
 * would score them against later frequencies and could decide a pair near the threshold otherwise
 * than the run that wrote the store, so a crash followed by a re-import would not end in the
 * profiles of a clean run. Each record carries its whole list; where two records disagree about
 * their pair, the one written later is right (Resolver.restoreLinks).
 *
 * @param seq the resolver's write sequence when the record's list was written
 * @param neighbours record-key hashes ({@link Hashes#of(String, String)}) of the matched records
 * @param bits the match probabilities, as {@link Float#floatToIntBits} of the float the edge holds
 */
record StoredLinks(long seq, long[] neighbours, int[] bits) {
    private static final long[] NONE = new long[0];
    private static final int[] NO_BITS = new int[0];

    static long hash(RecordKey key) {
        return Hashes.of(key.source(), key.recordId());
    }

    /** The stored form; {@code hashes[i]} and {@code bits[i]} describe edge {@code i}. */
    static String encode(long seq, long[] hashes, int[] bits) {
        StringBuilder sb = new StringBuilder(8 + hashes.length * 26).append(Long.toHexString(seq));
        for (int i = 0; i < hashes.length; i++) {
            sb.append(';').append(Long.toHexString(hashes[i])).append(':').append(Integer.toHexString(bits[i]));
        }
        return sb.toString();
    }

    /**
     * The write sequence of a stored form, without reading its edges; 0 when the links are not known
     * ({@code null}, or not in this form).
     */
    static long seqOf(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int semi = text.indexOf(';');
        try {
            return Long.parseUnsignedLong(text, 0, semi < 0 ? text.length() : semi, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Reads the stored form; {@code null} for {@code null} (links not known) and for a value that is
     * not in this form, whose record is then compared again when its edges are needed, as one
     * written before links were kept.
     */
    static StoredLinks decode(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            int semi = text.indexOf(';');
            long seq = Long.parseUnsignedLong(semi < 0 ? text : text.substring(0, semi), 16);
            if (semi < 0) {
                return new StoredLinks(seq, NONE, NO_BITS);
            }
            int n = 0;
            for (int i = semi; i >= 0; i = text.indexOf(';', i + 1)) {
                n++;
            }
            long[] hashes = new long[n];
            int[] bits = new int[n];
            int at = semi + 1;
            for (int i = 0; i < n; i++) {
                int colon = text.indexOf(':', at);
                int end = text.indexOf(';', at);
                if (end < 0) {
                    end = text.length();
                }
                if (colon < 0 || colon > end) {
                    return null;
                }
                hashes[i] = Long.parseUnsignedLong(text, at, colon, 16);
                bits[i] = Integer.parseUnsignedInt(text, colon + 1, end, 16);
                at = end + 1;
            }
            return new StoredLinks(seq, hashes, bits);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
