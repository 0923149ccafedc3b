package io.idem.server;

import io.idem.core.store.Store;
import io.idem.store.pg.PgTestDatabase;
import io.idem.store.pg.PostgresStore;
import io.idem.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The stores every server test runs on: the embedded one and a real PostgreSQL. */
enum Backend {
    SQLITE {
        @Override
        Fresh create() {
            try {
                Path dir = Files.createTempDirectory("idem-server-test");
                // journaled, as `idem serve` opens it
                return new Fresh(() -> SqliteStore.openJournaled(dir), () -> delete(dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    POSTGRESQL {
        @Override
        Fresh create() {
            String url = PgTestDatabase.create();
            return new Fresh(() -> PostgresStore.open(url), () -> PgTestDatabase.drop(url));
        }
    };

    /** A new empty store: how to open it (again) and how to throw it away. */
    record Fresh(java.util.function.Supplier<Store> opener, Runnable dispose) {
    }

    abstract Fresh create();

    /** Removes a test's store directory (best effort: a file still open is left for the OS). */
    private static void delete(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not a test failure
        }
    }
}
