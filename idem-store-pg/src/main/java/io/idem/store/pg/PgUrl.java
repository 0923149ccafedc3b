package io.idem.store.pg;

import io.idem.core.IdemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A store address {@code postgresql://user:password@host:port/database}, the form PostgreSQL's own
 * tools take. The password is never printed: {@link #display()} leaves it out.
 */
public record PgUrl(String host, int port, String database, String user, String password) {

    public static PgUrl parse(String text) {
        if (text == null || !(text.startsWith("postgresql://") || text.startsWith("postgres://"))) {
            throw new IdemException.InvalidInput("store '" + text + "' is not postgresql://user:password@host:port/db");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IdemException.InvalidInput("store address is not a valid URL: " + e.getMessage());
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) {
            throw new IdemException.InvalidInput("store address names no database: postgresql://host:port/DATABASE");
        }
        String user = "";
        String password = "";
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        return new PgUrl(host, port, database, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The JDBC URL, without credentials. */
    public String jdbc() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The same server, another database (to create or drop databases from). */
    public PgUrl withDatabase(String other) {
        return new PgUrl(host, port, other, user, password);
    }

    /** For messages and logs: no password. */
    public String display() {
        return "postgresql://" + (user.isEmpty() ? "" : user + "@") + host + ":" + port + "/" + database;
    }

    public Connection connect() {
        Properties p = new Properties();
        if (!user.isEmpty()) {
            p.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("reWriteBatchedInserts", "true");
        p.setProperty("ApplicationName", "idem");
        try {
            return DriverManager.getConnection(jdbc(), p);
        } catch (SQLException e) {
            throw new IdemException.Storage("cannot connect to " + display() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return display();
    }
}
