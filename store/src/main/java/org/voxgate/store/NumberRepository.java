package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and writes the numbers table ({@link NumberRoute}).
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; blocks on
 * JDBC. A duplicate number fails with {@link StoreException#isDuplicateKey()}; a trunk that does
 * not exist fails with an integrity error ({@link StoreException#isPermanent()}).
 */
public final class NumberRepository {

    private final DataSource dataSource;

    NumberRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Every number, in order. */
    public List<NumberRoute> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT number, bot, trunk FROM numbers ORDER BY number");
             ResultSet rs = ps.executeQuery()) {
            List<NumberRoute> numbers = new ArrayList<>();
            while (rs.next()) {
                numbers.add(new NumberRoute(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            return numbers;
        } catch (SQLException e) {
            throw new StoreException("listing numbers failed", e);
        }
    }

    /** The route of an E.164 number, or empty. */
    public Optional<NumberRoute> find(String number) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT number, bot, trunk FROM numbers WHERE number = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new NumberRoute(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of number " + number + " failed", e);
        }
    }

    /** Adds a number. */
    public void insert(NumberRoute route) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO numbers (number, bot, trunk) VALUES (?, ?, ?)")) {
            ps.setString(1, route.number());
            ps.setString(2, route.bot());
            trunk(ps, 3, route.trunk());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("insert of number " + route.number() + " failed", e);
        }
    }

    /** Changes the bot and trunk of a number; false when it does not exist. */
    public boolean update(NumberRoute route) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE numbers SET bot = ?, trunk = ? WHERE number = ?")) {
            ps.setString(1, route.bot());
            trunk(ps, 2, route.trunk());
            ps.setString(3, route.number());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("update of number " + route.number() + " failed", e);
        }
    }

    /** Deletes a number; false when it does not exist. */
    public boolean delete(String number) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM numbers WHERE number = ?")) {
            ps.setString(1, number);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("delete of number " + number + " failed", e);
        }
    }

    private static void trunk(PreparedStatement ps, int index, String trunk) throws SQLException {
        if (trunk == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, trunk);
        }
    }
}
