package io.idem.core.resolve;

import io.idem.core.IdemException;
import io.idem.core.store.KeyedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Loads a store's records into a resolver on two threads: one reads and decodes them (the store's
 * scan, opening the sealed keys, {@link Resolver#prepareLoad}), the calling thread files them
 * ({@link Resolver#load(Resolver.Loading)}) in the order the scan gave them, so the resolver ends
 * exactly as if it had loaded them one by one. Each half is about half of the work (BENCHMARKS.md,
 * "Opening a large store").
 */
public final class StoreLoader {
    /**
     * Records handed over at a time, and batches decoded ahead of the filing thread. Few: what is in
     * flight survives young collections. With the server's 16 MB young generation, 2,048 x 8 made
     * the load slower than one thread (21-22 s against 17-20 s at 1M records); 64 x 4 takes
     * 13.1-13.8 s there, and 10.1-10.7 s with the batch commands' options (9.7-9.9 s with
     * 2,048 x 8). BENCHMARKS.md, "Opening a large store".
     */
    private static final int BATCH = 64;
    private static final int AHEAD = 4;
    private static final List<Resolver.Loading> END = new ArrayList<>();

    private StoreLoader() {
    }

    /**
     * Feeds every record {@code scan} gives (typically {@code store::scanKeys}) to {@code resolver}.
     * A failure of the scan or of decoding is thrown here, once the reading thread has stopped.
     */
    public static void load(Consumer<Consumer<KeyedRecord>> scan, Resolver resolver) {
        BlockingQueue<List<Resolver.Loading>> queue = new ArrayBlockingQueue<>(AHEAD);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            List<Resolver.Loading> batch = new ArrayList<>(BATCH);
            try {
                scan.accept(stored -> {
                    batch.add(resolver.prepareLoad(stored));
                    if (batch.size() == BATCH) {
                        hand(queue, new ArrayList<>(batch), stop);
                        batch.clear();
                    }
                });
                hand(queue, batch, stop);
            } catch (Stopped e) {
                return;
            } catch (Throwable t) {
                failure.set(t);
            }
            try {
                hand(queue, END, stop);
            } catch (Stopped e) {
                // the filing thread gave up first
            }
        }, "idem-load");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                List<Resolver.Loading> batch = queue.take();
                if (batch == END) {
                    break;
                }
                for (Resolver.Loading loading : batch) {
                    resolver.load(loading);
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdemException("interrupted while loading the store", e);
        } finally {
            stop.set(true);
            queue.clear();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IdemException("cannot load the store: " + t, t);
        }
    }

    /** Thrown on the reading thread when the filing thread stopped taking batches. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static void hand(BlockingQueue<List<Resolver.Loading>> queue, List<Resolver.Loading> batch,
            AtomicBoolean stop) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (stop.get()) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }
}
