package io.idem.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The form in which a partner sends identifiers already hashed: normalise exactly as idem does
 * (email trimmed and lower-cased; phone in E.164 such as {@code +5491141234567}; document without
 * dots, spaces or dashes, upper-case), then SHA-256 of the UTF-8 bytes of that value alone (no
 * kind prefix, no salt), written as 64 lower-case hex digits. This is the convention of the large
 * advertising platforms' customer-match uploads, so a partner can reuse what it already has.
 */
public final class HashedInput {
    private HashedInput() {
    }

    public static String sha256Hex(String normalizedValue) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normalizedValue.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a value looks like such a hash (64 hex digits, any case). */
    public static boolean looksHashed(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** What a hashed identifier becomes when no stored identifier has that digest yet. */
    public static final String PREFIX = "sha256:";

    /** The identifier kinds a partner may send hashed. */
    public static final java.util.Set<io.idem.core.model.FieldKind> KINDS = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(io.idem.core.model.FieldKind.EMAIL, io.idem.core.model.FieldKind.PHONE,
                    io.idem.core.model.FieldKind.DOCUMENT));

    /** Finds the normalised value whose digest a partner sent, among the identifiers idem holds. */
    @FunctionalInterface
    public interface Lookup {
        /** The normalised value of {@code kind} whose SHA-256 is {@code hex}, or {@code null}. */
        String find(io.idem.core.model.FieldKind kind, String hex);
    }

    /**
     * The normaliser of a hashed column: the value must be 64 hex digits; it becomes the
     * normalised value idem already holds with that digest, so the record links like any other,
     * or {@code sha256:HEX} while no such value is known (records with the same digest still
     * link with each other, and the engine rewrites them when the plain value arrives).
     */
    public static io.idem.core.normalize.Normalizer normalizer(io.idem.core.model.FieldKind kind, Lookup lookup) {
        return raw -> {
            if (!looksHashed(raw)) {
                return io.idem.core.normalize.Normalized.invalid("not a SHA-256 digest (64 hex digits), as"
                        + " --hashed-input expects for " + kind.key());
            }
            String hex = raw.strip().toLowerCase(Locale.ROOT);
            String known = lookup.find(kind, hex);
            return io.idem.core.normalize.Normalized.ok(known != null ? known : PREFIX + hex);
        };
    }

    /** Whether a normalised value is a digest no plain value has matched yet. */
    public static boolean isPending(String normalizedValue) {
        return normalizedValue.startsWith(PREFIX);
    }
}
