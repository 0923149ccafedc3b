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
}
