package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.voxgate.store.CallTaskRepository.ClaimRequest;
import org.voxgate.store.CallTaskRepository.ClaimResult;

/**
 * The claim transaction of {@link CallTaskRepository#claim}. The campaign's row is locked first,
 * so claims of one campaign (pacing, the concurrency count, the choice of task) are decided one
 * at a time across every node; the candidate tasks are also locked with SKIP LOCKED, which keeps
 * a claim from waiting on a task another transaction (a completion) holds.
 *
 * <p>Stateless apart from the {@link DataSource} it does not own; thread-safe. Runs on the
 * caller's thread and borrows one connection per claim.
 */
final class TaskClaim {

    /** Candidates looked at per round; a round that claims nothing (all rescheduled or DNC) is followed by another. */
    private static final int CANDIDATES_PER_ROUND = 20;
    /** Bounds the transaction: after this many empty rounds the caller is told Idle and may ask again at once. */
    private static final int MAX_ROUNDS = 5;

    private static final String LOCK = "SELECT state, next_dial_at FROM campaigns WHERE id = ? FOR UPDATE";
    private static final String DIALING = "SELECT COUNT(*) FROM call_tasks WHERE campaign_id = ? AND state = 'dialing'";
    private static final String CANDIDATES = "SELECT " + CampaignRows.TASK_COLUMNS + " FROM call_tasks"
            + " WHERE campaign_id = ? AND state = 'queued' AND due_at <= ? ORDER BY due_at, id"
            + " FETCH FIRST " + CANDIDATES_PER_ROUND + " ROWS ONLY FOR UPDATE SKIP LOCKED";
    private static final String END_DNC_TASK = "UPDATE call_tasks SET state = 'done', outcome = 'DO_NOT_CALL',"
            + " detail = 'do_not_call', ended_at = ? WHERE id = ?";
    private static final String END_DNC_CONTACT = "UPDATE campaign_contacts SET status = 'done',"
            + " outcome = 'DO_NOT_CALL', updated_at = ? WHERE id = ?";
    private static final String RESCHEDULE = "UPDATE call_tasks SET due_at = ? WHERE id = ?";
    private static final String TAKE = "UPDATE call_tasks SET state = 'dialing', node = ?, claimed_at = ?,"
            + " lease_until = ? WHERE id = ? AND state = 'queued'";
    private static final String RECENT_SENDS = "SELECT dialled_at FROM call_tasks WHERE campaign_id = ?"
            + " AND (dialled_at > ? OR (state = 'dialing' AND dialled_at IS NULL))";
    private static final String PACE = "UPDATE campaigns SET next_dial_at = ? WHERE id = ?";
    private static final String READ_TASK = "SELECT " + CampaignRows.TASK_COLUMNS + " FROM call_tasks WHERE id = ?";
    private static final String NEXT_DUE = "SELECT MIN(due_at) FROM call_tasks WHERE campaign_id = ? AND state = 'queued'";

    private final DataSource dataSource;

    TaskClaim(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    ClaimResult claim(ClaimRequest r) {
        try (Connection c = dataSource.getConnection()) {
            return Tx.run(c, () -> claimIn(c, r));
        } catch (SQLException e) {
            throw new StoreException("claiming a call task of campaign " + r.campaignId() + " failed", e);
        }
    }

    private static ClaimResult claimIn(Connection c, ClaimRequest r) throws SQLException {
        Instant nextDial;
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setString(1, r.campaignId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new ClaimResult.NotRunning(null);
                }
                String state = rs.getString(1);
                if (!Campaign.RUNNING.equals(state)) {
                    return new ClaimResult.NotRunning(state);
                }
                nextDial = SqlTimes.get(rs, 2);
                if (nextDial != null && nextDial.isAfter(r.realNow())) {
                    return new ClaimResult.Paced(nextDial);
                }
            }
        }
        Instant windowFree = windowFreeAt(c, r);
        if (windowFree != null) {
            return new ClaimResult.Paced(windowFree);
        }
        int dialing = count(c, DIALING, r.campaignId());
        if (dialing >= r.maxConcurrent()) {
            return new ClaimResult.Full(dialing);
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<CallTask> candidates = candidates(c, r);
            if (candidates.isEmpty()) {
                break;
            }
            Map<Long, CampaignContact> contacts = contacts(c, candidates);
            Set<String> blocked = doNotCall(c, contacts.values());
            for (CallTask task : candidates) {
                CampaignContact contact = contacts.get(task.contactId());
                if (blocked.contains(contact.phone())) {
                    update(c, END_DNC_TASK, r.realNow(), task.id());
                    update(c, END_DNC_CONTACT, r.realNow(), contact.id());
                    continue;
                }
                Optional<Instant> notBefore = r.gate().notBefore(contact, r.scheduleNow());
                if (notBefore.isPresent() && notBefore.get().isAfter(r.scheduleNow())) {
                    update(c, RESCHEDULE, notBefore.get(), task.id());
                    continue;
                }
                if (take(c, task, r)) {
                    update(c, PACE, nextStart(nextDial, r), r.campaignId());
                    return new ClaimResult.Claimed(readTask(c, task.id()), contact);
                }
            }
        }
        return new ClaimResult.Idle(nextDue(c, r.campaignId()));
    }

    /**
     * The next start keeps the schedule when this claim came less than one spacing late (so the
     * rate does not sag by every claim's own lateness), else it restarts from now. A claim
     * cannot come early: {@code Paced} holds it until {@code next_dial_at}.
     */
    private static Instant nextStart(Instant scheduled, ClaimRequest r) {
        if (scheduled != null && scheduled.plus(r.pacing()).isAfter(r.realNow())) {
            return scheduled.plus(r.pacing());
        }
        return r.realNow().plus(r.pacing());
    }

    /**
     * When the campaign may send again under its limit of {@code perWindow} sends in any
     * {@code window}, or null when it may now. Attempts claimed and not yet sent count as sent
     * now: their INVITEs are leaving.
     */
    private static Instant windowFreeAt(Connection c, ClaimRequest r) throws SQLException {
        if (r.perWindow() == 0) {
            return null;
        }
        Instant since = r.realNow().minus(r.window());
        List<Instant> sends = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(RECENT_SENDS)) {
            ps.setString(1, r.campaignId());
            SqlTimes.set(ps, 2, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant sent = SqlTimes.get(rs, 1);
                    sends.add(sent == null ? r.realNow() : sent);
                }
            }
        }
        if (sends.size() < r.perWindow()) {
            return null;
        }
        sends.sort(Collections.reverseOrder());
        // The perWindow-th newest send leaves the window first among those that fill it.
        return sends.get(r.perWindow() - 1).plus(r.window());
    }

    private static List<CallTask> candidates(Connection c, ClaimRequest r) throws SQLException {
        List<CallTask> tasks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
            ps.setString(1, r.campaignId());
            SqlTimes.set(ps, 2, r.scheduleNow());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tasks.add(CampaignRows.task(rs));
                }
            }
        }
        return tasks;
    }

    private static Map<Long, CampaignContact> contacts(Connection c, List<CallTask> tasks) throws SQLException {
        String sql = "SELECT " + CampaignRows.CONTACT_COLUMNS + " FROM campaign_contacts WHERE id IN ("
                + placeholders(tasks.size()) + ")";
        Map<Long, CampaignContact> contacts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < tasks.size(); i++) {
                ps.setLong(i + 1, tasks.get(i).contactId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CampaignContact contact = CampaignRows.contact(rs);
                    contacts.put(contact.id(), contact);
                }
            }
        }
        return contacts;
    }

    private static Set<String> doNotCall(Connection c, java.util.Collection<CampaignContact> contacts)
            throws SQLException {
        if (contacts.isEmpty()) {
            return Collections.emptySet();
        }
        List<String> phones = contacts.stream().map(CampaignContact::phone).distinct().toList();
        String sql = "SELECT phone FROM do_not_call WHERE phone IN (" + placeholders(phones.size()) + ")";
        Set<String> blocked = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < phones.size(); i++) {
                ps.setString(i + 1, phones.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    blocked.add(rs.getString(1));
                }
            }
        }
        return blocked;
    }

    private static boolean take(Connection c, CallTask task, ClaimRequest r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, r.node());
            SqlTimes.set(ps, 2, r.realNow());
            SqlTimes.set(ps, 3, r.realNow().plus(r.lease()));
            ps.setLong(4, task.id());
            return ps.executeUpdate() == 1;
        }
    }

    private static void update(Connection c, String sql, Instant time, Object id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlTimes.set(ps, 1, time);
            if (id instanceof Long l) {
                ps.setLong(2, l);
            } else {
                ps.setString(2, (String) id);
            }
            ps.executeUpdate();
        }
    }

    private static CallTask readTask(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ_TASK)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return CampaignRows.task(rs);
            }
        }
    }

    private static int count(Connection c, String sql, String campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Instant nextDue(Connection c, String campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEXT_DUE)) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? SqlTimes.get(rs, 1) : null;
            }
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
