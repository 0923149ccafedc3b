package io.idem.core.resolve;

import java.util.Arrays;

/** A growable list of ints, to keep the identifier index compact. */
final class IntList {
    private int[] items = new int[2];
    private int size;

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    void addAll(IntList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.items[i]);
        }
    }

    int get(int i) {
        return items[i];
    }

    int size() {
        return size;
    }

    int pop() {
        return items[--size];
    }

    /** Removes the first occurrence of a value, if present. */
    void remove(int v) {
        for (int i = 0; i < size; i++) {
            if (items[i] == v) {
                System.arraycopy(items, i + 1, items, i, size - i - 1);
                size--;
                return;
            }
        }
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
