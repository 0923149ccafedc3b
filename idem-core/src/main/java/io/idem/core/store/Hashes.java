package io.idem.core.store;

/** A fast 64-bit string hash for storage indexes (not for security). */
public final class Hashes {
    private Hashes() {
    }

    public static long of(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    public static long of(String a, String b) {
        return of(a + '\u0000' + b);
    }
}
