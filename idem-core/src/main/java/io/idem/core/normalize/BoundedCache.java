package io.idem.core.normalize;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A small thread-safe cache with a hard size bound and approximate LRU behaviour: two generations
 * of {@link ConcurrentHashMap}; hits in the old generation are promoted, and when the young one
 * fills up it becomes the old one (dropping the previous old generation). Holds at most
 * about {@code capacity} entries (a few more while threads race on a full generation). Races only cost a recomputation, never a wrong value.
 */
final class BoundedCache<K, V> {
    private final int generationSize;
    private volatile ConcurrentHashMap<K, V> young;
    private volatile ConcurrentHashMap<K, V> old;

    BoundedCache(int capacity) {
        this.generationSize = Math.max(1, capacity / 2);
        this.young = new ConcurrentHashMap<>();
        this.old = new ConcurrentHashMap<>();
    }

    V get(K key) {
        if (generationSize <= 1) {
            return null;
        }
        V v = young.get(key);
        if (v == null) {
            v = old.get(key);
            if (v != null) {
                put(key, v);
            }
        }
        return v;
    }

    void put(K key, V value) {
        if (generationSize <= 1) {
            return;
        }
        ConcurrentHashMap<K, V> y = young;
        if (y.size() >= generationSize) {
            synchronized (this) {
                if (young == y) {
                    old = y;
                    young = new ConcurrentHashMap<>();
                }
                y = young;
            }
        }
        y.put(key, value);
    }

    int size() {
        return young.size() + old.size();
    }
}
