package org.voxgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Caller profiles ({@code caller_profiles}, V11) and callers' statistics computed from the
 * {@code calls} table.
 *
 * <p>Tags are a JSON array kept as text. The tag filter matches the quoted tag inside that
 * text ({@code LIKE '%"vip"%'}), which is exact because tags are plain tokens without quotes
 * (the API enforces {@code [a-z0-9][a-z0-9_-]*}); the JSON itself is only parsed in Java.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource}, which it does not own; every
 * method borrows one connection in auto-commit mode. Methods block on JDBC; failures surface as
 * {@link StoreException}.
 */
public final class CallerProfileRepository {

    /** The window of {@link CallerStats#recentCalls()}. */
    public static final int RECENT_DAYS = 7;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {};
    private static final String COLUMNS = "phone, display_name, notes, tags, created_at, updated_at";

    // created_at is only written by the insert branch, so a replaced profile keeps its birth.
    private static final String UPSERT = """
            MERGE INTO caller_profiles p
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                           CAST(? AS TIMESTAMP WITH TIME ZONE)))
                AS v (phone, display_name, notes, tags, at)
            ON p.phone = v.phone
            WHEN MATCHED THEN UPDATE SET
                display_name = v.display_name, notes = v.notes, tags = v.tags, updated_at = v.at
            WHEN NOT MATCHED THEN INSERT (phone, display_name, notes, tags, created_at, updated_at)
                VALUES (v.phone, v.display_name, v.notes, v.tags, v.at, v.at)
            """;

    private final DataSource dataSource;
    private final CallerKey keys = new CallerKey();

    /** A repository over {@code dataSource} (the store's pool, see {@link Store#dataSource()}). */
    public CallerProfileRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The profile of {@code phone} (a {@link CallerKey}), or empty. */
    public Optional<CallerProfile> find(String phone) {
        Objects.requireNonNull(phone, "phone");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM caller_profiles WHERE phone = ?")) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of caller profile " + phone + " failed", e);
        }
    }

    /**
     * Creates or replaces the profile of {@code phone}; a replaced profile keeps its creation time.
     *
     * @return the stored profile
     */
    public CallerProfile put(String phone, String displayName, String notes, List<String> tags, Instant now) {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(now, "now");
        String tagText;
        try {
            tagText = JSON.writeValueAsString(tags == null ? List.of() : tags);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tags are not serialisable", e);
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, phone);
                SqlTimes.setNullable(ps, 2, displayName);
                SqlTimes.setNullable(ps, 3, notes);
                ps.setString(4, tagText);
                SqlTimes.set(ps, 5, now);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("write of caller profile " + phone + " failed", e);
        }
        return find(phone).orElseThrow(() -> new StoreException("caller profile " + phone + " vanished after its write",
                new SQLException("row not found")));
    }

    /** Deletes the profile; false when there was none. The caller's calls are kept. */
    public boolean delete(String phone) {
        Objects.requireNonNull(phone, "phone");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM caller_profiles WHERE phone = ?")) {
            ps.setString(1, phone);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("delete of caller profile " + phone + " failed", e);
        }
    }

    /**
     * A page of profiles ordered by key.
     *
     * @param tag only profiles carrying this tag, or null for all
     */
    public List<CallerProfile> list(String tag, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1 (were " + offset + ", " + limit + ")");
        }
        String sql = "SELECT " + COLUMNS + " FROM caller_profiles" + tagWhere(tag) + " ORDER BY phone LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (tag != null) {
                ps.setString(i++, tagPattern(tag));
            }
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            List<CallerProfile> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(read(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new StoreException("listing caller profiles failed", e);
        }
    }

    /** How many profiles {@link #list} would page through. */
    public long count(String tag) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM caller_profiles" + tagWhere(tag))) {
            if (tag != null) {
                ps.setString(1, tagPattern(tag));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting caller profiles failed", e);
        }
    }

    /**
     * The history of the caller {@code phone}: its inbound calls from it and outbound calls to it,
     * under any of its {@link CallerKey#storedForms stored spellings}.
     *
     * @param now           the end of the {@link #RECENT_DAYS}-day window
     * @param excludeCallId a call to leave out (the one in progress, so "earlier calls" are
     *                      counted), or null
     */
    public CallerStats stats(String phone, Instant now, String excludeCallId) {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(now, "now");
        List<String> forms = List.copyOf(keys.storedForms(phone));
        String in = String.join(", ", Collections.nCopies(forms.size(), "?"));
        String where = " FROM calls WHERE call_id <> ? AND ((direction = 'inbound' AND from_uri IN (" + in
                + ")) OR (direction = 'outbound' AND to_uri IN (" + in + ")))";
        String counts = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN invited_at >= ? THEN 1 ELSE 0 END), 0)" + where;
        String latest = "SELECT invited_at, call_outcome, outcome" + where
                + " ORDER BY invited_at DESC, call_id DESC LIMIT 1";
        try (Connection c = dataSource.getConnection()) {
            long total;
            long recent;
            try (PreparedStatement ps = c.prepareStatement(counts)) {
                SqlTimes.set(ps, 1, now.minus(Duration.ofDays(RECENT_DAYS)));
                bindParty(ps, 2, excludeCallId, forms);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                    recent = rs.getLong(2);
                }
            }
            if (total == 0) {
                return new CallerStats(phone, 0, 0, null, null);
            }
            try (PreparedStatement ps = c.prepareStatement(latest)) {
                bindParty(ps, 1, excludeCallId, forms);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String outcome = rs.getString(2) != null ? rs.getString(2) : rs.getString(3);
                    return new CallerStats(phone, total, recent, SqlTimes.get(rs, 1), outcome);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("caller statistics of " + phone + " failed", e);
        }
    }

    private static void bindParty(PreparedStatement ps, int first, String excludeCallId, List<String> forms)
            throws SQLException {
        int i = first;
        ps.setString(i++, excludeCallId == null ? "" : excludeCallId);
        for (int pass = 0; pass < 2; pass++) {
            for (String form : forms) {
                ps.setString(i++, form);
            }
        }
    }

    private static String tagWhere(String tag) {
        return tag == null ? "" : " WHERE tags LIKE ? ESCAPE '!'";
    }

    private static String tagPattern(String tag) {
        String escaped = tag.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%\"" + escaped + "\"%";
    }

    private static CallerProfile read(ResultSet rs) throws SQLException {
        List<String> tags;
        try {
            tags = JSON.readValue(rs.getString(4), TAGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable tags of caller " + rs.getString(1), e);
        }
        return new CallerProfile(rs.getString(1), rs.getString(2), rs.getString(3), tags,
                SqlTimes.get(rs, 5), SqlTimes.get(rs, 6));
    }

    /** The key normalizer this repository matches calls with. */
    public CallerKey keys() {
        return keys;
    }
}
