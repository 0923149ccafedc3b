package io.idem.core.store;

/** A fast 64-bit string hash for storage indexes (not for security). */
public final class Hashes {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Hashes() {
    }

    public static long of(String s) {
        return finish(fnv(OFFSET, s));
    }

    /** The hash of {@code a + '\u0000' + b}, without building that string. */
    public static long of(String a, String b) {
        long h = fnv(OFFSET, a);
        h *= PRIME; // the NUL between them: h ^= 0 changes nothing
        return finish(fnv(h, b));
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= PRIME;
        }
        return h;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
