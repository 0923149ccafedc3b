package io.idem.core.store;

import io.idem.core.model.RecordKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A pair of records fuzzy matching was unsure about (score between the review and the match
 * threshold), and what a person decided. Stores upsert it by {@link #id}.
 *
 * @param id {@code R} + 10 base-32 characters derived from the two record keys, so the same pair
 *     always has the same id (re-imports and other backends agree)
 * @param a the smaller record key
 * @param b the larger record key
 * @param score match probability when the pair was queued
 * @param reason the deciding attributes, in words
 * @param status {@link #OPEN}, {@link #ACCEPTED} (one person: merged), {@link #REJECTED} (two
 *     people: never merged automatically again) or {@link #WITHDRAWN} (a rematch under other
 *     settings no longer puts the pair in the review band: off the queue, not a decision)
 * @param at epoch millis of the last change
 */
public record PairReview(String id, RecordKey a, RecordKey b, double score, String reason, String status, long at) {
    public static final String OPEN = "open";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String WITHDRAWN = "withdrawn";
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    public PairReview {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.compareTo(b) >= 0) {
            throw new IllegalArgumentException("pair not in canonical order: " + a + ", " + b);
        }
        if (!OPEN.equals(status) && !ACCEPTED.equals(status) && !REJECTED.equals(status) && !WITHDRAWN.equals(status)) {
            throw new IllegalArgumentException("unknown review status '" + status + "'");
        }
        reason = reason == null ? "" : reason;
    }

    /** A new open review of two records, in canonical order. */
    public static PairReview open(RecordKey x, RecordKey y, double score, String reason, long at) {
        RecordKey a = x.compareTo(y) < 0 ? x : y;
        RecordKey b = a == x ? y : x;
        return new PairReview(idOf(a, b), a, b, score, reason, OPEN, at);
    }

    /** Whether a person decided the pair: accepted or rejected. */
    public boolean decided() {
        return ACCEPTED.equals(status) || REJECTED.equals(status);
    }

    /** The same pair with a decision (or withdrawn). */
    public PairReview decided(String newStatus, long when) {
        return new PairReview(id, a, b, score, reason, newStatus, when);
    }

    /** The id of a pair, whatever the order the keys are given in. */
    public static String idOf(RecordKey x, RecordKey y) {
        RecordKey a = x.compareTo(y) < 0 ? x : y;
        RecordKey b = a == x ? y : x;
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest((a.source() + '\u0000' + a.recordId() + '\u0000'
                    + b.source() + '\u0000' + b.recordId()).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        StringBuilder sb = new StringBuilder("R");
        for (int i = 0; i < 10; i++) {
            sb.append(ALPHABET[(int) (bits >>> 59)]);
            bits <<= 5;
        }
        return sb.toString();
    }
}
