package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and writes {@link SipUser}s.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; every
 * method borrows one connection in auto-commit mode. Blocks on JDBC: call from virtual
 * threads. Failures surface as {@link StoreException}.
 */
public final class SipUserRepository {
    private static final String COLUMNS =
            "username, realm, ha1_md5, ha1_sha256, display_name, enabled, created_at, updated_at";
    private static final String INSERT = "INSERT INTO sip_users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE sip_users SET realm = ?, ha1_md5 = ?, ha1_sha256 = ?,"
            + " display_name = ?, enabled = ?, updated_at = ? WHERE username = ?";
    private static final String FIND = "SELECT " + COLUMNS + " FROM sip_users WHERE username = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM sip_users ORDER BY username LIMIT ? OFFSET ?";
    private static final String COUNT = "SELECT COUNT(*) FROM sip_users";
    private static final String DELETE = "DELETE FROM sip_users WHERE username = ?";
    /** SQLState of a unique or primary key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    SipUserRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Inserts a new user; false (and nothing written) when the username is taken. */
    public boolean insert(SipUser user) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, user.username());
            ps.setString(2, user.realm());
            ps.setString(3, user.ha1Md5());
            ps.setString(4, user.ha1Sha256());
            SqlTimes.setNullable(ps, 5, user.displayName());
            ps.setBoolean(6, user.enabled());
            SqlTimes.set(ps, 7, user.createdAt());
            SqlTimes.set(ps, 8, user.updatedAt());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("insert of SIP user " + user.username() + " failed", e);
        }
    }

    /** Replaces every column of an existing user but its creation time; false when there is none. */
    public boolean update(SipUser user) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setString(1, user.realm());
            ps.setString(2, user.ha1Md5());
            ps.setString(3, user.ha1Sha256());
            SqlTimes.setNullable(ps, 4, user.displayName());
            ps.setBoolean(5, user.enabled());
            SqlTimes.set(ps, 6, user.updatedAt());
            ps.setString(7, user.username());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("update of SIP user " + user.username() + " failed", e);
        }
    }

    /** The user, or empty. */
    public Optional<SipUser> find(String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of SIP user " + username + " failed", e);
        }
    }

    /** A page of users ordered by username. */
    public List<SipUser> list(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        return SqlPages.page(dataSource, LIST, offset, limit, SipUserRepository::read, "SIP users");
    }

    /** How many users exist. */
    public long count() {
        return SqlPages.count(dataSource, COUNT, "SIP users");
    }

    /** Deletes the user; false when there was none. */
    public boolean delete(String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, username);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("delete of SIP user " + username + " failed", e);
        }
    }

    private static SipUser read(ResultSet rs) throws SQLException {
        return new SipUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), SqlTimes.get(rs, 7), SqlTimes.get(rs, 8));
    }
}
