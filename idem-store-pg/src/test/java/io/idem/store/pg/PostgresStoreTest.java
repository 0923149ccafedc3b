package io.idem.store.pg;

import io.idem.core.store.Store;
import io.idem.store.StoreContractTest;
import org.junit.jupiter.api.AfterEach;

class PostgresStoreTest extends StoreContractTest {
    private String url;

    @Override
    protected Store createStore() {
        url = PgTestDatabase.create();
        return PostgresStore.open(url);
    }

    @Override
    protected Store reopen(Store old) {
        old.close();
        return PostgresStore.open(url);
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        PgTestDatabase.drop(url);
    }
}
