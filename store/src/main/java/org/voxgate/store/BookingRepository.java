package org.voxgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Books, lists and cancels appointments in named calendars.
 *
 * <p>Thread-safe and stateless apart from the {@link DataSource} it does not own; methods block
 * on JDBC (call them from virtual threads). Failures surface as {@link StoreException}, a taken
 * slot as {@link BookingConflictException}.
 *
 * <p>Conflicts: {@link #book} locks the calendar's row in {@code booking_calendars} (so bookings
 * of one calendar are checked one at a time, across nodes), looks for an overlapping booked row
 * (bookings of any length), then inserts. The unique constraint on
 * {@code (calendar, held_starts_at)} is the last guard: two bookings of one start can never
 * both be held.
 */
public final class BookingRepository {

    private static final String COLUMNS = "id, calendar, starts_at, ends_at, caller, name, notes, bot, call_id,"
            + " status, created_at";
    private static final String OVERLAP = "SELECT id FROM bookings WHERE calendar = ? AND status = 'booked'"
            + " AND starts_at < ? AND ends_at > ?";
    private static final String INSERT = "INSERT INTO bookings (" + COLUMNS + ", held_starts_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?)";
    private static final String ADD_CALENDAR = """
            MERGE INTO booking_calendars b USING (VALUES (CAST(? AS VARCHAR))) AS v (calendar)
            ON b.calendar = v.calendar
            WHEN NOT MATCHED THEN INSERT (calendar) VALUES (v.calendar)
            """;
    private static final String LOCK_CALENDAR = "SELECT calendar FROM booking_calendars WHERE calendar = ? FOR UPDATE";
    private static final String FIND = "SELECT " + COLUMNS + " FROM bookings WHERE id = ?";
    private static final String CANCEL = "UPDATE bookings SET status = 'cancelled', held_starts_at = NULL"
            + " WHERE id = ? AND status = 'booked'";

    private final DataSource dataSource;

    BookingRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Stores a new booking (its status must be {@code booked}; its id is ignored) and returns it
     * with its id.
     *
     * @throws BookingConflictException when the slot overlaps a booked one in the same calendar
     */
    public Booking book(Booking request) {
        Objects.requireNonNull(request, "request");
        if (!Booking.BOOKED.equals(request.status())) {
            throw new IllegalArgumentException("only a booked booking can be stored");
        }
        Booking booking = request.withId(UUID.randomUUID().toString());
        try (Connection c = dataSource.getConnection()) {
            addCalendar(c, booking.calendar());
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(LOCK_CALENDAR)) {
                    ps.setString(1, booking.calendar());
                    ps.executeQuery().close();
                }
                try (PreparedStatement ps = c.prepareStatement(OVERLAP)) {
                    ps.setString(1, booking.calendar());
                    SqlTimes.set(ps, 2, booking.endsAt());
                    SqlTimes.set(ps, 3, booking.startsAt());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            throw conflict(booking);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setString(1, booking.id());
                    ps.setString(2, booking.calendar());
                    SqlTimes.set(ps, 3, booking.startsAt());
                    SqlTimes.set(ps, 4, booking.endsAt());
                    SqlTimes.setNullable(ps, 5, booking.caller());
                    SqlTimes.setNullable(ps, 6, booking.name());
                    SqlTimes.setNullable(ps, 7, booking.notes());
                    SqlTimes.setNullable(ps, 8, booking.bot());
                    SqlTimes.setNullable(ps, 9, booking.callId());
                    SqlTimes.set(ps, 10, booking.createdAt());
                    SqlTimes.set(ps, 11, booking.startsAt());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            StoreException failure = new StoreException("booking in calendar " + booking.calendar() + " failed", e);
            if (failure.isDuplicateKey()) {
                throw conflict(booking);
            }
            throw failure;
        }
        // Read back, so the caller sees exactly what is stored (instants at microsecond precision).
        return find(booking.id()).orElseThrow();
    }

    /** Makes sure the calendar's lock row exists; in auto-commit, so a race here aborts nothing. */
    private static void addCalendar(Connection c, String calendar) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADD_CALENDAR)) {
            ps.setString(1, calendar);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e; // another node inserted the same row at the same moment: it exists now
            }
        }
    }

    private static BookingConflictException conflict(Booking b) {
        return new BookingConflictException("the slot at " + b.startsAt() + " in calendar " + b.calendar()
                + " is already booked");
    }

    /** The booking with this id. */
    public Optional<Booking> find(String id) {
        Objects.requireNonNull(id, "id");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("lookup of booking " + id + " failed", e);
        }
    }

    /**
     * Cancels a booked booking, freeing its slot.
     *
     * @return the booking as it is now (already cancelled ones unchanged); empty when unknown
     */
    public Optional<Booking> cancel(String id) {
        Objects.requireNonNull(id, "id");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CANCEL)) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cancelling booking " + id + " failed", e);
        }
        return find(id);
    }

    /**
     * A page of bookings matching {@code query}, earliest start first.
     *
     * @param offset rows to skip, at least 0
     * @param limit  rows to return at most, at least 1
     */
    public List<Booking> list(BookingQuery query, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1 (were " + offset + ", " + limit + ")");
        }
        List<Object> args = new ArrayList<>();
        // id breaks ties so that pages never overlap when bookings share a start.
        String sql = "SELECT " + COLUMNS + " FROM bookings" + where(query, args)
                + " ORDER BY starts_at, id LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bind(ps, args);
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            List<Booking> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(read(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new StoreException("listing bookings failed", e);
        }
    }

    /** How many bookings match {@code query}. */
    public long count(BookingQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM bookings" + where(query, args);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting bookings failed", e);
        }
    }

    private static String where(BookingQuery q, List<Object> args) {
        List<String> terms = new ArrayList<>();
        if (q.calendar() != null) {
            terms.add("calendar = ?");
            args.add(q.calendar());
        }
        if (q.from() != null) {
            terms.add("starts_at >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            terms.add("starts_at < ?");
            args.add(q.to());
        }
        if (q.caller() != null) {
            terms.add("caller = ?");
            args.add(q.caller());
        }
        if (q.status() != null) {
            terms.add("status = ?");
            args.add(q.status());
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object arg : args) {
            if (arg instanceof java.time.Instant t) {
                SqlTimes.set(ps, i++, t);
            } else {
                ps.setString(i++, (String) arg);
            }
        }
        return i;
    }

    private static Booking read(ResultSet rs) throws SQLException {
        return new Booking(rs.getString(1), rs.getString(2), SqlTimes.get(rs, 3), SqlTimes.get(rs, 4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), SqlTimes.get(rs, 11));
    }
}
