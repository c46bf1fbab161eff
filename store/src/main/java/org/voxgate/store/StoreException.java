package org.voxgate.store;

import java.sql.SQLException;

/**
 * Unchecked failure of the store: the database could not be reached, a statement failed,
 * or start-up (pool or migrations) failed.
 *
 * <p>Immutable and therefore safe to share between threads. When the cause is a
 * {@link SQLException}, {@link #sqlState()} exposes its SQLState so callers can tell a
 * permanent data error from an outage. Not final so that specific refusals (for example
 * {@link CampaignConflictException}) can be caught apart and still be store failures.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The SQLState of the underlying {@link SQLException}, or {@code null} when the cause is
     * not an SQLException or carries no state.
     */
    public String sqlState() {
        return getCause() instanceof SQLException sql ? sql.getSQLState() : null;
    }

    /**
     * Whether retrying the same statement can never succeed: SQLState class 22 (data
     * exception, e.g. a value too long) or 23 (integrity constraint violation). Everything
     * else, notably connection failures, is treated as possibly transient.
     */
    public boolean isPermanent() {
        String state = sqlState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** Whether the statement broke a unique or primary key (SQLState 23505 on H2 and PostgreSQL). */
    public boolean isDuplicateKey() {
        return "23505".equals(sqlState());
    }
}
