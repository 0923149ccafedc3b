package io.idem.core.resolve;

import io.idem.core.model.RecordKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Profile ids are derived from the smallest record key of the profile when it is created: the same
 * records imported in the same order always get the same ids, which is what makes a crashed import
 * followed by a re-import end in exactly the state of a clean import.
 */
final class ProfileIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private ProfileIds() {
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String forRecord(RecordKey key) {
        byte[] digest = SHA256.get().digest((key.source() + '\u0000' + key.recordId()).getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder("P");
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        for (int i = 0; i < 12; i++) {
            sb.append(ALPHABET[(int) (bits >>> 59)]);
            bits <<= 5;
        }
        return sb.toString();
    }
}
