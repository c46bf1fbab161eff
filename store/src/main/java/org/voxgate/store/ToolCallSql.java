package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@code call_tool_calls}, used by {@link CallRepository} on a connection it owns.
 *
 * <p>Stateless.
 */
final class ToolCallSql {

    // MERGE so that a replayed write (journal after an outage) replaces rather than duplicates.
    private static final String UPSERT = """
            MERGE INTO call_tool_calls t
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS INTEGER), CAST(? AS VARCHAR),
                           CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BOOLEAN),
                           CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE),
                           CAST(? AS BIGINT)))
                AS v (call_id, seq, tool, arguments, result, ok, error, started_at, duration_ms)
            ON t.call_id = v.call_id AND t.seq = v.seq
            WHEN MATCHED THEN UPDATE SET
                tool = v.tool, arguments = v.arguments, result = v.result, ok = v.ok,
                error = v.error, started_at = v.started_at, duration_ms = v.duration_ms
            WHEN NOT MATCHED THEN INSERT
                (call_id, seq, tool, arguments, result, ok, error, started_at, duration_ms)
                VALUES (v.call_id, v.seq, v.tool, v.arguments, v.result, v.ok, v.error,
                        v.started_at, v.duration_ms)
            """;

    private static final String FIND = "SELECT seq, tool, arguments, result, ok, error, started_at,"
            + " duration_ms FROM call_tool_calls WHERE call_id = ? ORDER BY seq";

    private ToolCallSql() {}

    static void upsert(Connection c, String callId, ToolCallRecord call) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, callId);
            ps.setInt(2, call.seq());
            ps.setString(3, call.tool());
            ps.setString(4, call.argumentsJson());
            SqlTimes.setNullable(ps, 5, call.resultJson());
            ps.setBoolean(6, call.ok());
            SqlTimes.setNullable(ps, 7, call.error());
            SqlTimes.set(ps, 8, call.startedAt());
            ps.setLong(9, call.durationMs());
            ps.executeUpdate();
        }
    }

    static List<ToolCallRecord> find(Connection c, String callId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, callId);
            List<ToolCallRecord> calls = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    calls.add(new ToolCallRecord(rs.getInt(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBoolean(5), rs.getString(6), SqlTimes.get(rs, 7),
                            rs.getLong(8)));
                }
            }
            return calls;
        }
    }
}
