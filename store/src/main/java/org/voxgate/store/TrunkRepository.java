package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and writes {@link Trunk}s.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; every method
 * borrows one connection in auto-commit mode and blocks on JDBC (call from virtual threads).
 * Failures surface as {@link StoreException}; a second trunk with the same name is one whose
 * {@link StoreException#isDuplicateKey()} is true. Lists are stored as comma-separated text.
 */
public final class TrunkRepository {

    private static final String COLUMNS = "name, peer_host, peer_port, transport, inbound_sources,"
            + " inbound_username, inbound_ha1_md5, inbound_ha1_sha256, outbound_username, outbound_secret,"
            + " register_enabled, register_expiry, from_user, from_domain, default_region, codecs, max_calls,"
            + " calls_per_second, default_bot, enabled";

    private static final String INSERT = "INSERT INTO trunks (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE = "UPDATE trunks SET peer_host = ?, peer_port = ?, transport = ?,"
            + " inbound_sources = ?, inbound_username = ?, inbound_ha1_md5 = ?, inbound_ha1_sha256 = ?,"
            + " outbound_username = ?, outbound_secret = ?, register_enabled = ?, register_expiry = ?,"
            + " from_user = ?, from_domain = ?, default_region = ?, codecs = ?, max_calls = ?,"
            + " calls_per_second = ?, default_bot = ?, enabled = ?, updated_at = CURRENT_TIMESTAMP"
            + " WHERE name = ?";

    private final DataSource dataSource;

    TrunkRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Every trunk, by name. */
    public List<Trunk> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM trunks ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<Trunk> trunks = new ArrayList<>();
            while (rs.next()) {
                trunks.add(read(rs));
            }
            return trunks;
        } catch (SQLException e) {
            throw new StoreException("listing trunks failed", e);
        }
    }

    /** The named trunk, or empty. */
    public Optional<Trunk> find(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM trunks WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of trunk " + name + " failed", e);
        }
    }

    /** Adds a new trunk; a duplicate name fails with {@link StoreException#isDuplicateKey()}. */
    public void insert(Trunk trunk) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, trunk.name());
            bindFields(ps, 2, trunk);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("insert of trunk " + trunk.name() + " failed", e);
        }
    }

    /** Replaces every field of an existing trunk; false when there is no trunk of that name. */
    public boolean update(Trunk trunk) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int next = bindFields(ps, 1, trunk);
            ps.setString(next, trunk.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("update of trunk " + trunk.name() + " failed", e);
        }
    }

    /** Deletes the trunk (numbers naming it keep their bot and lose the trunk); false when absent. */
    public boolean delete(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM trunks WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("delete of trunk " + name + " failed", e);
        }
    }

    /** Binds every column after the name, starting at {@code i}; returns the next index. */
    private static int bindFields(PreparedStatement ps, int i, Trunk t) throws SQLException {
        string(ps, i++, t.peerHost());
        ps.setInt(i++, t.peerPort());
        ps.setString(i++, t.transport());
        ps.setString(i++, String.join(",", t.inboundSources()));
        string(ps, i++, t.inboundUsername());
        string(ps, i++, t.inboundHa1Md5());
        string(ps, i++, t.inboundHa1Sha256());
        string(ps, i++, t.outboundUsername());
        string(ps, i++, t.outboundSecret());
        ps.setBoolean(i++, t.registerEnabled());
        ps.setInt(i++, t.registerExpiry());
        string(ps, i++, t.fromUser());
        string(ps, i++, t.fromDomain());
        ps.setString(i++, t.defaultRegion());
        ps.setString(i++, String.join(",", t.codecs()));
        ps.setInt(i++, t.maxCalls());
        ps.setInt(i++, t.callsPerSecond());
        string(ps, i++, t.defaultBot());
        ps.setBoolean(i++, t.enabled());
        return i;
    }

    private static Trunk read(ResultSet rs) throws SQLException {
        return new Trunk(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), split(rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getBoolean(11), rs.getInt(12), rs.getString(13), rs.getString(14), rs.getString(15),
                split(rs.getString(16)), rs.getInt(17), rs.getInt(18), rs.getString(19), rs.getBoolean(20));
    }

    private static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void string(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
