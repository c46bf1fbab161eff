package org.voxgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and writes {@link CallRecord}s, their {@link TurnRecord}s and their event log of
 * {@link CallEvent}s.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own: every
 * method borrows one connection, uses it in auto-commit mode and returns it. Methods block
 * on JDBC, so call them from virtual threads, never from event loops. Every failure surfaces
 * as a {@link StoreException}.
 *
 * <p>Writes use SQL {@code MERGE ... USING ... ON}, which H2 and PostgreSQL 15+ both accept,
 * so that replaying a write (after an outage, from a journal) never duplicates a row.
 * The parameters inside {@code VALUES} carry explicit casts because PostgreSQL types a bare
 * {@code NULL} parameter there as text and then refuses to put it into a timestamp column.
 * Instants are stored with microsecond precision, the finest both databases keep.
 */
public final class CallRepository {

    private static final String UPSERT_CALL = """
            MERGE INTO calls c
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                           CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                           CAST(? AS TIMESTAMP WITH TIME ZONE),
                           CAST(? AS TIMESTAMP WITH TIME ZONE),
                           CAST(? AS TIMESTAMP WITH TIME ZONE),
                           CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                           CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INTEGER),
                           CAST(? AS INTEGER)))
                AS v (call_id, direction, from_uri, to_uri, bot, invited_at, answered_at,
                      ended_at, end_reason, codec, outcome, trunk, sip_status, bot_version)
            ON c.call_id = v.call_id
            WHEN MATCHED THEN UPDATE SET
                direction = v.direction, from_uri = v.from_uri, to_uri = v.to_uri, bot = v.bot,
                invited_at = v.invited_at, answered_at = v.answered_at, ended_at = v.ended_at,
                end_reason = v.end_reason, codec = v.codec, outcome = v.outcome,
                trunk = v.trunk, sip_status = v.sip_status,
                bot_version = COALESCE(v.bot_version, c.bot_version)
            WHEN NOT MATCHED THEN INSERT
                (call_id, direction, from_uri, to_uri, bot, invited_at, answered_at, ended_at,
                 end_reason, codec, outcome, trunk, sip_status, bot_version)
                VALUES (v.call_id, v.direction, v.from_uri, v.to_uri, v.bot, v.invited_at,
                        v.answered_at, v.ended_at, v.end_reason, v.codec, v.outcome, v.trunk,
                        v.sip_status, v.bot_version)
            """;

    private static final String UPSERT_TURN = """
            MERGE INTO call_turns t
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS INTEGER), CAST(? AS VARCHAR),
                           CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE),
                           CAST(? AS TIMESTAMP WITH TIME ZONE)))
                AS v (call_id, seq, speaker, text, started_at, ended_at)
            ON t.call_id = v.call_id AND t.seq = v.seq
            WHEN MATCHED THEN UPDATE SET
                speaker = v.speaker, text = v.text, started_at = v.started_at,
                ended_at = v.ended_at
            WHEN NOT MATCHED THEN INSERT (call_id, seq, speaker, text, started_at, ended_at)
                VALUES (v.call_id, v.seq, v.speaker, v.text, v.started_at, v.ended_at)
            """;

    private static final String UPSERT_EVENT = """
            MERGE INTO call_events e
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS INTEGER),
                           CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR),
                           CAST(? AS VARCHAR)))
                AS v (call_id, seq, at, kind, detail)
            ON e.call_id = v.call_id AND e.seq = v.seq
            WHEN MATCHED THEN UPDATE SET at = v.at, kind = v.kind, detail = v.detail
            WHEN NOT MATCHED THEN INSERT (call_id, seq, at, kind, detail)
                VALUES (v.call_id, v.seq, v.at, v.kind, v.detail)
            """;

    private static final String FIND_EVENTS = "SELECT seq, at, kind, detail"
            + " FROM call_events WHERE call_id = ? ORDER BY seq";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> DETAIL_TYPE = new TypeReference<>() {};

    static final String CALL_COLUMNS = "call_id, direction, from_uri, to_uri, bot,"
            + " invited_at, answered_at, ended_at, end_reason, codec, outcome, trunk, sip_status, bot_version, "
            + CallAnalysisSql.COLUMNS;

    private static final String FIND_CALL =
            "SELECT " + CALL_COLUMNS + " FROM calls WHERE call_id = ?";

    private static final String FIND_TURNS = "SELECT seq, speaker, text, started_at, ended_at"
            + " FROM call_turns WHERE call_id = ? ORDER BY seq";

    // call_id breaks ties so that pages never overlap when calls share an invite instant.
    private static final String LIST_CALLS = "SELECT " + CALL_COLUMNS
            + " FROM calls ORDER BY invited_at DESC, call_id DESC LIMIT ? OFFSET ?";

    private static final String COUNT_CALLS = "SELECT COUNT(*) FROM calls";

    private final DataSource dataSource;

    CallRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Inserts the call or replaces every column of the existing row; its turns are ignored.
     * Its media figures and its analysis (outcome, cost lines, turn figures), when present, are
     * inserted or replaced too; when absent, any stored ones are kept. Its review is ignored
     * (see {@link #saveReview}).
     */
    public void upsert(CallRecord call) {
        Objects.requireNonNull(call, "call");
        try (Connection c = dataSource.getConnection()) {
            // One transaction: a reader never sees an ended call whose analysis is not there yet.
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                upsert(c, call);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("upsert of call " + call.callId() + " failed", e);
        }
    }

    private static void upsert(Connection c, CallRecord call) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_CALL)) {
            ps.setString(1, call.callId());
            ps.setString(2, call.direction());
            ps.setString(3, call.from());
            ps.setString(4, call.to());
            ps.setString(5, call.bot());
            setInstant(ps, 6, call.invitedAt());
            setInstant(ps, 7, call.answeredAt());
            setInstant(ps, 8, call.endedAt());
            setNullableString(ps, 9, call.endReason());
            setNullableString(ps, 10, call.codec());
            setNullableString(ps, 11, call.outcome());
            setNullableString(ps, 12, call.trunk());
            if (call.sipStatus() == null) {
                ps.setNull(13, Types.INTEGER);
            } else {
                ps.setInt(13, call.sipStatus());
            }
            if (call.botVersion() == null) {
                ps.setNull(14, Types.INTEGER);
            } else {
                ps.setInt(14, call.botVersion());
            }
            ps.executeUpdate();
        }
        if (call.media() != null) {
            CallMediaStatsSql.upsert(c, call.callId(), call.media());
        }
        if (call.analysis() != null) {
            CallAnalysisSql.write(c, call.callId(), call.analysis());
        }
    }

    /**
     * Stores the post-call review of an existing call, replacing any earlier one; writing it
     * again is harmless.
     *
     * @return {@code false} when no such call exists
     */
    public boolean saveReview(String callId, CallReview review) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(review, "review");
        try (Connection c = dataSource.getConnection()) {
            return CallAnalysisSql.writeReview(c, callId, review);
        } catch (SQLException e) {
            throw new StoreException("write of the review of call " + callId + " failed", e);
        }
    }

    /**
     * Stores a turn of an existing call. Writing the same {@code (callId, seq)} again replaces
     * the turn, so replays are harmless. A call that does not exist yet is an integrity error
     * ({@link StoreException#isPermanent()}).
     */
    public void addTurn(String callId, TurnRecord turn) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(turn, "turn");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(UPSERT_TURN)) {
            ps.setString(1, callId);
            ps.setInt(2, turn.seq());
            ps.setString(3, turn.speaker());
            ps.setString(4, turn.text());
            setInstant(ps, 5, turn.startedAt());
            setInstant(ps, 6, turn.endedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("write of turn " + turn.seq() + " of call " + callId
                    + " failed", e);
        }
    }

    /**
     * Stores an event of an existing call. Writing the same {@code (callId, seq)} again
     * replaces the event, so replays are harmless. A call that does not exist yet is an
     * integrity error ({@link StoreException#isPermanent()}).
     */
    public void addEvent(String callId, CallEvent event) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(event, "event");
        String detail;
        try {
            detail = JSON.writeValueAsString(event.detail());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event detail is not serialisable", e);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(UPSERT_EVENT)) {
            ps.setString(1, callId);
            ps.setInt(2, event.seq());
            setInstant(ps, 3, event.at());
            ps.setString(4, event.kind());
            ps.setString(5, detail);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("write of event " + event.seq() + " of call " + callId
                    + " failed", e);
        }
    }

    /**
     * Stores a tool call of an existing call. Writing the same {@code (callId, seq)} again
     * replaces it, so replays are harmless. A call that does not exist yet is an integrity error
     * ({@link StoreException#isPermanent()}).
     */
    public void addToolCall(String callId, ToolCallRecord toolCall) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(toolCall, "toolCall");
        try (Connection c = dataSource.getConnection()) {
            ToolCallSql.upsert(c, callId, toolCall);
        } catch (SQLException e) {
            throw new StoreException("write of tool call " + toolCall.seq() + " of call " + callId
                    + " failed", e);
        }
    }

    /** The call's tool calls ordered by seq; empty for an unknown call or one without any. */
    public List<ToolCallRecord> toolCalls(String callId) {
        Objects.requireNonNull(callId, "callId");
        try (Connection c = dataSource.getConnection()) {
            return ToolCallSql.find(c, callId);
        } catch (SQLException e) {
            throw new StoreException("lookup of tool calls of call " + callId + " failed", e);
        }
    }

    /** The call's event log ordered by seq; empty for an unknown call or one without events. */
    public List<CallEvent> events(String callId) {
        Objects.requireNonNull(callId, "callId");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(FIND_EVENTS)) {
            ps.setString(1, callId);
            List<CallEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new CallEvent(rs.getInt(1), getInstant(rs, 2), rs.getString(3),
                            parseDetail(rs.getString(4))));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new StoreException("lookup of events of call " + callId + " failed", e);
        }
    }

    private static Map<String, String> parseDetail(String json) throws SQLException {
        try {
            return JSON.readValue(json, DETAIL_TYPE);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable event detail: " + json, e);
        }
    }

    /**
     * The call with its turns ordered by seq, its media figures, its analysis with cost lines and
     * turn figures, and its review; empty when no such call exists.
     */
    public Optional<CallRecord> find(String callId) {
        Objects.requireNonNull(callId, "callId");
        try (Connection c = dataSource.getConnection()) {
            CallRecord call;
            try (PreparedStatement ps = c.prepareStatement(FIND_CALL)) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    call = readCall(rs);
                }
            }
            call = call.withMedia(CallMediaStatsSql.find(c, callId));
            if (call.analysis() != null) {
                call = call.withAnalysis(CallAnalysisSql.loadDetails(c, callId, call.analysis()));
            }
            List<TurnRecord> turns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FIND_TURNS)) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        turns.add(new TurnRecord(rs.getInt(1), rs.getString(2), rs.getString(3),
                                getInstant(rs, 4), getInstant(rs, 5)));
                    }
                }
            }
            return Optional.of(call.withTurns(turns));
        } catch (SQLException e) {
            throw new StoreException("lookup of call " + callId + " failed", e);
        }
    }

    /**
     * A page of calls, newest invite first, without their turns or media figures; their
     * analysis and review come without cost lines and turn figures.
     *
     * @param offset rows to skip, at least 0
     * @param limit  rows to return at most, at least 1
     */
    public List<CallRecord> list(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative (was " + offset + ")");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 (was " + limit + ")");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(LIST_CALLS)) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            List<CallRecord> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(readCall(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new StoreException("listing calls failed", e);
        }
    }

    /** Filtered lists, counts and exports of the calls over the same data source. */
    public CallSearch search() {
        return new CallSearch(dataSource);
    }

    /** Per-bot figures of the calls over the same data source. */
    public BotAnalytics analytics() {
        return new BotAnalytics(dataSource);
    }

    /** The number of stored calls. */
    public long count() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(COUNT_CALLS);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting calls failed", e);
        }
    }

    /** The call in the {@link #CALL_COLUMNS} of the current row, without turns and media. */
    static CallRecord readCall(ResultSet rs) throws SQLException {
        return new CallRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), getInstant(rs, 6), getInstant(rs, 7), getInstant(rs, 8),
                rs.getString(9), rs.getString(10), List.of(), rs.getString(11), rs.getString(12),
                rs.getObject(13) == null ? null : rs.getInt(13), null,
                CallAnalysisSql.readAnalysis(rs, 15), CallAnalysisSql.readReview(rs, 15),
                rs.getObject(14) == null ? null : rs.getInt(14));
    }

    // OffsetDateTime in UTC is the one java.time type that both drivers map to
    // TIMESTAMP WITH TIME ZONE without consulting the JVM's default time zone.
    private static void setInstant(PreparedStatement ps, int index, Instant value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            OffsetDateTime utc = value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
            ps.setObject(index, utc, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    private static Instant getInstant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void setNullableString(PreparedStatement ps, int index, String value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
