package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads and writes {@link RegistrationRecord}s: the registrar writes every change through
 * here, reads all of them back at start, and purges the expired ones.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own. An upsert
 * is an UPDATE by primary key, then an INSERT when no row was there: on H2 this costs a
 * third of a {@code MERGE ... USING (VALUES ...)}, and every REGISTER pays it. Two nodes
 * inserting the same binding at once fall back to the update. Blocks on JDBC; failures
 * surface as {@link StoreException}.
 */
public final class RegistrationRepository {
    private static final String COLUMNS = "aor, contact, received_host, received_port, transport, expires_at,"
            + " call_id, cseq, user_agent, q, updated_at";
    private static final String UPDATE = "UPDATE registrations SET received_host = ?, received_port = ?,"
            + " transport = ?, expires_at = ?, call_id = ?, cseq = ?, user_agent = ?, q = ?, updated_at = ?"
            + " WHERE aor = ? AND contact = ?";
    private static final String INSERT = "INSERT INTO registrations (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String DELETE = "DELETE FROM registrations WHERE aor = ? AND contact = ?";
    private static final String DELETE_EXPIRED = "DELETE FROM registrations WHERE expires_at <= ?";
    private static final String LIST_ALL = "SELECT " + COLUMNS + " FROM registrations ORDER BY aor, contact";
    private static final String LIST_LIVE = "SELECT " + COLUMNS
            + " FROM registrations WHERE expires_at > ? ORDER BY aor, contact";

    private final DataSource dataSource;

    RegistrationRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Inserts the registration or replaces the one with the same aor and contact. */
    public void upsert(RegistrationRecord r) {
        try (Connection c = dataSource.getConnection()) {
            if (update(c, r) == 1) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, r.aor());
                ps.setString(2, r.contact());
                ps.setString(3, r.receivedHost());
                ps.setInt(4, r.receivedPort());
                ps.setString(5, r.transport());
                SqlTimes.set(ps, 6, r.expiresAt());
                ps.setString(7, r.callId());
                ps.setLong(8, r.cseq());
                SqlTimes.setNullable(ps, 9, r.userAgent());
                ps.setFloat(10, r.q());
                SqlTimes.set(ps, 11, r.updatedAt());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                update(c, r); // inserted meanwhile by someone else: ours is the newer write
            }
        } catch (SQLException e) {
            throw new StoreException("write of registration " + r.aor() + " -> " + r.contact() + " failed", e);
        }
    }

    private static int update(Connection c, RegistrationRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setString(1, r.receivedHost());
            ps.setInt(2, r.receivedPort());
            ps.setString(3, r.transport());
            SqlTimes.set(ps, 4, r.expiresAt());
            ps.setString(5, r.callId());
            ps.setLong(6, r.cseq());
            SqlTimes.setNullable(ps, 7, r.userAgent());
            ps.setFloat(8, r.q());
            SqlTimes.set(ps, 9, r.updatedAt());
            ps.setString(10, r.aor());
            ps.setString(11, r.contact());
            return ps.executeUpdate();
        }
    }

    /** Deletes one registration; nothing happens when it does not exist. */
    public void delete(String aor, String contact) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, aor);
            ps.setString(2, contact);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("delete of registration " + aor + " -> " + contact + " failed", e);
        }
    }

    /** Deletes every registration expired at {@code now}; returns how many. */
    public int deleteExpired(Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE_EXPIRED)) {
            SqlTimes.set(ps, 1, now);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge of expired registrations failed", e);
        }
    }

    /** Every stored registration, expired or not, by aor and contact. */
    public List<RegistrationRecord> listAll() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST_ALL)) {
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("listing registrations failed", e);
        }
    }

    /** Registrations not yet expired at {@code now}, by aor and contact. */
    public List<RegistrationRecord> listLive(Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST_LIVE)) {
            SqlTimes.set(ps, 1, now);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("listing live registrations failed", e);
        }
    }

    private static List<RegistrationRecord> read(PreparedStatement ps) throws SQLException {
        List<RegistrationRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new RegistrationRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), SqlTimes.get(rs, 6), rs.getString(7), rs.getLong(8), rs.getString(9),
                        rs.getFloat(10), SqlTimes.get(rs, 11)));
            }
        }
        return out;
    }
}
