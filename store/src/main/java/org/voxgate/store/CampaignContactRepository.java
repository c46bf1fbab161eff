package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A campaign's contacts: adding them (each with its first call task) and reading them back.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; methods block
 * on JDBC (call them from virtual threads). Failures surface as {@link StoreException}.
 */
public final class CampaignContactRepository {

    /** Rows per JDBC batch: large enough for 100k contacts in seconds, small enough for the drivers' buffers. */
    private static final int BATCH = 500;

    // Serializes imports of one campaign (so the duplicate check below cannot race another
    // import); claims of a running campaign wait for the import, which takes seconds at most.
    private static final String LOCK_CAMPAIGN = "SELECT id FROM campaigns WHERE id = ? AND deleted_at IS NULL FOR UPDATE";
    private static final String PHONES = "SELECT phone FROM campaign_contacts WHERE campaign_id = ?";
    private static final String INSERT_CONTACT = "INSERT INTO campaign_contacts (campaign_id, phone, name, time_zone,"
            + " variables, source_line, status, attempts, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)";
    // Every contact of the campaign without any task is one this transaction added (contacts
    // only ever come with their first task), so one INSERT ... SELECT queues them all.
    private static final String INSERT_FIRST_TASKS = "INSERT INTO call_tasks (campaign_id, contact_id, attempt,"
            + " state, due_at) SELECT c.campaign_id, c.id, 1, 'queued', ? FROM campaign_contacts c"
            + " WHERE c.campaign_id = ? AND NOT EXISTS (SELECT 1 FROM call_tasks t WHERE t.contact_id = c.id)";
    private static final String FIND = "SELECT " + CampaignRows.CONTACT_COLUMNS
            + " FROM campaign_contacts WHERE campaign_id = ? AND id = ?";
    private static final String ATTEMPTS = "SELECT " + CampaignRows.TASK_COLUMNS
            + " FROM call_tasks WHERE contact_id = ? ORDER BY attempt";
    private static final String ALL = "SELECT " + CampaignRows.CONTACT_COLUMNS
            + " FROM campaign_contacts WHERE campaign_id = ? ORDER BY id";

    private final DataSource dataSource;

    CampaignContactRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Adds contacts in one transaction. Each whose phone is new to the campaign gets its row
     * (pending) and its first task (queued, due at {@code firstDue}); a phone repeated in the
     * list is skipped as {@code duplicate of line N} (N: its first line), one already in the
     * campaign as {@code already in the campaign}.
     *
     * @param now      creation time of the rows
     * @param firstDue when the first attempts are due (campaign clock)
     * @throws NoSuchElementException when there is no live campaign with this id
     */
    public ContactImport add(String campaignId, List<NewContact> contacts, Instant now, Instant firstDue) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(firstDue, "firstDue");
        try (Connection c = dataSource.getConnection()) {
            return Tx.run(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(LOCK_CAMPAIGN)) {
                    ps.setString(1, campaignId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new NoSuchElementException("no campaign " + campaignId);
                        }
                    }
                }
                Set<String> present = phones(c, campaignId);
                Map<String, Integer> firstLine = new HashMap<>();
                List<SkippedLine> skipped = new ArrayList<>();
                List<NewContact> fresh = new ArrayList<>();
                for (NewContact contact : contacts) {
                    Integer earlier = firstLine.putIfAbsent(contact.phone(), contact.line());
                    if (earlier != null) {
                        skipped.add(new SkippedLine(contact.line(), contact.phone(), "duplicate of line " + earlier));
                    } else if (present.contains(contact.phone())) {
                        skipped.add(new SkippedLine(contact.line(), contact.phone(), "already in the campaign"));
                    } else {
                        fresh.add(contact);
                    }
                }
                insertContacts(c, campaignId, fresh, now);
                try (PreparedStatement ps = c.prepareStatement(INSERT_FIRST_TASKS)) {
                    SqlTimes.set(ps, 1, firstDue);
                    ps.setString(2, campaignId);
                    int tasks = ps.executeUpdate();
                    if (tasks != fresh.size()) {
                        throw new IllegalStateException("queued " + tasks + " first calls for " + fresh.size()
                                + " new contacts of campaign " + campaignId);
                    }
                }
                return new ContactImport(fresh.size(), skipped);
            });
        } catch (SQLException e) {
            throw new StoreException("adding contacts to campaign " + campaignId + " failed", e);
        }
    }

    private static Set<String> phones(Connection c, String campaignId) throws SQLException {
        Set<String> phones = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(PHONES)) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    phones.add(rs.getString(1));
                }
            }
        }
        return phones;
    }

    private static void insertContacts(Connection c, String campaignId, List<NewContact> contacts, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_CONTACT)) {
            int pending = 0;
            for (NewContact contact : contacts) {
                ps.setString(1, campaignId);
                ps.setString(2, contact.phone());
                SqlTimes.setNullable(ps, 3, contact.name());
                SqlTimes.setNullable(ps, 4, contact.timeZone());
                ps.setString(5, CampaignRows.variablesJson(contact.variables()));
                CampaignRows.setNullableInt(ps, 6, contact.line() == 0 ? null : contact.line());
                SqlTimes.set(ps, 7, now);
                SqlTimes.set(ps, 8, now);
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    /**
     * A page of the campaign's contacts in the order they were added.
     *
     * @param statusOrNull only {@code pending} or {@code done} ones, or all
     */
    public List<CampaignContact> list(String campaignId, String statusOrNull, int offset, int limit) {
        Objects.requireNonNull(campaignId, "campaignId");
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1 (were " + offset + ", " + limit + ")");
        }
        String sql = "SELECT " + CampaignRows.CONTACT_COLUMNS + " FROM campaign_contacts WHERE campaign_id = ?"
                + (statusOrNull == null ? "" : " AND status = ?") + " ORDER BY id LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, campaignId);
            if (statusOrNull != null) {
                ps.setString(i++, statusOrNull);
            }
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            List<CampaignContact> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(CampaignRows.contact(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new StoreException("listing contacts of campaign " + campaignId + " failed", e);
        }
    }

    /** How many contacts the campaign has (with this status, unless {@code null}). */
    public long count(String campaignId, String statusOrNull) {
        Objects.requireNonNull(campaignId, "campaignId");
        String sql = "SELECT COUNT(*) FROM campaign_contacts WHERE campaign_id = ?"
                + (statusOrNull == null ? "" : " AND status = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, campaignId);
            if (statusOrNull != null) {
                ps.setString(2, statusOrNull);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting contacts of campaign " + campaignId + " failed", e);
        }
    }

    /** The contact with this id, if it belongs to the campaign. */
    public Optional<CampaignContact> find(String campaignId, long contactId) {
        Objects.requireNonNull(campaignId, "campaignId");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, campaignId);
            ps.setLong(2, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(CampaignRows.contact(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of contact " + contactId + " failed", e);
        }
    }

    /** The contact's call tasks, first attempt first. */
    public List<CallTask> attempts(long contactId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ATTEMPTS)) {
            ps.setLong(1, contactId);
            List<CallTask> tasks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tasks.add(CampaignRows.task(rs));
                }
            }
            return tasks;
        } catch (SQLException e) {
            throw new StoreException("listing attempts of contact " + contactId + " failed", e);
        }
    }

    /**
     * Hands every contact of the campaign to {@code each}, in id order, streaming (rows are
     * fetched in chunks, not all held in memory). {@code each} runs on the calling thread while
     * a connection is held, so it should be quick (writing a CSV line, not calling out).
     */
    public void forEach(String campaignId, Consumer<CampaignContact> each) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(each, "each");
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL only streams with a fetch size inside a transaction.
            Tx.run(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(ALL)) {
                    ps.setFetchSize(1_000);
                    ps.setString(1, campaignId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            each.accept(CampaignRows.contact(rs));
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("reading contacts of campaign " + campaignId + " failed", e);
        }
    }
}
