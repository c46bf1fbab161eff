package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and writes {@link ApiKey}s. Keys are never stored, only their hash; matching a
 * presented key against the hash is the caller's job (in constant time).
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; every method
 * borrows one connection. Blocks on JDBC: call from virtual threads. Failures surface as
 * {@link StoreException}.
 */
public final class ApiKeyRepository {
    /** The role that may manage keys; the last active one cannot be revoked. */
    public static final String ADMIN = "admin";

    private static final String COLUMNS = "id, name, role, key_hash, created_at, last_used_at, revoked_at";
    private static final String INSERT = "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id LIMIT ? OFFSET ?";
    private static final String COUNT = "SELECT COUNT(*) FROM api_keys";
    private static final String COUNT_ACTIVE = "SELECT COUNT(*) FROM api_keys WHERE role = ? AND revoked_at IS NULL";
    // Every active admin row, locked in one order so two concurrent revocations serialise
    // instead of each seeing "another admin is left" (or deadlocking).
    private static final String LOCK_ADMINS =
            "SELECT id FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL ORDER BY id FOR UPDATE";
    private static final String LOCK_ONE = "SELECT role, revoked_at FROM api_keys WHERE id = ? FOR UPDATE";
    private static final String REVOKE = "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
    private static final String TOUCH = "UPDATE api_keys SET last_used_at = ? WHERE id = ?";
    private static final String UNIQUE_VIOLATION = "23505";

    /** What {@link #revoke} did. */
    public enum Revocation {
        /** The key is revoked now. */
        REVOKED,
        /** It was revoked before; nothing changed. */
        ALREADY_REVOKED,
        /** No key has that id. */
        UNKNOWN,
        /** It is the last active admin key: revoking it would lock everyone out, so it was kept. */
        LAST_ADMIN
    }

    private final DataSource dataSource;

    ApiKeyRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Inserts a new key; false (and nothing written) when its id is taken. */
    public boolean insert(ApiKey key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, key.id());
            ps.setString(2, key.name());
            ps.setString(3, key.role());
            ps.setString(4, key.keyHash());
            SqlTimes.set(ps, 5, key.createdAt());
            SqlTimes.set(ps, 6, key.lastUsedAt());
            SqlTimes.set(ps, 7, key.revokedAt());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("insert of API key " + key.id() + " failed", e);
        }
    }

    /** The key with this id, active or revoked, or empty. */
    public Optional<ApiKey> find(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of API key " + id + " failed", e);
        }
    }

    /** A page of keys, oldest first, revoked ones included. */
    public List<ApiKey> list(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        return SqlPages.page(dataSource, LIST, offset, limit, ApiKeyRepository::read, "API keys");
    }

    /** How many keys exist, revoked ones included. */
    public long count() {
        return SqlPages.count(dataSource, COUNT, "API keys");
    }

    /** How many unrevoked keys hold {@code role}. */
    public long countActive(String role) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT_ACTIVE)) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting active " + role + " keys failed", e);
        }
    }

    /**
     * Revokes a key unless it is the last active admin key; one transaction, safe against a
     * concurrent revocation of another admin key on this or another node.
     */
    public Revocation revoke(String id, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Revocation result = revoke(c, id, at);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("revoking API key " + id + " failed", e);
        }
    }

    private static Revocation revoke(Connection c, String id, Instant at) throws SQLException {
        int activeAdmins = 0;
        try (PreparedStatement ps = c.prepareStatement(LOCK_ADMINS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                activeAdmins++;
            }
        }
        String role;
        try (PreparedStatement ps = c.prepareStatement(LOCK_ONE)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Revocation.UNKNOWN;
                }
                if (SqlTimes.get(rs, 2) != null) {
                    return Revocation.ALREADY_REVOKED;
                }
                role = rs.getString(1);
            }
        }
        if (ADMIN.equals(role) && activeAdmins <= 1) {
            return Revocation.LAST_ADMIN;
        }
        try (PreparedStatement ps = c.prepareStatement(REVOKE)) {
            SqlTimes.set(ps, 1, at);
            ps.setString(2, id);
            ps.executeUpdate();
        }
        return Revocation.REVOKED;
    }

    /** Records that the key authenticated a request at {@code at}. */
    public void touch(String id, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TOUCH)) {
            SqlTimes.set(ps, 1, at);
            ps.setString(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording use of API key " + id + " failed", e);
        }
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                SqlTimes.get(rs, 5), SqlTimes.get(rs, 6), SqlTimes.get(rs, 7));
    }
}
