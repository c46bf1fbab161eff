package org.voxgate.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An appointment in a calendar: the slot {@code [startsAt, endsAt)}, who it is for and where it
 * came from.
 *
 * <p>Immutable and thread-safe. A new booking (before {@link BookingRepository#book}) has a
 * {@code null} id; the repository assigns one.
 *
 * @param id        the booking's id (a UUID), {@code null} before it is stored
 * @param calendar  the calendar's name, for example {@code main}
 * @param startsAt  start of the slot
 * @param endsAt    end of the slot, after {@code startsAt}
 * @param caller    the caller's number, or {@code null}
 * @param name      the name given for the booking, or {@code null}
 * @param notes     free text, or {@code null}
 * @param bot       the bot that booked it, or {@code null} for a manual booking
 * @param callId    the call it was booked on, or {@code null}
 * @param status    {@code booked} or {@code cancelled}
 * @param createdAt when it was booked
 */
public record Booking(String id, String calendar, Instant startsAt, Instant endsAt, String caller,
        String name, String notes, String bot, String callId, String status, Instant createdAt) {

    public static final String BOOKED = "booked";
    public static final String CANCELLED = "cancelled";
    private static final Set<String> STATUSES = Set.of(BOOKED, CANCELLED);

    public Booking {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt");
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be booked or cancelled (was " + status + ")");
        }
    }

    /** A new booking, not stored yet. */
    public static Booking request(String calendar, Instant startsAt, Instant endsAt, String caller, String name,
            String notes, String bot, String callId, Instant createdAt) {
        return new Booking(null, calendar, startsAt, endsAt, caller, name, notes, bot, callId, BOOKED, createdAt);
    }

    Booking withId(String newId) {
        return new Booking(newId, calendar, startsAt, endsAt, caller, name, notes, bot, callId, status, createdAt);
    }
}
