package org.voxgate.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The figures of one outbound campaign ({@link Report}): its contacts by final outcome, its
 * attempts by outcome, connect rate, handle time, cost and voice-to-voice latency of the calls
 * its attempts placed, answering-machine detection figures and how far the campaign has got.
 *
 * <p>An attempt is a call task that was dialled: {@code dialing} or {@code done}, except tasks
 * ended as {@code DO_NOT_CALL}, which the dialler closes without placing a call. Call figures
 * come from the {@code calls} and {@code turn_metrics} rows whose call id an attempt recorded;
 * a call row written late simply is not counted yet. Counts and sums are SQL aggregates;
 * handle times and percentiles are computed in Java (nearest rank, as {@link BotAnalytics}),
 * because the two databases disagree on timestamp arithmetic and ordered-set aggregates.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource}, which it does not own.
 * Methods block on JDBC; failures surface as {@link StoreException}.
 */
public final class CampaignReports {

    /** Call outcomes that mean a person answered and talked to the bot. */
    public static final Set<String> CONNECTED = Set.of("COMPLETED", "TRANSFERRED", "CALLER_HUNG_UP");

    /** The outcome of a task the dialler closed without dialling (the number is on the list). */
    static final String DO_NOT_CALL = "DO_NOT_CALL";

    private static final String CAMPAIGN_CALLS =
            "SELECT call_id FROM call_tasks WHERE campaign_id = ? AND call_id IS NOT NULL";

    private final DataSource dataSource;

    /** Reports over {@code dataSource} (usually {@link Store#dataSource()}), which stays the caller's. */
    public CampaignReports(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * How far a campaign has got.
     *
     * @param done            contacts that will get no further attempt
     * @param dialing         attempts being dialled or talked on now
     * @param dueNow          queued attempts due at the campaign clock's now (waiting for pacing,
     *                        a free line or the calling window)
     * @param scheduledLater  queued attempts due after now (retries, later start dates)
     * @param total           contacts in the campaign
     */
    public record Progress(long done, long dialing, long dueNow, long scheduledLater, long total) {}

    /**
     * A campaign's figures. Maps are sorted by key; absent figures (nothing to average) are null.
     *
     * @param contactsByOutcome  done contacts by their final outcome
     * @param attemptsByOutcome  ended attempts by outcome
     * @param attempts           attempts dialled, ended or not
     * @param attemptsEnded      attempts that ended
     * @param connected          ended attempts a person answered ({@link #CONNECTED})
     * @param connectRate        connected / attemptsEnded, 0..1
     * @param avgHandleSeconds   mean answered-to-ended time of the answered calls
     * @param cost               sum of the calls' cost_total, US dollars
     * @param voiceToVoiceP50Ms  median turn latency over every turn of the calls
     * @param voiceToVoiceP95Ms  95th percentile of the same
     * @param amdByResult        attempts by answering-machine decision (HUMAN, MACHINE, UNSURE)
     * @param amdP50Ms           median time from answer to that decision
     * @param progress           where the campaign stands
     */
    public record Report(Map<String, Long> contactsByOutcome, Map<String, Long> attemptsByOutcome, long attempts,
                         long attemptsEnded, long connected, Double connectRate, Double avgHandleSeconds,
                         BigDecimal cost, Long voiceToVoiceP50Ms, Long voiceToVoiceP95Ms,
                         Map<String, Long> amdByResult, Long amdP50Ms, Progress progress) {
        public Report {
            contactsByOutcome = Collections.unmodifiableMap(new TreeMap<>(contactsByOutcome));
            attemptsByOutcome = Collections.unmodifiableMap(new TreeMap<>(attemptsByOutcome));
            amdByResult = Collections.unmodifiableMap(new TreeMap<>(amdByResult));
        }
    }

    /**
     * The figures of campaign {@code campaignId} (an id, not a name); all zero for an unknown id.
     *
     * @param scheduleNow the campaign clock's now, which splits queued attempts into due and later
     */
    public Report report(String campaignId, Instant scheduleNow) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(scheduleNow, "scheduleNow");
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> contacts = grouped(c, "SELECT outcome, COUNT(*) FROM campaign_contacts"
                    + " WHERE campaign_id = ? AND status = 'done' GROUP BY outcome", campaignId);
            Map<String, Long> attempts = grouped(c, "SELECT outcome, COUNT(*) FROM call_tasks"
                    + " WHERE campaign_id = ? AND state = 'done' AND (outcome IS NULL OR outcome <> '" + DO_NOT_CALL
                    + "') GROUP BY outcome", campaignId);
            long ended = attempts.values().stream().mapToLong(Long::longValue).sum();
            long connected = CONNECTED.stream().mapToLong(o -> attempts.getOrDefault(o, 0L)).sum();
            Map<String, Long> amd = grouped(c, "SELECT amd_result, COUNT(*) FROM call_tasks"
                    + " WHERE campaign_id = ? AND amd_result IS NOT NULL GROUP BY amd_result", campaignId);
            List<Long> amdMillis = longs(c, "SELECT amd_ms FROM call_tasks WHERE campaign_id = ?"
                    + " AND amd_ms IS NOT NULL ORDER BY amd_ms", campaignId);
            List<Long> latencies = longs(c, "SELECT voice_to_voice_ms FROM turn_metrics WHERE call_id IN ("
                    + CAMPAIGN_CALLS + ") AND voice_to_voice_ms IS NOT NULL ORDER BY voice_to_voice_ms", campaignId);
            Progress progress = progress(c, campaignId, scheduleNow);
            Double connectRate = ended == 0 ? null : (double) connected / ended;
            return new Report(contacts, attempts, ended + progress.dialing(), ended, connected, connectRate,
                    avgHandleSeconds(c, campaignId), cost(c, campaignId), BotAnalytics.percentile(latencies, 50),
                    BotAnalytics.percentile(latencies, 95), amd, BotAnalytics.percentile(amdMillis, 50), progress);
        } catch (SQLException e) {
            throw new StoreException("campaign report for " + campaignId + " failed", e);
        }
    }

    private static Progress progress(Connection c, String campaignId, Instant scheduleNow) throws SQLException {
        long done = 0;
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, COUNT(*) FROM campaign_contacts WHERE campaign_id = ? GROUP BY status")) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    total += rs.getLong(2);
                    if ("done".equals(rs.getString(1))) {
                        done = rs.getLong(2);
                    }
                }
            }
        }
        // One pass over the open tasks, each queued one counted on its side of now.
        String sql = "SELECT SUM(CASE WHEN state = 'dialing' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN state = 'queued' AND due_at <= ? THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN state = 'queued' AND due_at > ? THEN 1 ELSE 0 END)"
                + " FROM call_tasks WHERE campaign_id = ? AND state IN ('queued', 'dialing')";
        long dialing;
        long dueNow;
        long later;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlTimes.set(ps, 1, scheduleNow);
            SqlTimes.set(ps, 2, scheduleNow);
            ps.setString(3, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next(); // an aggregate without GROUP BY always has its row (SUMs NULL when no rows)
                dialing = rs.getLong(1);
                dueNow = rs.getLong(2);
                later = rs.getLong(3);
            }
        }
        return new Progress(done, dialing, dueNow, later, total);
    }

    private static Double avgHandleSeconds(Connection c, String campaignId) throws SQLException {
        long answered = 0;
        long nanos = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT answered_at, ended_at FROM calls WHERE call_id IN ("
                + CAMPAIGN_CALLS + ") AND answered_at IS NOT NULL AND ended_at IS NOT NULL")) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    answered++;
                    nanos += Duration.between(SqlTimes.get(rs, 1), SqlTimes.get(rs, 2)).toNanos();
                }
            }
        }
        return answered == 0 ? null : nanos / 1e9 / answered;
    }

    private static BigDecimal cost(Connection c, String campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT SUM(cost_total) FROM calls WHERE call_id IN (" + CAMPAIGN_CALLS + ")")) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal sum = rs.getBigDecimal(1);
                return sum == null ? BigDecimal.ZERO : sum.stripTrailingZeros();
            }
        }
    }

    /** Rows of (key, count) as a sorted map; a NULL key is counted under "UNKNOWN". */
    private static Map<String, Long> grouped(Connection c, String sql, String campaignId) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) == null ? BotAnalytics.UNKNOWN_OUTCOME : rs.getString(1);
                    counts.merge(key, rs.getLong(2), Long::sum);
                }
            }
        }
        return counts;
    }

    private static List<Long> longs(Connection c, String sql, String campaignId) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getLong(1));
                }
            }
        }
        return values;
    }
}
