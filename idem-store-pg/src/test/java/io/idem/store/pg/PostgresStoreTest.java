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
