package io.idem.core.resolve;

import java.util.Arrays;

/**
 * A growable list of ints, to keep the identifier index compact. Most lists hold one element (an
 * identifier carried by one record, a profile of one record), so the first is kept in a field and
 * an array is allocated only for a second: a million-record import then has a few million fewer
 * objects for the collector to copy.
 */
class IntList {
    /**
     * The walk ({@code Resolver}'s epoch) that last went through this list: a component walk goes
     * through each identifier's and profile's list once, not once per record carrying it (a device
     * with n events made every new event cost n times n).
     */
    int walked;
    private int first;
    /** All elements once there have been two; {@code null} before. */
    private int[] items;
    private int size;

    void add(int v) {
        if (items == null) {
            if (size == 0) {
                first = v;
                size = 1;
                return;
            }
            items = new int[4];
            items[0] = first;
        } else if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    void addAll(IntList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.get(i));
        }
    }

    int get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of " + size);
        }
        return items == null ? first : items[i];
    }

    int size() {
        return size;
    }

    int pop() {
        if (size == 0) {
            throw new IndexOutOfBoundsException("pop from an empty list");
        }
        if (items == null) {
            size = 0;
            return first;
        }
        return items[--size];
    }

    void remove(int v) {
        for (int i = 0; i < size; i++) {
            if (get(i) == v) {
                if (items == null) {
                    size = 0;
                } else {
                    System.arraycopy(items, i + 1, items, i, size - i - 1);
                    size--;
                }
                return;
            }
        }
    }

    int[] toArray() {
        if (items == null) {
            return size == 0 ? new int[0] : new int[] {first};
        }
        return Arrays.copyOf(items, size);
    }
}
