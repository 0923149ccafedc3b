package io.idem.core.privacy;

import io.idem.core.model.FieldKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 digests of the identifiers idem holds (e-mails, phones, documents), to find which
 * one a partner's hashed value stands for. Built on demand (a hashed import, or a plain import while
 * hashed values wait for their match) and dropped after: about 20 bytes per identifier, in an
 * open-addressing table of 64-bit digest prefixes; a hit is confirmed on the full digest.
 */
public final class DigestIndex implements HashedInput.Lookup {
    private final long[] prefixes;
    private final int[] slots;
    private final String[] keys;
    private final int mask;

    private DigestIndex(List<String> keys) {
        this.keys = keys.toArray(new String[0]);
        int cap = Integer.highestOneBit(Math.max(16, this.keys.length * 2 - 1)) << 1;
        this.prefixes = new long[cap];
        this.slots = new int[cap];
        this.mask = cap - 1;
        MessageDigest sha = sha256();
        for (int i = 0; i < this.keys.length; i++) {
            String key = this.keys[i];
            int colon = key.indexOf(':');
            long p = prefix(sha.digest(key.substring(colon + 1).getBytes(StandardCharsets.UTF_8)), key.substring(0, colon));
            int at = (int) mix(p) & mask;
            while (slots[at] != 0) {
                at = (at + 1) & mask;
            }
            prefixes[at] = p;
            slots[at] = i + 1;
        }
    }

    /**
     * The index of {@code identifierKeys} ({@code kind:value}) of the hashable kinds, leaving out
     * digests still waiting for their plain value.
     */
    public static DigestIndex of(Iterable<String> identifierKeys) {
        List<String> keep = new ArrayList<>();
        for (String key : identifierKeys) {
            int colon = key.indexOf(':');
            if (colon > 0 && hashable(key.substring(0, colon)) && !HashedInput.isPending(key.substring(colon + 1))) {
                keep.add(key);
            }
        }
        return new DigestIndex(keep);
    }

    private static boolean hashable(String kind) {
        return kind.equals(FieldKind.EMAIL.key()) || kind.equals(FieldKind.PHONE.key())
                || kind.equals(FieldKind.DOCUMENT.key());
    }

    @Override
    public String find(FieldKind kind, String hex) {
        if (hex.length() != 64) {
            return null;
        }
        byte[] digest = HexFormat.of().parseHex(hex);
        long p = prefix(digest, kind.key());
        for (int at = (int) mix(p) & mask; slots[at] != 0; at = (at + 1) & mask) {
            if (prefixes[at] == p) {
                String key = keys[slots[at] - 1];
                String value = key.substring(key.indexOf(':') + 1);
                if (key.startsWith(kind.key() + ":") && HashedInput.sha256Hex(value).equals(hex)) {
                    return value;
                }
            }
        }
        return null;
    }

    public int size() {
        return keys.length;
    }

    /** The first 8 digest bytes, mixed with the kind so an e-mail digest never finds a phone. */
    private static long prefix(byte[] digest, String kind) {
        return ByteBuffer.wrap(digest).getLong() ^ ((long) kind.hashCode() * 0x9E3779B97F4A7C15L);
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
