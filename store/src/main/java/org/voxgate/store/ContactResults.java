package org.voxgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A campaign's result per contact, for the results export: the contact with its last ended
 * attempt's call id and end time, read in one join instead of a query per contact.
 *
 * <p>Rows are read in id order in batches of {@value #BATCH} (keyset paging), each batch on a
 * connection of its own that is returned before the rows are handed on, so a slow consumer (a
 * download) holds no connection. Thread-safe and stateless apart from the {@link DataSource},
 * which it does not own; failures surface as {@link StoreException}.
 */
public final class ContactResults {

    static final int BATCH = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> VARIABLES = new TypeReference<>() {
    };
    // The last ended attempt is the one whose number the contact's attempt count holds
    // (CallTaskRepository.complete sets it so).
    private static final String ROWS = "SELECT c.id, c.phone, c.name, c.status, c.outcome, c.attempts, c.variables,"
            + " t.call_id, t.ended_at FROM campaign_contacts c LEFT JOIN call_tasks t"
            + " ON t.contact_id = c.id AND t.attempt = c.attempts AND t.state = 'done'"
            + " WHERE c.campaign_id = ? AND c.id > ? ORDER BY c.id FETCH FIRST " + BATCH + " ROWS ONLY";
    private static final String VARIABLE_DOCS = "SELECT id, variables FROM campaign_contacts"
            + " WHERE campaign_id = ? AND id > ? ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY";

    private final DataSource dataSource;

    /** Results over {@code dataSource} (usually {@link Store#dataSource()}), which stays the caller's. */
    public ContactResults(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * One contact's result.
     *
     * @param lastCallId   the call of the last ended attempt, or null (none ended, or it placed none)
     * @param lastEndedAt  when that attempt ended, or null
     */
    public record Row(long contactId, String phone, String name, String status, String outcome, int attempts,
                      String lastCallId, Instant lastEndedAt, Map<String, String> variables) {
        public Row {
            variables = Map.copyOf(variables);
        }
    }

    /** The variable names the campaign's contacts use, in the order they first appear (by contact id). */
    public SequencedSet<String> variableNames(String campaignId) {
        Objects.requireNonNull(campaignId, "campaignId");
        SequencedSet<String> names = new LinkedHashSet<>();
        long after = 0;
        while (true) {
            List<String> docs = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(VARIABLE_DOCS)) {
                ps.setString(1, campaignId);
                ps.setLong(2, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        docs.add(rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("reading the variables of campaign " + campaignId + " failed", e);
            }
            for (String doc : docs) {
                names.addAll(variables(doc).keySet());
            }
            if (docs.size() < BATCH) {
                return names;
            }
        }
    }

    /** Hands every contact's result to {@code each}, in id order, on the calling thread. */
    public void forEach(String campaignId, Consumer<Row> each) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(each, "each");
        long after = 0;
        while (true) {
            List<Row> batch = new ArrayList<>(BATCH);
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ROWS)) {
                ps.setString(1, campaignId);
                ps.setLong(2, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batch.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getString(8), SqlTimes.get(rs, 9),
                                variables(rs.getString(7))));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("reading the results of campaign " + campaignId + " failed", e);
            }
            batch.forEach(each);
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.getLast().contactId();
        }
    }

    private static Map<String, String> variables(String json) {
        try {
            return JSON.readValue(json, VARIABLES);
        } catch (JsonProcessingException e) {
            throw new StoreException("contact variables are not a JSON object of strings", e);
        }
    }
}
