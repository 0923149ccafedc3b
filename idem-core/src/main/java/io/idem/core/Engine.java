package io.idem.core;

import io.idem.core.ingest.ImportRequest;
import io.idem.core.ingest.ImportResult;
import io.idem.core.ingest.Importer;
import io.idem.core.normalize.Normalizers;
import io.idem.core.resolve.Resolver;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.store.Store;

/**
 * The engine over one store: loads what resolution needs from the store once, then resolves
 * imports. One writer at a time (methods that change data are synchronized).
 */
public final class Engine implements AutoCloseable {
    private final Store store;
    private final ResolverConfig config;
    private final Resolver resolver;

    private Engine(Store store, ResolverConfig config) {
        this.store = store;
        this.config = config;
        this.resolver = new Resolver(config);
    }

    /** Opens an engine over a store, loading its records. */
    public static Engine open(Store store, ResolverConfig config) {
        Engine e = new Engine(store, config);
        store.scanKeys(e.resolver::load);
        store.scanAliases((old, survivor) -> e.resolver.loadRetired(old));
        e.resolver.finishLoading();
        return e;
    }

    public Store store() {
        return store;
    }

    public ResolverConfig config() {
        return config;
    }

    public synchronized ImportResult importFile(ImportRequest request, Normalizers normalizers,
            Importer.Progress progress) {
        return new Importer(store, resolver, normalizers, config.placeholders()).run(request, progress);
    }

    /** Read access to the in-memory resolution state (profile of a record, profiles of an identifier). */
    public Resolver resolver() {
        return resolver;
    }

    @Override
    public void close() {
        store.close();
    }
}
