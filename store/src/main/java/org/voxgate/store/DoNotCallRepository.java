package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The do-not-call list: numbers (E.164) no campaign may call. Checked by
 * {@link CallTaskRepository#claim} for every task it is about to dial.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; methods block
 * on JDBC (call them from virtual threads). Failures surface as {@link StoreException}.
 */
public final class DoNotCallRepository {

    // MERGE rather than INSERT + catching the duplicate: adding a present number is ordinary, and
    // the row count tells whether this call added it.
    private static final String ADD = """
            MERGE INTO do_not_call d USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                CAST(? AS TIMESTAMP WITH TIME ZONE))) AS v (phone, reason, created_at)
            ON d.phone = v.phone
            WHEN NOT MATCHED THEN INSERT (phone, reason, created_at) VALUES (v.phone, v.reason, v.created_at)
            """;
    private static final String REMOVE = "DELETE FROM do_not_call WHERE phone = ?";
    private static final String CONTAINS = "SELECT 1 FROM do_not_call WHERE phone = ?";
    private static final String LIST = "SELECT phone, reason, created_at FROM do_not_call"
            + " ORDER BY created_at DESC, phone LIMIT ? OFFSET ?";
    private static final String COUNT = "SELECT COUNT(*) FROM do_not_call";

    private final DataSource dataSource;

    DoNotCallRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Adds a number.
     *
     * @param phone  E.164
     * @param reason why, or {@code null}
     * @return false when it was on the list already (its entry is unchanged)
     */
    public boolean add(String phone, String reason, Instant now) {
        if (phone == null || !NewContact.E164.matcher(phone).matches()) {
            throw new IllegalArgumentException("phone must be an E.164 number (was " + phone + ")");
        }
        if (reason != null && reason.length() > 255) {
            throw new IllegalArgumentException("reason must be at most 255 characters");
        }
        Objects.requireNonNull(now, "now");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ADD)) {
            ps.setString(1, phone);
            SqlTimes.setNullable(ps, 2, reason);
            SqlTimes.set(ps, 3, now);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false; // added by someone else between MERGE's check and its insert
            }
            throw new StoreException("adding " + phone + " to the do-not-call list failed", e);
        }
    }

    /** Removes a number; false when it was not on the list. */
    public boolean remove(String phone) {
        Objects.requireNonNull(phone, "phone");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REMOVE)) {
            ps.setString(1, phone);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("removing " + phone + " from the do-not-call list failed", e);
        }
    }

    /** Whether the number is on the list. */
    public boolean contains(String phone) {
        Objects.requireNonNull(phone, "phone");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CONTAINS)) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("looking up " + phone + " on the do-not-call list failed", e);
        }
    }

    /** A page of the list, newest first. */
    public List<DoNotCallEntry> list(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1 (were " + offset + ", " + limit + ")");
        }
        return SqlPages.page(dataSource, LIST, offset, limit,
                rs -> new DoNotCallEntry(rs.getString(1), rs.getString(2), SqlTimes.get(rs, 3)), "do-not-call numbers");
    }

    /** How many numbers are on the list. */
    public long count() {
        return SqlPages.count(dataSource, COUNT, "do-not-call numbers");
    }
}
