package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Reads and writes bots and their versioned configurations (tables {@code bots} and
 * {@code bot_versions}). Every write of a configuration adds a version; versions are never
 * changed or removed, so a call can always find the version it ran, even after its bot is
 * deleted (deletion only marks the bot).
 *
 * <p>Version numbers are handed out under a row lock on the bot ({@code SELECT ... FOR UPDATE},
 * which H2 and PostgreSQL both honour), so two concurrent saves get consecutive numbers; the
 * primary key {@code (bot, version)} would refuse a duplicate even if the lock were bypassed.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; blocks on JDBC.
 */
public final class BotRepository {

    private static final String VERSION_COLUMNS = "bot, version, config, created_at, created_by, comment";
    private static final String CURRENT = "SELECT b.name, b.current_version, b.created_at, b.updated_at, v.config"
            + " FROM bots b JOIN bot_versions v ON v.bot = b.name AND v.version = b.current_version"
            + " WHERE b.deleted_at IS NULL";

    private final DataSource dataSource;

    BotRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Creates a bot with its first version. A deleted bot of the same name comes back with the
     * next version number after its last one, so old calls' versions stay unambiguous.
     *
     * @throws StoreException with {@link StoreException#isDuplicateKey()} when a bot of that
     *                        name exists and is not deleted
     */
    public BotVersion create(String name, String config, String createdBy, String comment) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        return inTransaction("create of bot " + name, c -> {
            Boolean deleted = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT deleted_at IS NOT NULL FROM bots WHERE name = ? FOR UPDATE")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        deleted = rs.getBoolean(1);
                    }
                }
            }
            if (deleted == null) {
                // A concurrent create of the same name fails here on the primary key (23505).
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO bots (name, current_version) VALUES (?, 1)")) {
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
                insertVersion(c, name, 1, config, createdBy, comment);
                return readVersion(c, name, 1).orElseThrow();
            }
            if (!deleted) {
                throw new SQLIntegrityConstraintViolationException("bot " + name + " exists", "23505");
            }
            int next = maxVersion(c, name) + 1;
            insertVersion(c, name, next, config, createdBy, comment);
            try (PreparedStatement ps = c.prepareStatement("UPDATE bots SET current_version = ?, deleted_at = NULL,"
                    + " created_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP WHERE name = ?")) {
                ps.setInt(1, next);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return readVersion(c, name, next).orElseThrow();
        });
    }

    /**
     * Saves a new version of an existing bot and makes it current.
     *
     * @return the new version, or empty when there is no such bot (or it is deleted)
     */
    public Optional<BotVersion> saveVersion(String name, String config, String createdBy, String comment) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        return inTransaction("save of a version of bot " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT current_version FROM bots WHERE name = ? AND deleted_at IS NULL FOR UPDATE")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            int next = maxVersion(c, name) + 1;
            insertVersion(c, name, next, config, createdBy, comment);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE bots SET current_version = ?, updated_at = CURRENT_TIMESTAMP WHERE name = ?")) {
                ps.setInt(1, next);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return readVersion(c, name, next);
        });
    }

    /** The bot with its current configuration, or empty when there is none or it is deleted. */
    public Optional<BotRecord> current(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(CURRENT + " AND b.name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readBot(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of bot " + name + " failed", e);
        }
    }

    /** Only the current version number of a bot that is not deleted: the cheap check a call makes. */
    public OptionalInt currentVersion(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT current_version FROM bots WHERE name = ? AND deleted_at IS NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of the version of bot " + name + " failed", e);
        }
    }

    /** One version of a bot, deleted or not (calls refer to versions of deleted bots too). */
    public Optional<BotVersion> version(String name, int version) {
        try (Connection c = dataSource.getConnection()) {
            return readVersion(c, name, version);
        } catch (SQLException e) {
            throw new StoreException("lookup of version " + version + " of bot " + name + " failed", e);
        }
    }

    /** A page of a bot's versions, newest first. */
    public List<BotVersion> versions(String name, int offset, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                     + " FROM bot_versions WHERE bot = ? ORDER BY version DESC LIMIT ? OFFSET ?")) {
            ps.setString(1, name);
            ps.setInt(2, limit);
            ps.setInt(3, offset);
            try (ResultSet rs = ps.executeQuery()) {
                List<BotVersion> page = new ArrayList<>();
                while (rs.next()) {
                    page.add(readVersion(rs));
                }
                return page;
            }
        } catch (SQLException e) {
            throw new StoreException("listing versions of bot " + name + " failed", e);
        }
    }

    /** How many versions a bot has. */
    public int countVersions(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM bot_versions WHERE bot = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting versions of bot " + name + " failed", e);
        }
    }

    /** A page of the bots that are not deleted, by name. */
    public List<BotRecord> list(int offset, int limit) {
        return SqlPages.page(dataSource, CURRENT + " ORDER BY b.name LIMIT ? OFFSET ?", offset, limit,
                BotRepository::readBot, "bots");
    }

    /** How many bots are not deleted. */
    public int count() {
        return (int) SqlPages.count(dataSource, "SELECT COUNT(*) FROM bots WHERE deleted_at IS NULL", "bots");
    }

    /**
     * Whether no bot was ever stored, deleted ones included: the store's first start, when
     * example bots may be loaded without bringing back bots an operator deleted.
     */
    public boolean neverUsed() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM bots");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1) == 0;
        } catch (SQLException e) {
            throw new StoreException("counting bots failed", e);
        }
    }

    /**
     * Marks a bot deleted; its versions stay.
     *
     * @return false when there is no such bot or it is deleted already
     */
    public boolean delete(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE bots SET deleted_at = CURRENT_TIMESTAMP WHERE name = ? AND deleted_at IS NULL")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("delete of bot " + name + " failed", e);
        }
    }

    private static int maxVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM bot_versions WHERE bot = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1); // 0 when there is none
            }
        }
    }

    private static void insertVersion(Connection c, String name, int version, String config, String createdBy,
            String comment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bot_versions (bot, version, config, created_by, comment) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setInt(2, version);
            ps.setString(3, config);
            SqlTimes.setNullable(ps, 4, createdBy);
            SqlTimes.setNullable(ps, 5, comment);
            ps.executeUpdate();
        }
    }

    private static Optional<BotVersion> readVersion(Connection c, String name, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM bot_versions WHERE bot = ? AND version = ?")) {
            ps.setString(1, name);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readVersion(rs)) : Optional.empty();
            }
        }
    }

    private static BotVersion readVersion(ResultSet rs) throws SQLException {
        return new BotVersion(rs.getString(1), rs.getInt(2), rs.getString(3), SqlTimes.get(rs, 4), rs.getString(5),
                rs.getString(6));
    }

    private static BotRecord readBot(ResultSet rs) throws SQLException {
        return new BotRecord(rs.getString(1), rs.getInt(2), SqlTimes.get(rs, 3), SqlTimes.get(rs, 4), rs.getString(5));
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed", e);
        }
    }
}
