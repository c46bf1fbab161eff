package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.voxgate.store.CallTaskRepository.TaskEnd;

/**
 * The two transactions that end tasks: {@link CallTaskRepository#complete} (one dialled task,
 * with its contact and maybe its retry) and {@link CallTaskRepository#cancelQueued} (every
 * queued task of a campaign, with their contacts).
 *
 * <p>Stateless apart from the {@link DataSource} it does not own; thread-safe. Runs on the
 * caller's thread and borrows one connection per call.
 */
final class TaskEnding {

    // The condition on state and node makes the end happen once: a second complete, or a
    // complete racing the recovery of an expired lease by another node, changes nothing.
    private static final String END = "UPDATE call_tasks SET state = 'done', outcome = ?, detail = ?,"
            + " call_id = COALESCE(?, call_id), amd_result = ?, amd_ms = ?, ended_at = ?"
            + " WHERE id = ? AND state = 'dialing' AND node = ?";
    private static final String ENDED = "SELECT campaign_id, contact_id, attempt FROM call_tasks WHERE id = ?";
    private static final String CONTACT = "UPDATE campaign_contacts SET attempts = ?, outcome = ?, status = ?,"
            + " updated_at = ? WHERE id = ?";
    // Locked (not just read) so the retry is decided after, or before, a stop and its
    // cancelQueued as a whole: a retry never lands in a campaign that has already ended.
    private static final String CAMPAIGN_STATE = "SELECT state FROM campaigns WHERE id = ? FOR UPDATE";
    private static final String RETRY = "INSERT INTO call_tasks (campaign_id, contact_id, attempt, state, due_at)"
            + " VALUES (?, ?, ?, 'queued', ?)";
    // Taken before cancelling so a claim of the campaign cannot move a task to dialing between
    // the two updates (claims take the same lock first).
    private static final String LOCK = "SELECT id FROM campaigns WHERE id = ? FOR UPDATE";
    private static final String CANCEL_CONTACTS = "UPDATE campaign_contacts SET status = 'done', outcome = ?,"
            + " updated_at = ? WHERE id IN (SELECT contact_id FROM call_tasks WHERE campaign_id = ? AND state = 'queued')";
    private static final String CANCEL_TASKS = "UPDATE call_tasks SET state = 'cancelled', outcome = ?, ended_at = ?"
            + " WHERE campaign_id = ? AND state = 'queued'";

    private final DataSource dataSource;

    TaskEnding(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean complete(long taskId, String node, TaskEnd end, Instant retryDue, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            return Tx.run(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(END)) {
                    ps.setString(1, end.outcome());
                    SqlTimes.setNullable(ps, 2, end.detail());
                    SqlTimes.setNullable(ps, 3, end.callId());
                    SqlTimes.setNullable(ps, 4, end.amdResult());
                    CampaignRows.setNullableInt(ps, 5, end.amdMillis());
                    SqlTimes.set(ps, 6, now);
                    ps.setLong(7, taskId);
                    ps.setString(8, node);
                    if (ps.executeUpdate() != 1) {
                        return false;
                    }
                }
                String campaignId;
                long contactId;
                int attempt;
                try (PreparedStatement ps = c.prepareStatement(ENDED)) {
                    ps.setLong(1, taskId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        campaignId = rs.getString(1);
                        contactId = rs.getLong(2);
                        attempt = rs.getInt(3);
                    }
                }
                boolean retry = retryDue != null && !ended(c, campaignId);
                try (PreparedStatement ps = c.prepareStatement(CONTACT)) {
                    ps.setInt(1, attempt);
                    ps.setString(2, end.outcome());
                    ps.setString(3, retry ? CampaignContact.PENDING : CampaignContact.DONE);
                    SqlTimes.set(ps, 4, now);
                    ps.setLong(5, contactId);
                    ps.executeUpdate();
                }
                if (retry) {
                    try (PreparedStatement ps = c.prepareStatement(RETRY)) {
                        ps.setString(1, campaignId);
                        ps.setLong(2, contactId);
                        ps.setInt(3, attempt + 1);
                        SqlTimes.set(ps, 4, retryDue);
                        ps.executeUpdate();
                    }
                }
                return true;
            });
        } catch (SQLException e) {
            throw new StoreException("completing call task " + taskId + " failed", e);
        }
    }

    /** Whether the campaign has completed or been stopped (its row locked until the transaction ends). */
    private static boolean ended(Connection c, String campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CAMPAIGN_STATE)) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String state = rs.getString(1);
                return Campaign.COMPLETED.equals(state) || Campaign.STOPPED.equals(state);
            }
        }
    }

    int cancelQueued(String campaignId, String contactOutcome, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            return Tx.run(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(LOCK)) {
                    ps.setString(1, campaignId);
                    ps.executeQuery().close();
                }
                try (PreparedStatement ps = c.prepareStatement(CANCEL_CONTACTS)) {
                    ps.setString(1, contactOutcome);
                    SqlTimes.set(ps, 2, now);
                    ps.setString(3, campaignId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(CANCEL_TASKS)) {
                    ps.setString(1, contactOutcome);
                    SqlTimes.set(ps, 2, now);
                    ps.setString(3, campaignId);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cancelling queued tasks of campaign " + campaignId + " failed", e);
        }
    }
}
