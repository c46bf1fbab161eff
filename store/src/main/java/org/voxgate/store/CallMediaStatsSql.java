package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * SQL for the {@code call_media_stats} table, used by {@link CallRepository} on the connection
 * it already holds. An idempotent {@code MERGE} like the calls upsert, with every parameter
 * cast so PostgreSQL types a {@code NULL} correctly.
 *
 * <p>Stateless and thread-safe.
 */
final class CallMediaStatsSql {

    private static final String COLUMNS = "call_id, packets_in, packets_out, bytes_in, bytes_out,"
            + " packets_lost, packets_late, packets_rejected, jitter_ms, rtt_ms,"
            + " remote_packets_lost, remote_jitter_ms, r_inbound, mos_inbound, r_outbound,"
            + " mos_outbound, jb_delay_p50_ms, jb_delay_p95_ms, frames_concealed, packets_discarded,"
            + " packets_duplicate";

    private static final String UPSERT = "MERGE INTO call_media_stats m USING (VALUES ("
            + "CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT),"
            + " CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT),"
            + " CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS BIGINT),"
            + " CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),"
            + " CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),"
            + " CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),"
            + " CAST(? AS DOUBLE PRECISION), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)))"
            + " AS v (" + COLUMNS + ") ON m.call_id = v.call_id"
            + " WHEN MATCHED THEN UPDATE SET packets_in = v.packets_in, packets_out = v.packets_out,"
            + " bytes_in = v.bytes_in, bytes_out = v.bytes_out, packets_lost = v.packets_lost,"
            + " packets_late = v.packets_late, packets_rejected = v.packets_rejected,"
            + " jitter_ms = v.jitter_ms, rtt_ms = v.rtt_ms,"
            + " remote_packets_lost = v.remote_packets_lost, remote_jitter_ms = v.remote_jitter_ms,"
            + " r_inbound = v.r_inbound, mos_inbound = v.mos_inbound, r_outbound = v.r_outbound,"
            + " mos_outbound = v.mos_outbound, jb_delay_p50_ms = v.jb_delay_p50_ms,"
            + " jb_delay_p95_ms = v.jb_delay_p95_ms, frames_concealed = v.frames_concealed,"
            + " packets_discarded = v.packets_discarded, packets_duplicate = v.packets_duplicate"
            + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (v.call_id, v.packets_in,"
            + " v.packets_out, v.bytes_in, v.bytes_out, v.packets_lost, v.packets_late,"
            + " v.packets_rejected, v.jitter_ms, v.rtt_ms, v.remote_packets_lost,"
            + " v.remote_jitter_ms, v.r_inbound, v.mos_inbound, v.r_outbound, v.mos_outbound,"
            + " v.jb_delay_p50_ms, v.jb_delay_p95_ms, v.frames_concealed, v.packets_discarded,"
            + " v.packets_duplicate)";

    private static final String FIND = "SELECT " + COLUMNS + " FROM call_media_stats WHERE call_id = ?";

    private CallMediaStatsSql() {
    }

    static void upsert(Connection c, String callId, CallMediaStats m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, callId);
            ps.setLong(2, m.packetsIn());
            ps.setLong(3, m.packetsOut());
            ps.setLong(4, m.bytesIn());
            ps.setLong(5, m.bytesOut());
            ps.setLong(6, m.packetsLost());
            ps.setLong(7, m.packetsLate());
            ps.setLong(8, m.packetsRejected());
            setDouble(ps, 9, m.jitterMs());
            setDouble(ps, 10, m.rttMs());
            setLong(ps, 11, m.remotePacketsLost());
            setDouble(ps, 12, m.remoteJitterMs());
            setDouble(ps, 13, m.rInbound());
            setDouble(ps, 14, m.mosInbound());
            setDouble(ps, 15, m.rOutbound());
            setDouble(ps, 16, m.mosOutbound());
            setDouble(ps, 17, m.jbDelayP50Ms());
            setDouble(ps, 18, m.jbDelayP95Ms());
            setLong(ps, 19, m.framesConcealed());
            setLong(ps, 20, m.packetsDiscarded());
            setLong(ps, 21, m.packetsDuplicate());
            ps.executeUpdate();
        }
    }

    /** The call's media figures, or null when none are stored. */
    static CallMediaStats find(Connection c, String callId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new CallMediaStats(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), getDouble(rs, 9), getDouble(rs, 10),
                        getLong(rs, 11), getDouble(rs, 12), getDouble(rs, 13), getDouble(rs, 14),
                        getDouble(rs, 15), getDouble(rs, 16), getDouble(rs, 17), getDouble(rs, 18),
                        getLong(rs, 19), getLong(rs, 20), getLong(rs, 21));
            }
        }
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        // NaN and infinities are not numbers either database keeps portably: store as unknown
        if (value == null || value.isNaN() || value.isInfinite()) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static Double getDouble(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : v;
    }

    private static Long getLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }
}
