package org.voxgate.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Per-bot figures over a period of invite times: call counts by outcome, average handle time,
 * voice-to-voice latency percentiles, cost and interruptions ({@link BotFigures}).
 *
 * <p>Counts and sums are SQL aggregates; handle times and percentiles are computed in Java from
 * the fetched values, because the two databases disagree on timestamp arithmetic and on
 * ordered-set aggregates. Percentiles use the nearest-rank method, so every figure is a latency
 * some turn really had.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource}, which it does not own. Methods
 * block on JDBC; failures surface as {@link StoreException}.
 */
public final class BotAnalytics {

    /** The outcome under which calls without a conversation analysis are counted. */
    public static final String UNKNOWN_OUTCOME = "UNKNOWN";

    private final DataSource dataSource;

    BotAnalytics(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The figures of every bot with calls invited in {@code [from, to)}, ordered by bot name.
     *
     * @param from inclusive start, or null for no lower bound
     * @param to   exclusive end, or null for no upper bound
     * @param bot  only this bot, or null for all
     */
    public List<BotFigures> perBot(Instant from, Instant to, String bot) {
        String where = " WHERE 1 = 1" + (from == null ? "" : " AND c.invited_at >= ?")
                + (to == null ? "" : " AND c.invited_at < ?") + (bot == null ? "" : " AND c.bot = ?");
        Map<String, Acc> bots = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            String byOutcome = "SELECT c.bot, c.call_outcome, COUNT(*), SUM(c.cost_total), SUM(c.interruptions)"
                    + " FROM calls c" + where + " GROUP BY c.bot, c.call_outcome";
            try (PreparedStatement ps = c.prepareStatement(byOutcome)) {
                bind(ps, from, to, bot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Acc a = bots.computeIfAbsent(rs.getString(1), k -> new Acc());
                        String outcome = rs.getString(2) == null ? UNKNOWN_OUTCOME : rs.getString(2);
                        long n = rs.getLong(3);
                        a.calls += n;
                        a.outcomes.merge(outcome, n, Long::sum);
                        BigDecimal cost = rs.getBigDecimal(4);
                        if (cost != null) {
                            a.cost = a.cost.add(cost);
                        }
                        a.interruptions += rs.getLong(5);
                    }
                }
            }
            String handled = "SELECT c.bot, c.answered_at, c.ended_at FROM calls c" + where
                    + " AND c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL";
            try (PreparedStatement ps = c.prepareStatement(handled)) {
                bind(ps, from, to, bot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Acc a = bots.computeIfAbsent(rs.getString(1), k -> new Acc());
                        a.answered++;
                        a.handleNanos += Duration.between(SqlTimes.get(rs, 2), SqlTimes.get(rs, 3)).toNanos();
                    }
                }
            }
            String latency = "SELECT c.bot, t.voice_to_voice_ms FROM turn_metrics t JOIN calls c ON c.call_id = t.call_id"
                    + where + " AND t.voice_to_voice_ms IS NOT NULL ORDER BY c.bot, t.voice_to_voice_ms";
            try (PreparedStatement ps = c.prepareStatement(latency)) {
                bind(ps, from, to, bot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        bots.computeIfAbsent(rs.getString(1), k -> new Acc()).latencies.add(rs.getLong(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("bot analytics failed", e);
        }
        List<BotFigures> figures = new ArrayList<>();
        bots.forEach((name, a) -> figures.add(a.figures(name)));
        return figures;
    }

    /** The nearest-rank percentile {@code p} (0-100] of ascending {@code sorted}; null when empty. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static void bind(PreparedStatement ps, Instant from, Instant to, String bot) throws SQLException {
        int i = 1;
        if (from != null) {
            SqlTimes.set(ps, i++, from);
        }
        if (to != null) {
            SqlTimes.set(ps, i++, to);
        }
        if (bot != null) {
            ps.setString(i, bot);
        }
    }

    /** One bot's running sums while the rows are read. Confined to the calling thread. */
    private static final class Acc {
        long calls;
        final Map<String, Long> outcomes = new TreeMap<>();
        BigDecimal cost = BigDecimal.ZERO;
        long interruptions;
        long answered;
        long handleNanos;
        final List<Long> latencies = new ArrayList<>(); // ascending: the query orders them

        BotFigures figures(String bot) {
            Double avg = answered == 0 ? null : handleNanos / 1e9 / answered;
            return new BotFigures(bot, calls, outcomes, answered, avg, latencies.size(),
                    percentile(latencies, 50), percentile(latencies, 95), cost.stripTrailingZeros(), interruptions);
        }
    }
}
