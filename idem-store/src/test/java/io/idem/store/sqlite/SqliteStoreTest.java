package io.idem.store.sqlite;

import io.idem.core.store.Store;
import io.idem.store.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store createStore() {
        return SqliteStore.open(dir);
    }

    @Override
    protected Store reopen(Store old) {
        old.close();
        return SqliteStore.open(dir);
    }
}
