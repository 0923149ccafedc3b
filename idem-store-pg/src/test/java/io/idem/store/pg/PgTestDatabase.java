package io.idem.store.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh databases on a real PostgreSQL server for tests. The server is named by the environment
 * variable {@code IDEM_TEST_PG} (default {@value #DEFAULT}); {@code .ci/run} installs and starts one.
 * When no server answers the tests fail: they never skip.
 */
public final class PgTestDatabase {
    public static final String ENV = "IDEM_TEST_PG";
    public static final String DEFAULT = "postgresql://idem:idem@127.0.0.1:5432/postgres";

    private PgTestDatabase() {
    }

    /** The server's maintenance database address. */
    public static PgUrl server() {
        String env = System.getenv(ENV);
        return PgUrl.parse(env == null || env.isBlank() ? DEFAULT : env);
    }

    /** Creates an empty database and returns its store address. */
    public static String create() {
        PgUrl admin = server();
        String name = "idem_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + admin.display() + ": " + e.getMessage(), e);
        }
        PgUrl db = admin.withDatabase(name);
        return "postgresql://" + db.user() + ":" + db.password() + "@" + db.host() + ":" + db.port() + "/" + name;
    }

    /** Drops a database made by {@link #create}, closing whatever connections are left. */
    public static void drop(String storeUrl) {
        PgUrl db = PgUrl.parse(storeUrl);
        try (Connection c = connect(server()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db.database() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + db.display() + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(PgUrl url) {
        try {
            return url.connect();
        } catch (RuntimeException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + url.display() + " (set " + ENV
                    + " to a server's postgresql://user:password@host:port/postgres; `bash .ci/run` installs and"
                    + " starts one): " + e.getMessage(), e);
        }
    }
}
