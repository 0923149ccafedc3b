package io.idem.store.sqlite;

/**
 * Sorting of {@code (key, value)} pairs of longs stored flat ({@code k0, v0, k1, v1, ...}), by key
 * then value, without boxing: index rows inserted in key order walk an index B-tree's leaves once,
 * in order, instead of jumping to a random leaf for every row.
 */
final class Pairs {
    private Pairs() {
    }

    /** Sorts the first {@code count} pairs of {@code flat} (so {@code 2 * count} longs) in place. */
    static void sort(long[] flat, int count) {
        if (count < 0 || 2L * count > flat.length) {
            throw new IllegalArgumentException(count + " pairs do not fit in " + flat.length + " longs");
        }
        quicksort(flat, 0, count - 1);
    }

    private static void quicksort(long[] a, int lo, int hi) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            // median of three as the pivot, so sorted or reversed input stays n log n
            if (less(a, mid, lo)) {
                swap(a, mid, lo);
            }
            if (less(a, hi, lo)) {
                swap(a, hi, lo);
            }
            if (less(a, hi, mid)) {
                swap(a, hi, mid);
            }
            long pk = a[2 * mid];
            long pv = a[2 * mid + 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (compare(a[2 * i], a[2 * i + 1], pk, pv) < 0) {
                    i++;
                }
                while (compare(a[2 * j], a[2 * j + 1], pk, pv) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            // recurse into the smaller side, loop on the larger: stack depth stays logarithmic
            if (j - lo < hi - i) {
                quicksort(a, lo, j);
                lo = i;
            } else {
                quicksort(a, i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) { // insertion sort for short runs
            for (int j = i; j > lo && less(a, j, j - 1); j--) {
                swap(a, j, j - 1);
            }
        }
    }

    private static int compare(long k1, long v1, long k2, long v2) {
        int c = Long.compare(k1, k2);
        return c != 0 ? c : Long.compare(v1, v2);
    }

    private static boolean less(long[] a, int i, int j) {
        return compare(a[2 * i], a[2 * i + 1], a[2 * j], a[2 * j + 1]) < 0;
    }

    private static void swap(long[] a, int i, int j) {
        long k = a[2 * i];
        long v = a[2 * i + 1];
        a[2 * i] = a[2 * j];
        a[2 * i + 1] = a[2 * j + 1];
        a[2 * j] = k;
        a[2 * j + 1] = v;
    }
}
