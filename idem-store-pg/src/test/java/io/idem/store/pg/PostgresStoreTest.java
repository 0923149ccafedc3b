package io.idem.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import io.idem.core.store.Store;
import io.idem.core.store.StoredRecord;
import io.idem.store.StoreContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    /** Every row of every table, as text; byte columns decoded as UTF-8 so raw text would show. */
    @Override
    protected String everythingStored(Store s) {
        StringBuilder sb = new StringBuilder();
        try (java.sql.Connection c = PgUrl.parse(url).connect(); java.sql.Statement st = c.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema='public' AND table_name <> 'keyring'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                String sql = t.equals("records")
                        ? "SELECT concat_ws(' ', source, record_id, profile_id, convert_from(keys, 'UTF8'),"
                                + " convert_from(fields, 'UTF8')) FROM records"
                        : "SELECT x::text FROM " + t + " x";
                try (java.sql.ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append('\n');
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    /**
     * A write PostgreSQL refuses inside a batch (here a record id longer than an index entry can
     * be; a connection dropped mid-batch gives the same kind of error) fails with a short error
     * naming the store and the reason, not the batch's statement with every row's sealed bytes (4 MB
     * of text on the terminal, seen when an import lost its connection), and stores nothing of it.
     */
    @Test
    void aRefusedBatchIsAShortErrorNotTheStatement() {
        store.apply(records(new StoredRecord(record("web", "0", "a0@x.com", "a0@x.com"), "P0")));
        StoredRecord[] many = new StoredRecord[500];
        for (int i = 0; i < many.length; i++) {
            String id = i == 250 ? incompressible(20_000) : "n" + i;
            many[i] = new StoredRecord(record("web", id, "n" + i + "@x.com", "n" + i + "@x.com"), "P" + i);
        }
        assertThatThrownBy(() -> store.apply(records(many))).isInstanceOf(IdemException.Storage.class)
                .hasMessageStartingWith("cannot write to postgresql://")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(700).doesNotContain("INSERT")
                        .doesNotContain("\\x"));
        store = reopen(store);
        assertThat(store.stats().records()).isEqualTo(1);
    }

    /**
     * PostgreSQL closes every connection of the store (a restart, a failover): reads go on at once
     * on new connections; a write right after another meets the closed connection and fails
     * (nothing of it is stored), and the writes after it work, through {@code exclusive} too; a write
     * after a quiet spell checks the connection first and does not fail. Before, the store failed
     * every call until the process was restarted.
     */
    @Test
    void theStoreWorksAgainAfterPostgresClosedItsConnections() throws Exception {
        store.apply(records(new StoredRecord(record("web", "1", "a1@x.com", "a1@x.com"), "P1")));
        closeConnections();
        assertThat(store.record(new io.idem.core.model.RecordKey("web", "1"))).isPresent();
        assertThat(store.recordCount()).isEqualTo(1);
        StoredRecord two = new StoredRecord(record("web", "2", "a2@x.com", "a2@x.com"), "P2");
        try {
            store.apply(records(two)); // right after a use: not checked first, so it meets the closed connection
        } catch (IdemException.Storage e) {
            assertThat(e).hasMessageStartingWith("cannot write to");
            store.apply(records(two));
        }
        assertThat(store.record(new io.idem.core.model.RecordKey("web", "2"))).isPresent();

        closeConnections();
        StoredRecord three = new StoredRecord(record("web", "3", "a3@x.com", "a3@x.com"), "P3");
        io.idem.core.store.ChangeFeed feed = new io.idem.core.store.ChangeFeed() {
            @Override
            public void record(io.idem.core.store.KeyedRecord stored) {
            }

            @Override
            public void alias(String mergedAway, String survivor) {
            }
        };
        try {
            store.exclusive(feed, () -> null);
        } catch (IdemException.Storage e) {
            assertThat(e).hasMessageStartingWith("cannot lock");
        }
        store.exclusive(feed, () -> {
            store.apply(records(three));
            return null;
        });
        // after a quiet spell the writer is checked before use: a restart then costs no write
        closeConnections();
        ((PostgresStore) store).idleWriterForTest();
        store.apply(records(new StoredRecord(record("web", "4", "a4@x.com", "a4@x.com"), "P4")));
        store = reopen(store);
        assertThat(store.recordCount()).isEqualTo(4);
    }

    private void closeConnections() throws java.sql.SQLException {
        try (java.sql.Connection c = PgTestDatabase.server().connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                    + PgUrl.parse(url).database() + "' AND pid <> pg_backend_pid()");
        }
    }

    private static String incompressible(int length) {
        java.util.Random random = new java.util.Random(1);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        PgTestDatabase.drop(url);
    }
}
