package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for a call's {@link CallAnalysis} and {@link CallReview}: their columns on {@code calls},
 * and the {@code call_costs} and {@code turn_metrics} tables. Used by {@link CallRepository} on
 * the connection it already holds.
 *
 * <p>Idempotent: the analysis replaces the call's columns, lines and turn figures in one
 * transaction (delete, then insert), so a replayed write leaves the same rows.
 *
 * <p>Stateless and thread-safe.
 */
final class CallAnalysisSql {

    /** The columns {@link #readAnalysis} and {@link #readReview} expect, in order, after the call's own. */
    static final String COLUMNS = "call_outcome, cost_total, v2v_min_ms, v2v_avg_ms, v2v_max_ms, v2v_p95_ms,"
            + " interruptions, false_interruptions, dead_air_count, summary, rating, rating_reasons, reviewed_at";

    private static final String UPDATE_ANALYSIS = "UPDATE calls SET call_outcome = ?, cost_total = ?,"
            + " v2v_min_ms = ?, v2v_avg_ms = ?, v2v_max_ms = ?, v2v_p95_ms = ?, interruptions = ?,"
            + " false_interruptions = ?, dead_air_count = ? WHERE call_id = ?";
    private static final String UPDATE_REVIEW = "UPDATE calls SET summary = ?, rating = ?, rating_reasons = ?,"
            + " reviewed_at = ? WHERE call_id = ?";
    private static final String INSERT_COST = "INSERT INTO call_costs (call_id, seq, component, vendor, model,"
            + " quantity, unit, amount, priced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND_COSTS = "SELECT component, vendor, model, quantity, unit, amount, priced"
            + " FROM call_costs WHERE call_id = ? ORDER BY seq";
    private static final String TURN_COLUMNS = "seq, user_speech_start_at, user_speech_end_at, end_of_turn_at,"
            + " stt_final_at, llm_first_token_at, llm_done_at, tts_first_byte_at, first_bot_audio_at, ended_at,"
            + " endpointing_ms, stt_ms, llm_ms, tts_ms, send_ms, voice_to_voice_ms, interruptions,"
            + " false_interruptions, caller_text, bot_text";
    private static final String INSERT_TURN = "INSERT INTO turn_metrics (call_id, " + TURN_COLUMNS
            + ", interrupted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND_TURNS = "SELECT " + TURN_COLUMNS
            + " FROM turn_metrics WHERE call_id = ? ORDER BY seq";

    private CallAnalysisSql() {
    }

    /**
     * Replaces the call's analysis; does nothing when the call row does not exist. Runs in the
     * caller's transaction (the call row's upsert), so the figures appear with the row.
     */
    static void write(Connection c, String callId, CallAnalysis a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_ANALYSIS)) {
            ps.setString(1, a.outcome());
            ps.setBigDecimal(2, a.costTotal());
            setLong(ps, 3, a.voiceToVoiceMinMs());
            if (a.voiceToVoiceAvgMs() == null) {
                ps.setNull(4, Types.DOUBLE);
            } else {
                ps.setDouble(4, a.voiceToVoiceAvgMs());
            }
            setLong(ps, 5, a.voiceToVoiceMaxMs());
            setLong(ps, 6, a.voiceToVoiceP95Ms());
            ps.setInt(7, a.interruptions());
            ps.setInt(8, a.falseInterruptions());
            ps.setInt(9, a.deadAirCount());
            ps.setString(10, callId);
            if (ps.executeUpdate() == 0) {
                return; // no such call: nothing to hang the figures on
            }
        }
        delete(c, "DELETE FROM call_costs WHERE call_id = ?", callId);
        delete(c, "DELETE FROM turn_metrics WHERE call_id = ?", callId);
        insertCosts(c, callId, a.costLines());
        insertTurns(c, callId, a.turns());
    }

    /** Sets the call's review; false when the call row does not exist. */
    static boolean writeReview(Connection c, String callId, CallReview r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_REVIEW)) {
            ps.setString(1, r.summary());
            if (r.rating() == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setInt(2, r.rating());
            }
            if (r.ratingReasons() == null) {
                ps.setNull(3, Types.VARCHAR);
            } else {
                ps.setString(3, r.ratingReasons());
            }
            setInstant(ps, 4, r.reviewedAt());
            ps.setString(5, callId);
            return ps.executeUpdate() > 0;
        }
    }

    /** The analysis in the {@link #COLUMNS} starting at {@code first}, without details; null when none. */
    static CallAnalysis readAnalysis(ResultSet rs, int first) throws SQLException {
        String outcome = rs.getString(first);
        if (outcome == null) {
            return null;
        }
        double avg = rs.getDouble(first + 3);
        Double avgMs = rs.wasNull() ? null : avg;
        return new CallAnalysis(outcome, rs.getBigDecimal(first + 1), List.of(), getLong(rs, first + 2), avgMs,
                getLong(rs, first + 4), getLong(rs, first + 5), rs.getInt(first + 6), rs.getInt(first + 7),
                rs.getInt(first + 8), List.of());
    }

    /** The review in the {@link #COLUMNS} starting at {@code first}; null when none. */
    static CallReview readReview(ResultSet rs, int first) throws SQLException {
        String summary = rs.getString(first + 9);
        if (summary == null) {
            return null;
        }
        Long rating = getLong(rs, first + 10);
        return new CallReview(summary, rating == null ? null : rating.intValue(), rs.getString(first + 11),
                getInstant(rs, first + 12));
    }

    /** {@code analysis} with its cost lines and turn figures loaded. */
    static CallAnalysis loadDetails(Connection c, String callId, CallAnalysis analysis) throws SQLException {
        List<CallCostLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(FIND_COSTS)) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new CallCostLine(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getBigDecimal(4), rs.getString(5), rs.getBigDecimal(6), rs.getBoolean(7)));
                }
            }
        }
        List<TurnMetricsRecord> turns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(FIND_TURNS)) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    turns.add(new TurnMetricsRecord(rs.getInt(1), getInstant(rs, 2), getInstant(rs, 3),
                            getInstant(rs, 4), getInstant(rs, 5), getInstant(rs, 6), getInstant(rs, 7),
                            getInstant(rs, 8), getInstant(rs, 9), getInstant(rs, 10), getLong(rs, 11),
                            getLong(rs, 12), getLong(rs, 13), getLong(rs, 14), getLong(rs, 15), getLong(rs, 16),
                            rs.getInt(17), rs.getInt(18), rs.getString(19), rs.getString(20)));
                }
            }
        }
        return analysis.withDetails(lines, turns);
    }

    private static void insertCosts(Connection c, String callId, List<CallCostLine> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_COST)) {
            int seq = 0;
            for (CallCostLine l : lines) {
                ps.setString(1, callId);
                ps.setInt(2, ++seq);
                ps.setString(3, l.component());
                ps.setString(4, l.vendor());
                ps.setString(5, l.model());
                ps.setBigDecimal(6, l.quantity());
                ps.setString(7, l.unit());
                ps.setBigDecimal(8, l.amount());
                ps.setBoolean(9, l.priced());
                ps.addBatch();
            }
            if (seq > 0) {
                ps.executeBatch();
            }
        }
    }

    private static void insertTurns(Connection c, String callId, List<TurnMetricsRecord> turns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_TURN)) {
            for (TurnMetricsRecord t : turns) {
                ps.setString(1, callId);
                ps.setInt(2, t.seq());
                Instant[] marks = {t.userSpeechStartAt(), t.userSpeechEndAt(), t.endOfTurnAt(), t.sttFinalAt(),
                        t.llmFirstTokenAt(), t.llmDoneAt(), t.ttsFirstByteAt(), t.firstBotAudioAt(), t.endedAt()};
                for (int i = 0; i < marks.length; i++) {
                    setInstant(ps, 3 + i, marks[i]);
                }
                Long[] parts = {t.endpointingMs(), t.sttMs(), t.llmMs(), t.ttsMs(), t.sendMs(), t.voiceToVoiceMs()};
                for (int i = 0; i < parts.length; i++) {
                    setLong(ps, 12 + i, parts[i]);
                }
                ps.setInt(18, t.interruptions());
                ps.setInt(19, t.falseInterruptions());
                ps.setString(20, t.callerText());
                ps.setString(21, t.botText());
                ps.setBoolean(22, t.interrupted());
                ps.addBatch();
            }
            if (!turns.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    private static void delete(Connection c, String sql, String callId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, callId);
            ps.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    // The same mapping as CallRepository's: OffsetDateTime in UTC, microsecond precision.
    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
                    Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    private static Instant getInstant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
