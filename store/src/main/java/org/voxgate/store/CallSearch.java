package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Calls matching a {@link CallFilter}: a page newest first, their count, or all of them one by
 * one for an export. Rows carry what {@link CallRepository#list} gives (no turns, no media, the
 * analysis without lines).
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource}, which it does not own. Methods
 * block on JDBC; failures surface as {@link StoreException}.
 */
public final class CallSearch {

    /** Rows fetched per round trip while exporting; bounds the memory an export holds. */
    private static final int EXPORT_FETCH_SIZE = 500;

    private final DataSource dataSource;

    CallSearch(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A page of matching calls, newest invite first. */
    public List<CallRecord> list(CallFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1 (were " + offset + ", " + limit + ")");
        }
        Where where = Where.of(filter);
        String sql = "SELECT " + CallRepository.CALL_COLUMNS + " FROM calls" + where.sql
                + " ORDER BY invited_at DESC, call_id DESC LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            int next = where.bind(ps, 1);
            ps.setInt(next, limit);
            ps.setInt(next + 1, offset);
            List<CallRecord> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(CallRepository.readCall(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new StoreException("searching calls failed", e);
        }
    }

    /** How many calls match. */
    public long count(CallFilter filter) {
        Where where = Where.of(filter);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM calls" + where.sql)) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting calls failed", e);
        }
    }

    /**
     * Hands every matching call to {@code sink}, newest first, reading them in batches so that
     * an export of any size holds only one batch. The connection stays borrowed until the last
     * row, so {@code sink} should write out and not block on anything else.
     */
    public void forEach(CallFilter filter, Consumer<CallRecord> sink) {
        Objects.requireNonNull(sink, "sink");
        Where where = Where.of(filter);
        String sql = "SELECT " + CallRepository.CALL_COLUMNS + " FROM calls" + where.sql
                + " ORDER BY invited_at DESC, call_id DESC";
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL streams with a fetch size only inside a transaction; H2 ignores both.
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(EXPORT_FETCH_SIZE);
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(CallRepository.readCall(rs));
                    }
                }
                c.commit();
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("exporting calls failed", e);
        }
    }

    /** A filter as a WHERE clause with its parameters in order. */
    private record Where(String sql, List<Object> params) {

        static Where of(CallFilter f) {
            Objects.requireNonNull(f, "filter");
            List<String> terms = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (f.bot() != null) {
                terms.add("bot = ?");
                params.add(f.bot());
            }
            if (f.direction() != null) {
                terms.add("direction = ?");
                params.add(f.direction());
            }
            if (f.callOutcome() != null) {
                terms.add("call_outcome = ?");
                params.add(f.callOutcome());
            }
            if (f.from() != null) {
                terms.add("invited_at >= ?");
                params.add(f.from());
            }
            if (f.to() != null) {
                terms.add("invited_at < ?");
                params.add(f.to());
            }
            if (f.callerForms() != null) {
                List<String> forms = List.copyOf(f.callerForms());
                String in = String.join(", ", Collections.nCopies(forms.size(), "?"));
                terms.add("((direction = 'inbound' AND from_uri IN (" + in + "))"
                        + " OR (direction = 'outbound' AND to_uri IN (" + in + ")))");
                params.addAll(forms);
                params.addAll(forms);
            }
            return new Where(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), params);
        }

        /** Binds the parameters from index {@code first}; returns the next free index. */
        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object p : params) {
                if (p instanceof java.time.Instant at) {
                    SqlTimes.set(ps, i++, at);
                } else {
                    ps.setString(i++, (String) p);
                }
            }
            return i;
        }
    }
}
