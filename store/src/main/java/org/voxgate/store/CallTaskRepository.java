package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The dialling queue: call tasks claimed by nodes under a lease, ended, retried, released,
 * recovered when a node is lost, and cancelled when a campaign ends.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; methods block
 * on JDBC (call them from virtual threads). Failures surface as {@link StoreException}. Every
 * change of a task's state is conditional on the state (and node) it is expected to be in, so
 * two nodes never both claim, end or recover one task.
 */
public final class CallTaskRepository {

    /**
     * What a node asks for when it wants its next call of a campaign.
     *
     * @param campaignId    the campaign
     * @param node          the asking node's name
     * @param scheduleNow   now on the campaign clock (due times, windows)
     * @param realNow       now on the real clock (pacing, leases)
     * @param lease         how long the node holds a claimed task without renewing
     * @param maxConcurrent at most this many of the campaign's tasks dialling at once
     * @param pacing        real time between two claims of the campaign, across all nodes
     * @param gate          the calling-window check per contact
     * @param perWindow     at most this many sends ({@link #attachCall(long, String, Instant)}) of the
     *                      campaign in any {@code window}, across all nodes; 0 for no such limit
     * @param window        the window {@code perWindow} counts in
     */
    public record ClaimRequest(String campaignId, String node, Instant scheduleNow, Instant realNow,
            Duration lease, int maxConcurrent, Duration pacing, WindowGate gate, int perWindow, Duration window) {

        /** A request with pacing alone, no limit of sends per window. */
        public ClaimRequest(String campaignId, String node, Instant scheduleNow, Instant realNow, Duration lease,
                int maxConcurrent, Duration pacing, WindowGate gate) {
            this(campaignId, node, scheduleNow, realNow, lease, maxConcurrent, pacing, gate, 0, Duration.ZERO);
        }

        public ClaimRequest {
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(scheduleNow, "scheduleNow");
            Objects.requireNonNull(realNow, "realNow");
            Objects.requireNonNull(gate, "gate");
            if (lease == null || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("lease must be positive (was " + lease + ")");
            }
            if (pacing == null || pacing.isNegative()) {
                throw new IllegalArgumentException("pacing must be >= 0 (was " + pacing + ")");
            }
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("maxConcurrent must be >= 1 (was " + maxConcurrent + ")");
            }
            if (perWindow < 0 || window == null || window.isNegative() || (perWindow > 0 && window.isZero())) {
                throw new IllegalArgumentException("perWindow must be >= 0 with a positive window (were " + perWindow
                        + ", " + window + ")");
            }
        }
    }

    /** Whether a contact may be called now; called inside the claim's transaction, so keep it pure and quick. */
    @FunctionalInterface
    public interface WindowGate {
        /** Empty when the contact may be called at scheduleNow; else the campaign-clock instant to try again. */
        Optional<Instant> notBefore(CampaignContact contact, Instant scheduleNow);

        /** A gate that always lets calls through (campaigns without windows). */
        static WindowGate open() {
            return (contact, now) -> Optional.empty();
        }
    }

    /** What a claim found. */
    public sealed interface ClaimResult {
        /** A task is now this node's to dial: state dialing, leased; {@code contact} as read. */
        record Claimed(CallTask task, CampaignContact contact) implements ClaimResult {
        }

        /** Pacing: no claim before {@code until} (real clock). */
        record Paced(Instant until) implements ClaimResult {
        }

        /** {@code dialing} tasks are in progress, which is the campaign's limit or more. */
        record Full(int dialing) implements ClaimResult {
        }

        /**
         * Nothing was claimed: the earliest queued task is due at {@code nextDue} (campaign clock), or
         * none is queued ({@code null}). {@code nextDue} may be at or before {@code scheduleNow} when
         * the claim gave up after skipping a long run of do-not-call or out-of-window tasks; then ask
         * again at once.
         */
        record Idle(Instant nextDue) implements ClaimResult {
        }

        /** The campaign is not running (its state, or {@code null} when it does not exist). */
        record NotRunning(String state) implements ClaimResult {
        }
    }

    /**
     * How an attempt ended.
     *
     * @param outcome   COMPLETED, VOICEMAIL, BUSY, NO_ANSWER, FAILED, ...
     * @param detail    more detail (SIP status, node_lost, amd, ...), or {@code null}
     * @param callId    the call placed, or {@code null} to keep what {@link #attachCall} stored
     * @param amdResult HUMAN, MACHINE or UNSURE, or {@code null}
     * @param amdMillis how long detection took from the answer, or {@code null}
     */
    public record TaskEnd(String outcome, String detail, String callId, String amdResult, Integer amdMillis) {
        public TaskEnd {
            if (outcome == null || outcome.isBlank() || outcome.length() > 32) {
                throw new IllegalArgumentException("outcome must be 1..32 characters (was " + outcome + ")");
            }
            if (detail != null && detail.length() > 255) {
                detail = detail.substring(0, 255); // detail is informative; never fail an end over its length
            }
        }
    }

    private static final String ATTACH_SENT = "UPDATE call_tasks SET call_id = ?, dialled_at = ? WHERE id = ?";
    private static final String RENEW = "UPDATE call_tasks SET lease_until = ? WHERE node = ? AND state = 'dialing'";
    private static final String RELEASE = "UPDATE call_tasks SET state = 'queued', node = NULL, lease_until = NULL,"
            + " claimed_at = NULL, due_at = ? WHERE id = ? AND state = 'dialing' AND node = ?";
    private static final String EXPIRED = "SELECT " + CampaignRows.TASK_COLUMNS + " FROM call_tasks"
            + " WHERE state = 'dialing' AND lease_until < ? ORDER BY lease_until, id LIMIT ?";
    private static final String DIALING_BY = "SELECT " + CampaignRows.TASK_COLUMNS + " FROM call_tasks"
            + " WHERE state = 'dialing' AND node = ? ORDER BY id";
    private static final String DIALING = "SELECT COUNT(*) FROM call_tasks WHERE campaign_id = ? AND state = 'dialing'";
    private static final String OPEN = "SELECT id FROM call_tasks WHERE campaign_id = ?"
            + " AND state IN ('queued', 'dialing') FETCH FIRST 1 ROW ONLY";

    private final DataSource dataSource;
    private final TaskClaim claims;
    private final TaskEnding endings;

    CallTaskRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.claims = new TaskClaim(dataSource);
        this.endings = new TaskEnding(dataSource);
    }

    /**
     * Claims the campaign's next due task for {@code r.node()}, in one transaction that holds the
     * campaign's row lock (so claims of one campaign are serialized across nodes): not running,
     * paced, full, or the first due task whose number is not on the do-not-call list (those are
     * ended as DO_NOT_CALL) and whose contact the gate lets through (others are rescheduled to
     * the gate's time). A claim advances the campaign's pacing to {@code realNow + pacing}.
     */
    public ClaimResult claim(ClaimRequest r) {
        Objects.requireNonNull(r, "request");
        return claims.claim(r);
    }

    /**
     * Records the call placed for a task and when its INVITE left (real clock), which later
     * claims count against {@link ClaimRequest#perWindow()}.
     */
    public void attachCall(long taskId, String callId, Instant dialledAt) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(dialledAt, "dialledAt");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ATTACH_SENT)) {
            ps.setString(1, callId);
            SqlTimes.set(ps, 2, dialledAt);
            ps.setLong(3, taskId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("attaching call " + callId + " to task " + taskId + " failed", e);
        }
    }

    /** Extends the lease of every task the node is dialling to {@code realNow + lease}; returns how many. */
    public int renewLeases(String node, Instant realNow, Duration lease) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(realNow, "realNow");
        Objects.requireNonNull(lease, "lease");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RENEW)) {
            SqlTimes.set(ps, 1, realNow.plus(lease));
            ps.setString(2, node);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("renewing the leases of node " + node + " failed", e);
        }
    }

    /**
     * Ends a task the node is dialling, in one transaction: the task done with {@code end};
     * its contact's attempts and outcome updated; then either the next attempt queued at
     * {@code retryDue} (contact stays pending) or, when {@code retryDue} is {@code null}, the
     * contact done. A campaign that has already completed or been stopped gets no retry: the
     * contact is done (so an attempt ending while the campaign stops cannot leave a queued task
     * behind its {@link #cancelQueued}).
     *
     * @return false (nothing changed) when the task is not dialling by {@code expectedNode}:
     *         someone else ended or recovered it
     */
    public boolean complete(long taskId, String expectedNode, TaskEnd end, Instant retryDue, Instant now) {
        Objects.requireNonNull(expectedNode, "expectedNode");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(now, "now");
        return endings.complete(taskId, expectedNode, end, retryDue, now);
    }

    /**
     * Puts a task the node claimed back in the queue, due at {@code dueAt}, without counting an
     * attempt: for when nothing was sent (the trunk was down, the node is shutting down).
     *
     * @return false when the task is not dialling by {@code expectedNode}
     */
    public boolean release(long taskId, String expectedNode, Instant dueAt) {
        Objects.requireNonNull(expectedNode, "expectedNode");
        Objects.requireNonNull(dueAt, "dueAt");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE)) {
            SqlTimes.set(ps, 1, dueAt);
            ps.setLong(2, taskId);
            ps.setString(3, expectedNode);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("releasing task " + taskId + " failed", e);
        }
    }

    /** Up to {@code limit} dialling tasks whose lease ran out before {@code realNow}, longest expired first. */
    public List<CallTask> expired(Instant realNow, int limit) {
        Objects.requireNonNull(realNow, "realNow");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 (was " + limit + ")");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(EXPIRED)) {
            SqlTimes.set(ps, 1, realNow);
            ps.setInt(2, limit);
            return tasks(ps);
        } catch (SQLException e) {
            throw new StoreException("listing expired call tasks failed", e);
        }
    }

    /** The tasks the node is dialling. */
    public List<CallTask> dialingBy(String node) {
        Objects.requireNonNull(node, "node");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DIALING_BY)) {
            ps.setString(1, node);
            return tasks(ps);
        } catch (SQLException e) {
            throw new StoreException("listing the tasks of node " + node + " failed", e);
        }
    }

    /**
     * Cancels the campaign's queued tasks and marks their contacts done with
     * {@code contactOutcome} (STOPPED, EXPIRED); dialling tasks are left to end.
     *
     * @return how many tasks were cancelled
     */
    public int cancelQueued(String campaignId, String contactOutcome, Instant now) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(contactOutcome, "contactOutcome");
        Objects.requireNonNull(now, "now");
        return endings.cancelQueued(campaignId, contactOutcome, now);
    }

    /** How many of the campaign's tasks are dialling. */
    public int dialing(String campaignId) {
        Objects.requireNonNull(campaignId, "campaignId");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DIALING)) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting dialling tasks of campaign " + campaignId + " failed", e);
        }
    }

    /** Whether any of the campaign's tasks is queued or dialling. */
    public boolean hasOpenTasks(String campaignId) {
        Objects.requireNonNull(campaignId, "campaignId");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OPEN)) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("looking for open tasks of campaign " + campaignId + " failed", e);
        }
    }

    private static List<CallTask> tasks(PreparedStatement ps) throws SQLException {
        List<CallTask> tasks = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tasks.add(CampaignRows.task(rs));
            }
        }
        return tasks;
    }
}
