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

    @AfterEach
    void dropDatabase() {
        store.close();
        PgTestDatabase.drop(url);
    }
}
