package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Creates, reads, changes and (softly) deletes {@link Campaign}s, and moves them between states.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; methods block
 * on JDBC (call them from virtual threads). Failures surface as {@link StoreException}, a taken
 * name as {@link CampaignConflictException}. State changes are conditional UPDATEs, so two nodes
 * racing to start, pause or finish one campaign cannot both win.
 */
public final class CampaignRepository {

    private static final String COLUMNS = "id, name, bot, trunk, caller_id, time_zone, settings, state, created_at,"
            + " updated_at, started_at, finished_at";
    private static final String INSERT = "INSERT INTO campaigns (" + COLUMNS + ", live_name)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, NULL, NULL, ?)";
    // An id wins over a name when one campaign's name is another's id (UUID-looking names).
    private static final String FIND = "SELECT " + COLUMNS + " FROM campaigns WHERE deleted_at IS NULL"
            + " AND (id = ? OR live_name = ?) ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END FETCH FIRST 1 ROW ONLY";
    private static final String UPDATE = "UPDATE campaigns SET name = ?, live_name = ?, bot = ?, trunk = ?,"
            + " caller_id = ?, time_zone = ?, settings = ?, updated_at = ?"
            + " WHERE id = ? AND deleted_at IS NULL AND state IN ('draft', 'paused')";
    private static final String RUNNING = "SELECT " + COLUMNS + " FROM campaigns WHERE deleted_at IS NULL"
            + " AND state = 'running' ORDER BY created_at, id";
    private static final String LOCK = "SELECT state FROM campaigns WHERE id = ? AND deleted_at IS NULL FOR UPDATE";
    private static final String DELETE = "UPDATE campaigns SET deleted_at = ?, live_name = NULL, updated_at = ?"
            + " WHERE id = ? AND deleted_at IS NULL";

    private final DataSource dataSource;

    CampaignRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Stores a new campaign in state draft with a new UUID; created and updated at
     * {@code c.createdAt()}. The given id and state are ignored.
     *
     * @throws CampaignConflictException when a live campaign has the name
     */
    public Campaign create(Campaign c) {
        Objects.requireNonNull(c, "campaign");
        String id = UUID.randomUUID().toString();
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(INSERT)) {
            ps.setString(1, id);
            ps.setString(2, c.name());
            ps.setString(3, c.bot());
            ps.setString(4, c.trunk());
            SqlTimes.setNullable(ps, 5, c.callerId());
            ps.setString(6, c.timeZone());
            ps.setString(7, CampaignSettingsJson.write(c.settings()));
            SqlTimes.set(ps, 8, c.createdAt());
            SqlTimes.set(ps, 9, c.createdAt());
            ps.setString(10, c.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("creating campaign " + c.name(), c.name(), e);
        }
        return find(id).orElseThrow();
    }

    /** The live (not deleted) campaign with this id or name. */
    public Optional<Campaign> find(String idOrName) {
        Objects.requireNonNull(idOrName, "idOrName");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, idOrName);
            ps.setString(2, idOrName);
            ps.setString(3, idOrName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of campaign " + idOrName + " failed", e);
        }
    }

    /**
     * A page of live campaigns, newest first.
     *
     * @param stateOrNull only campaigns in this state, or all
     */
    public List<Campaign> list(String stateOrNull, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1 (were " + offset + ", " + limit + ")");
        }
        String sql = "SELECT " + COLUMNS + " FROM campaigns WHERE deleted_at IS NULL"
                + (stateOrNull == null ? "" : " AND state = ?") + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (stateOrNull != null) {
                ps.setString(i++, stateOrNull);
            }
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            return readAll(ps);
        } catch (SQLException e) {
            throw new StoreException("listing campaigns failed", e);
        }
    }

    /** How many live campaigns there are (in this state, unless {@code null}). */
    public long count(String stateOrNull) {
        String sql = "SELECT COUNT(*) FROM campaigns WHERE deleted_at IS NULL"
                + (stateOrNull == null ? "" : " AND state = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (stateOrNull != null) {
                ps.setString(1, stateOrNull);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting campaigns failed", e);
        }
    }

    /**
     * Replaces name, bot, trunk, caller id, time zone and settings of the campaign with
     * {@code c.id()}; its state and times other than updatedAt stay.
     *
     * @throws IllegalStateException     when it is neither draft nor paused
     * @throws NoSuchElementException    when there is no live campaign with that id
     * @throws CampaignConflictException when another live campaign has the new name
     */
    public Campaign update(Campaign c, Instant now) {
        Objects.requireNonNull(c, "campaign");
        Objects.requireNonNull(c.id(), "campaign.id");
        Objects.requireNonNull(now, "now");
        int changed;
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(UPDATE)) {
            ps.setString(1, c.name());
            ps.setString(2, c.name());
            ps.setString(3, c.bot());
            ps.setString(4, c.trunk());
            SqlTimes.setNullable(ps, 5, c.callerId());
            ps.setString(6, c.timeZone());
            ps.setString(7, CampaignSettingsJson.write(c.settings()));
            SqlTimes.set(ps, 8, now);
            ps.setString(9, c.id());
            changed = ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("updating campaign " + c.id(), c.name(), e);
        }
        Optional<Campaign> stored = find(c.id());
        if (changed == 0) {
            if (stored.isEmpty() || !stored.get().id().equals(c.id())) {
                throw new NoSuchElementException("no campaign " + c.id());
            }
            throw new IllegalStateException("campaign " + c.id() + " is " + stored.get().state()
                    + "; only a draft or paused campaign can be changed");
        }
        return stored.orElseThrow();
    }

    /**
     * Moves a live campaign from one of {@code from} to {@code to}, if it is in one of them now.
     * To running: {@code started_at} is set if it was not, and pacing starts afresh
     * ({@code next_dial_at} cleared). To completed or stopped: {@code finished_at = now}.
     *
     * @return whether this call changed the state (false: unknown, or in another state)
     */
    public boolean transition(String id, Set<String> from, String to, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        if (from == null || from.isEmpty() || !Campaign.STATES.containsAll(from)) {
            throw new IllegalArgumentException("from must be a non-empty set of states (was " + from + ")");
        }
        if (!Campaign.STATES.contains(to)) {
            throw new IllegalArgumentException("to must be a state (was " + to + ")");
        }
        StringBuilder sql = new StringBuilder("UPDATE campaigns SET state = ?, updated_at = ?");
        if (Campaign.RUNNING.equals(to)) {
            sql.append(", started_at = COALESCE(started_at, ?), next_dial_at = NULL");
        } else if (Campaign.COMPLETED.equals(to) || Campaign.STOPPED.equals(to)) {
            sql.append(", finished_at = ?");
        }
        sql.append(" WHERE id = ? AND deleted_at IS NULL AND state IN (")
                .append(String.join(", ", from.stream().map(s -> "?").toList())).append(')');
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, to);
            SqlTimes.set(ps, i++, now);
            if (!Campaign.DRAFT.equals(to) && !Campaign.PAUSED.equals(to)) {
                SqlTimes.set(ps, i++, now);
            }
            ps.setString(i++, id);
            for (String state : from) {
                ps.setString(i++, state);
            }
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("moving campaign " + id + " to " + to + " failed", e);
        }
    }

    /** Every live running campaign, oldest first. */
    public List<Campaign> running() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RUNNING)) {
            return readAll(ps);
        } catch (SQLException e) {
            throw new StoreException("listing running campaigns failed", e);
        }
    }

    /**
     * Deletes a campaign softly: its row stays (its contacts and tasks refer to it) but it is
     * no longer found or listed, and its name is free again.
     *
     * @return false when there is no live campaign with this id
     * @throws IllegalStateException while it is running
     */
    public boolean delete(String id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        try (Connection c = dataSource.getConnection()) {
            return Tx.run(c, () -> {
                String state;
                try (PreparedStatement ps = c.prepareStatement(LOCK)) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return false;
                        }
                        state = rs.getString(1);
                    }
                }
                if (Campaign.RUNNING.equals(state)) {
                    throw new IllegalStateException("campaign " + id + " is running; pause or stop it first");
                }
                try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                    SqlTimes.set(ps, 1, now);
                    SqlTimes.set(ps, 2, now);
                    ps.setString(3, id);
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("deleting campaign " + id + " failed", e);
        }
    }

    private static StoreException failure(String what, String name, SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return new CampaignConflictException("a campaign named " + name + " already exists", e);
        }
        return new StoreException(what + " failed", e);
    }

    private static List<Campaign> readAll(PreparedStatement ps) throws SQLException {
        List<Campaign> all = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    private static Campaign read(ResultSet rs) throws SQLException {
        return new Campaign(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), CampaignSettingsJson.read(rs.getString(7)), rs.getString(8), SqlTimes.get(rs, 9),
                SqlTimes.get(rs, 10), SqlTimes.get(rs, 11), SqlTimes.get(rs, 12));
    }
}
