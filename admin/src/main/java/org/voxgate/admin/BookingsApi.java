package org.voxgate.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.voxgate.store.Booking;
import org.voxgate.store.BookingConflictException;
import org.voxgate.store.BookingQuery;
import org.voxgate.store.BookingRepository;

/**
 * {@code /api/bookings}: the appointments bots booked (and operators booked by hand), listed
 * with filters, booked manually with the same conflict check the bots get (409 naming
 * {@code startsAt}), and cancelled (which frees the slot).
 *
 * <p>Stateless and thread-safe; handlers block on the store. Times in and out are ISO-8601
 * instants with an offset ({@code 2026-11-24T10:00:00Z}).
 */
public final class BookingsApi implements ApiRoutes {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final int DEFAULT_MINUTES = 30;
    private static final Set<String> STATUSES = Set.of(Booking.BOOKED, Booking.CANCELLED);

    private final BookingRepository bookings;
    private final Clock clock;
    private final JsonBodies bodies = new JsonBodies(AdminServer.objectMapper());

    /**
     * @param bookings the store's bookings; not owned
     * @param clock    "now" for refusing bookings in the past and for creation stamps
     */
    public BookingsApi(BookingRepository bookings, Clock clock) {
        this.bookings = Objects.requireNonNull(bookings, "bookings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A manual booking as posted; give endsAt or minutes (default 30), not both. */
    record BookingInput(String calendar, String startsAt, String endsAt, Integer minutes, String caller, String name,
            String notes) {}

    @Override
    public void addTo(Javalin app) {
        app.get("/api/bookings", this::list, ApiRole.VIEWER);
        app.get("/api/bookings/{id}", this::get, ApiRole.VIEWER);
        app.post("/api/bookings", this::create, ApiRole.OPERATOR);
        app.delete("/api/bookings/{id}", this::cancel, ApiRole.OPERATOR);
    }

    void list(Context ctx) {
        Paging paging = Paging.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        Instant from = instantParam(ctx, "from");
        Instant to = instantParam(ctx, "to");
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiError.badRequest("to", "to must be after from");
        }
        String status = blankToNull(ctx.queryParam("status"));
        if (status != null && !STATUSES.contains(status)) {
            throw ApiError.badRequest("status", "status must be booked or cancelled");
        }
        BookingQuery query = new BookingQuery(blankToNull(ctx.queryParam("calendar")), from, to,
                blankToNull(ctx.queryParam("caller")), status);
        List<Booking> items = bookings.list(query, paging.offset(), paging.limit());
        ctx.json(paging.page(items, bookings.count(query)));
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(bookings.find(id).orElseThrow(() -> ApiError.notFound("no booking with id " + id)));
    }

    void create(Context ctx) {
        BookingInput in = bodies.read(ctx, BookingInput.class);
        String calendar = in.calendar() == null ? "" : in.calendar().strip();
        if (!calendar.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw ApiError.badRequest("calendar", "calendar is required: lower-case letters, digits, - and _,"
                    + " up to 64");
        }
        Instant start = instant("startsAt", in.startsAt());
        if (start == null) {
            throw ApiError.badRequest("startsAt", "startsAt is required");
        }
        if (!start.isAfter(clock.instant())) {
            throw ApiError.badRequest("startsAt", "startsAt is in the past");
        }
        Instant end = instant("endsAt", in.endsAt());
        if (end != null && in.minutes() != null) {
            throw ApiError.badRequest("minutes", "give endsAt or minutes, not both");
        }
        if (end == null) {
            int minutes = in.minutes() == null ? DEFAULT_MINUTES : in.minutes();
            if (minutes < 1 || minutes > 1440) {
                throw ApiError.badRequest("minutes", "minutes must be between 1 and 1440");
            }
            end = start.plus(Duration.ofMinutes(minutes));
        } else if (!end.isAfter(start) || Duration.between(start, end).toMinutes() > 1440) {
            throw ApiError.badRequest("endsAt", "endsAt must be after startsAt, at most a day later");
        }
        String name = limited("name", in.name(), 255);
        String caller = limited("caller", in.caller(), 255);
        String notes = limited("notes", in.notes(), 2000);
        try {
            Booking booked = bookings.book(Booking.request(calendar, start, end, caller, name, notes, null, null,
                    clock.instant()));
            ctx.status(201).json(booked);
        } catch (BookingConflictException e) {
            throw ApiError.conflict("startsAt", e.getMessage());
        }
    }

    void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(bookings.cancel(id).orElseThrow(() -> ApiError.notFound("no booking with id " + id)));
    }

    private static Instant instantParam(Context ctx, String name) {
        return instant(name, ctx.queryParam(name));
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(field, field + " must be an ISO-8601 time with an offset, such as"
                    + " 2026-11-24T10:00:00Z");
        }
    }

    private static String limited(String field, String value, int max) {
        String v = blankToNull(value);
        if (v != null && v.length() > max) {
            throw ApiError.badRequest(field, field + " is longer than " + max + " characters");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
