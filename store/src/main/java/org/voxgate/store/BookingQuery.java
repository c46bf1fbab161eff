package org.voxgate.store;

import java.time.Instant;

/**
 * Filters for listing bookings; every {@code null} field matches everything.
 *
 * <p>Immutable and thread-safe.
 *
 * @param calendar only this calendar
 * @param from     only bookings starting at or after this instant
 * @param to       only bookings starting before this instant
 * @param caller   only this caller's number
 * @param status   only {@code booked} or only {@code cancelled}
 */
public record BookingQuery(String calendar, Instant from, Instant to, String caller, String status) {

    /** No filter. */
    public static final BookingQuery ALL = new BookingQuery(null, null, null, null, null);
}
