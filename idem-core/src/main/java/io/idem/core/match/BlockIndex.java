package io.idem.core.match;

import java.util.Arrays;

/**
 * Blocking keys to the records filed under them, kept compact for millions of records: an
 * open-addressing table of 64-bit keys pointing into singly linked posting lists held in two int
 * arrays (about 8 bytes per posting and 16 per distinct key). Not thread-safe.
 */
public final class BlockIndex {
    private long[] keys;
    private int[] heads;
    private int[] sizes;
    private int used;
    /**
     * Postings, two ints each: the record at {@code 2p}, the next posting at {@code 2p + 1}. Side by
     * side, so walking a list costs one cache miss per posting, not two.
     */
    private int[] postingData;
    private int postings;
    private int free = -1;

    public BlockIndex() {
        this(0, 0);
    }

    /**
     * An index with room for {@code expectedKeys} keys and {@code expectedPostings} postings before
     * it grows: growing rehashes every key at once, which a server would feel as a pause.
     */
    public BlockIndex(int expectedKeys, int expectedPostings) {
        int slots = Integer.highestOneBit(Math.max(1024, (int) Math.min(1 << 29, expectedKeys * 4L / 3 + 1)) * 2 - 1);
        keys = new long[slots];
        heads = new int[slots];
        sizes = new int[slots];
        postingData = new int[(int) Math.min(1 << 30, Math.max(2048, 2L * expectedPostings))];
    }

    /** Files a record under a key. */
    public void add(long key, int rec) {
        int slot = slot(key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            heads[slot] = -1;
            if (++used * 4 > keys.length * 3) {
                grow();
                slot = slot(key);
            }
        }
        int p;
        if (free >= 0) {
            p = free;
            free = postingData[2 * p + 1];
        } else {
            if (2 * postings == postingData.length) {
                postingData = Arrays.copyOf(postingData, postingData.length * 2);
            }
            p = postings++;
        }
        postingData[2 * p] = rec;
        postingData[2 * p + 1] = heads[slot];
        heads[slot] = p;
        sizes[slot]++;
    }

    /** Removes a record from a key, if filed there. */
    public void remove(long key, int rec) {
        unlink(key, rec, true);
    }

    /**
     * Counts a record filed under a key out of {@link #size} while its posting stays where it is
     * (the caller skips it when walking): an update that files it again under the same key then
     * costs nothing, where a removal walks the key's list. {@link #unhide} counts it back in;
     * {@link #removeHidden} takes it out.
     */
    public void hide(long key) {
        int slot = slot(key);
        if (keys[slot] != 0) {
            sizes[slot]--;
        }
    }

    /** Counts a hidden record back in ({@link #hide}). */
    public void unhide(long key) {
        int slot = slot(key);
        if (keys[slot] != 0) {
            sizes[slot]++;
        }
    }

    /** Removes a hidden record from a key ({@link #hide}: it is counted out already). */
    public void removeHidden(long key, int rec) {
        unlink(key, rec, false);
    }

    private void unlink(long key, int rec, boolean counted) {
        int slot = slot(key);
        if (keys[slot] == 0) {
            return;
        }
        int prev = -1;
        for (int p = heads[slot]; p >= 0; prev = p, p = postingData[2 * p + 1]) {
            if (postingData[2 * p] == rec) {
                if (prev < 0) {
                    heads[slot] = postingData[2 * p + 1];
                } else {
                    postingData[2 * prev + 1] = postingData[2 * p + 1];
                }
                postingData[2 * p + 1] = free;
                free = p;
                if (counted) {
                    sizes[slot]--;
                }
                return;
            }
        }
    }

    /** How many records are filed under a key. */
    public int size(long key) {
        int slot = slot(key);
        return keys[slot] == 0 ? 0 : sizes[slot];
    }

    /** The first posting of a key (the newest record filed), or -1; walk on with {@link #next}. */
    public int first(long key) {
        int slot = slot(key);
        return keys[slot] == 0 ? -1 : heads[slot];
    }

    /**
     * The first posting of a key holding at most {@code maxSize} records, or -1 when it holds none or
     * more: {@link #size} and {@link #first} with one look-up.
     */
    public int firstUpTo(long key, int maxSize) {
        int slot = slot(key);
        return keys[slot] == 0 || sizes[slot] > maxSize ? -1 : heads[slot];
    }

    /** The posting after {@code posting}, or -1. */
    public int next(int posting) {
        return postingData[2 * posting + 1];
    }

    /** The record of a posting. */
    public int record(int posting) {
        return postingData[2 * posting];
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        int[] oldSizes = sizes;
        keys = new long[oldKeys.length * 2];
        heads = new int[keys.length];
        sizes = new int[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                heads[s] = oldHeads[i];
                sizes[s] = oldSizes[i];
            }
        }
    }
}
