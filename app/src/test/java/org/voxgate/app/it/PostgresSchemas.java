package org.voxgate.app.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema in the local PostgreSQL (127.0.0.1:5432, database {@code test}) for one
 * integration test, dropped afterwards, so runs never collide. With {@code CI=true} an
 * unreachable PostgreSQL fails the test; elsewhere it is skipped with a message. Stateless.
 */
final class PostgresSchemas {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    /** What runs against the schema, given its JDBC URL. */
    @FunctionalInterface
    interface WithUrl {
        void run(String url) throws Exception;
    }

    private PostgresSchemas() {
    }

    /** Creates a schema, runs {@code test} with a URL whose {@code currentSchema} is it, then drops it. */
    static void inFreshSchema(WithUrl test) throws Exception {
        String schema = "voxgate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect(SERVER)) {
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            try {
                test.run(SERVER + "?currentSchema=" + schema);
            } finally {
                try (Statement s = admin.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    /** A connection as the {@code postgres} user; skips (or, with CI=true, fails) when none can be had. */
    static Connection connect(String url) throws SQLException {
        try {
            return DriverManager.getConnection(url, "postgres", "");
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new SQLException("PostgreSQL at " + SERVER + " is unreachable and CI=true: " + e.getMessage(), e);
            }
            assumeTrue(false, "PostgreSQL at " + SERVER + " is unreachable; skipped outside CI: " + e.getMessage());
            throw e;
        }
    }
}
