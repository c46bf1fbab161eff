package org.voxgate.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a block in one transaction on a borrowed connection: commit when it returns, roll back
 * when it throws, and the connection's auto-commit restored either way (it goes back to the pool).
 *
 * <p>Stateless. The caller owns the connection and runs the block on its own thread.
 */
final class Tx {

    /** A block of JDBC work returning a value. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private Tx() {
    }

    static <T> T run(Connection c, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
