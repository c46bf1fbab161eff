package org.voxgate.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.voxgate.pipeline.tools.calendar.AppointmentCalendar;
import org.voxgate.pipeline.tools.calendar.TimeRange;
import org.voxgate.store.Booking;
import org.voxgate.store.BookingConflictException;
import org.voxgate.store.BookingQuery;
import org.voxgate.store.BookingRepository;

/**
 * The bots' appointment calendars over the store's bookings table: the conflict check is the
 * database's, so two nodes (or a bot and an operator) can never book one slot twice.
 *
 * <p>Thread-safe and stateless; methods block on JDBC (tools run on virtual threads).
 */
final class StoreAppointmentCalendar implements AppointmentCalendar {
    // A day holds far fewer slots than this; it bounds the read if something is very wrong.
    private static final int MAX_BUSY = 5_000;

    private final BookingRepository bookings;
    private final Clock clock;

    StoreAppointmentCalendar(BookingRepository bookings, Clock clock) {
        this.bookings = Objects.requireNonNull(bookings, "bookings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<TimeRange> busy(String calendar, java.time.Instant from, java.time.Instant to) {
        // Bookings start at most a day before they end (the API caps them at a day): look back
        // a day so that one running into the window counts.
        BookingQuery query = new BookingQuery(calendar, from.minus(java.time.Duration.ofDays(1)), to, null,
                Booking.BOOKED);
        List<TimeRange> busy = new ArrayList<>();
        for (Booking b : bookings.list(query, 0, MAX_BUSY)) {
            TimeRange r = new TimeRange(b.startsAt(), b.endsAt());
            if (r.end().isAfter(from)) {
                busy.add(r);
            }
        }
        return busy;
    }

    @Override
    public Optional<String> book(String calendar, TimeRange slot, BookingParty party) {
        try {
            return Optional.of(bookings.book(Booking.request(calendar, slot.start(), slot.end(), party.caller(),
                    party.name(), null, party.bot(), party.callId(), clock.instant())).id());
        } catch (BookingConflictException e) {
            return Optional.empty();
        }
    }
}
