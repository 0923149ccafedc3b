package io.idem.cli;

import io.idem.core.Engine;
import io.idem.core.golden.SurvivorshipConfig;
import io.idem.core.normalize.Placeholders;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.store.Store;
import io.idem.store.pg.PostgresStore;
import io.idem.store.sqlite.SqliteStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that open a data directory. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "idem-data",
            description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--store", paramLabel = "URL",
            description = "a PostgreSQL store, postgresql://user:password@host:port/db, instead of --data")
    String store;

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "extra placeholder values, one kind:value per line, added to the built-in blocklist")
    Path placeholders;

    @Option(names = "--survivorship", paramLabel = "FILE",
            description = "survivorship rules for the golden record (default: DIR/survivorship.conf if present)")
    Path survivorship;

    @Option(names = "--matching", paramLabel = "FILE",
            description = "fuzzy matching settings: fuzzy = on|off, match_threshold, review_threshold (default:"
                    + " DIR/matching.conf if present)")
    Path matching;

    /** The fuzzy matching settings: {@code --matching FILE}, else {@code DIR/matching.conf}, else the defaults. */
    io.idem.core.match.MatchConfig matchConfig() {
        Path file = matching != null ? matching : store == null ? data.resolve("matching.conf") : null;
        if (file == null || matching == null && !java.nio.file.Files.exists(file)) {
            return io.idem.core.match.MatchConfig.defaults();
        }
        return io.idem.core.match.MatchConfig.load(file);
    }

    /** The engine's settings: the blocklist and the fuzzy matching settings. */
    ResolverConfig resolverConfig() {
        return ResolverConfig.defaults().withPlaceholders(blocklist()).withMatch(matchConfig());
    }

    SurvivorshipConfig survivorshipConfig() {
        Path file = survivorship != null ? survivorship : data.resolve("survivorship.conf");
        if (survivorship == null && !java.nio.file.Files.exists(file)) {
            return SurvivorshipConfig.defaults();
        }
        return SurvivorshipConfig.load(file);
    }

    Placeholders blocklist() {
        Placeholders p = Placeholders.defaults();
        if (placeholders != null) {
            p = Placeholders.load(placeholders);
        }
        return p;
    }

    /**
     * The store, for a command that only reads: beside a running server or a command that writes
     * (on the embedded store it reads what SQLite holds; see {@link SqliteStore#openForReading}).
     */
    Store openStore() {
        return store != null ? PostgresStore.open(store) : SqliteStore.openForReading(data);
    }

    /**
     * The store, created when there is none, for what a command writes beside a running server
     * without touching what the server holds in memory (an API key).
     */
    Store openStoreBeside() {
        return store != null ? PostgresStore.open(store) : SqliteStore.openBeside(data);
    }

    /**
     * The store, for a command that writes: on the embedded store it holds the data directory until
     * it closes, and is refused while a server or another writing command holds it.
     */
    Store openStoreForWriting() {
        return store != null ? PostgresStore.open(store) : SqliteStore.open(data);
    }

    /** An engine over the store, for a command that writes (see {@link #openStoreForWriting}). */
    Engine openEngine() {
        return Engine.open(openStoreForWriting(), resolverConfig());
    }

    /** An engine over the store, for a command that only reads (see {@link #openStore}). */
    Engine openEngineForReading() {
        return Engine.open(openStore(), resolverConfig());
    }

    /**
     * The engine of a long-running server: on the embedded store, calls are made durable in its
     * journal and applied to SQLite behind it (see {@link SqliteStore#openJournaled}).
     */
    Engine openServingEngine(int reserveRecords) {
        Store s = store != null ? PostgresStore.open(store) : SqliteStore.openJournaled(data);
        return Engine.open(s, resolverConfig(), reserveRecords);
    }
}
