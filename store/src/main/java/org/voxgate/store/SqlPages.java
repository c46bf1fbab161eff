package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The two queries every paged resource repeats: one page of rows ({@code ... LIMIT ? OFFSET ?})
 * and a {@code COUNT(*)}. Failures become a {@link StoreException} saying what was being done.
 *
 * <p>Stateless; each call borrows a connection from the pool and returns it.
 */
final class SqlPages {
    /** Reads one row of the current result set position. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private SqlPages() {}

    /**
     * @param sql a query ending in {@code LIMIT ? OFFSET ?} with no other parameters
     * @param what what is listed, for the error ("API keys")
     */
    static <T> List<T> page(DataSource dataSource, String sql, int offset, int limit, RowReader<T> reader,
            String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            List<T> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(reader.read(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new StoreException("listing " + what + " failed", e);
        }
    }

    /** The single number a {@code SELECT COUNT(*) ...} without parameters returns. */
    static long count(DataSource dataSource, String sql, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting " + what + " failed", e);
        }
    }
}
