package io.idem.core.resolve;

import io.idem.core.model.RecordKey;
import java.util.List;

/**
 * Record key to record id: an open-addressing table of ids whose keys are read from the records
 * themselves, so a million records cost a few megabytes instead of a map entry and a boxed id each.
 * Linear probing; removal shifts the following entries back, so no tombstones are left.
 */
final class KeyIndex {
    private final List<Resolver.Rec> recs;
    /** Record id + 1 per slot; 0 is an empty slot. */
    private int[] slots;
    private int size;

    /** An index with room for {@code expected} records before it grows (see {@link Resolver}). */
    KeyIndex(List<Resolver.Rec> recs, int expected) {
        this.recs = recs;
        this.slots = new int[Integer.highestOneBit(Math.max(1 << 10, (int) Math.min(1 << 29, 2L * expected)) * 2 - 1)];
    }

    /** The id of the record with this key, or -1. */
    int get(RecordKey key) {
        int mask = slots.length - 1;
        for (int i = slot(key, mask); slots[i] != 0; i = (i + 1) & mask) {
            int id = slots[i] - 1;
            if (recs.get(id).key.equals(key)) {
                return id;
            }
        }
        return -1;
    }

    /** Adds a record whose key is not in the index yet. */
    void add(int id) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        insert(slots, id);
        size++;
    }

    /** Removes a key; returns its record id, or -1 when it was not there. */
    int remove(RecordKey key) {
        int mask = slots.length - 1;
        int i = slot(key, mask);
        while (slots[i] != 0 && !recs.get(slots[i] - 1).key.equals(key)) {
            i = (i + 1) & mask;
        }
        if (slots[i] == 0) {
            return -1;
        }
        int id = slots[i] - 1;
        slots[i] = 0;
        size--;
        // move back every entry of the run after the hole that may no longer be found past it
        for (int j = (i + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = slot(recs.get(slots[j] - 1).key, mask);
            boolean reachable = i <= j ? home > i && home <= j : home > i || home <= j;
            if (!reachable) {
                slots[i] = slots[j];
                slots[j] = 0;
                i = j;
            }
        }
        return id;
    }

    private void grow() {
        int[] bigger = new int[slots.length * 2];
        for (int s : slots) {
            if (s != 0) {
                insert(bigger, s - 1);
            }
        }
        slots = bigger;
    }

    private void insert(int[] table, int id) {
        int mask = table.length - 1;
        int i = slot(recs.get(id).key, mask);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = id + 1;
    }

    private static int slot(RecordKey key, int mask) {
        return (key.hashCode() * 0x9E3779B9 >>> 7) & mask;
    }
}
