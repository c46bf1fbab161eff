package org.voxgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/**
 * The column lists and row readers of {@code campaign_contacts} and {@code call_tasks}, shared
 * by the contact and the task repositories, and the contacts' variables as JSON text.
 *
 * <p>Stateless and thread-safe.
 */
final class CampaignRows {

    static final String CONTACT_COLUMNS = "id, campaign_id, phone, name, time_zone, variables, source_line, status,"
            + " outcome, attempts, created_at, updated_at";
    static final String TASK_COLUMNS = "id, campaign_id, contact_id, attempt, state, due_at, node, lease_until,"
            + " claimed_at, call_id, outcome, detail, amd_result, amd_ms, ended_at";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> VARIABLES = new TypeReference<>() {
    };

    private CampaignRows() {
    }

    static CampaignContact contact(ResultSet rs) throws SQLException {
        int line = rs.getInt(7);
        Integer sourceLine = rs.wasNull() ? null : line;
        return new CampaignContact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), variables(rs.getString(6)), sourceLine, rs.getString(8), rs.getString(9),
                rs.getInt(10), SqlTimes.get(rs, 11), SqlTimes.get(rs, 12));
    }

    static CallTask task(ResultSet rs) throws SQLException {
        int ms = rs.getInt(14);
        Integer amdMillis = rs.wasNull() ? null : ms;
        return new CallTask(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
                SqlTimes.get(rs, 6), rs.getString(7), SqlTimes.get(rs, 8), SqlTimes.get(rs, 9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), amdMillis, SqlTimes.get(rs, 15));
    }

    static String variablesJson(Map<String, String> variables) {
        try {
            return JSON.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write contact variables", e);
        }
    }

    private static Map<String, String> variables(String json) throws SQLException {
        try {
            return JSON.readValue(json, VARIABLES);
        } catch (JsonProcessingException e) {
            throw new SQLException("contact variables are not a JSON object of strings", "22000", e);
        }
    }

    static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
