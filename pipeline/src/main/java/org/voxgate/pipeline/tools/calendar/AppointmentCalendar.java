package org.voxgate.pipeline.tools.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a bot's appointments live (implemented by the application over the store): what is
 * taken, and booking a slot with a conflict check that holds across nodes.
 *
 * <p>Threading: thread-safe; methods block on the store, so call them from virtual threads.
 */
public interface AppointmentCalendar {

    /** The booked slots of {@code calendar} overlapping {@code [from, to)}. */
    List<TimeRange> busy(String calendar, Instant from, Instant to);

    /**
     * Books {@code slot} in {@code calendar}.
     *
     * @return the new booking's id, or empty when the slot (or part of it) is already taken
     */
    Optional<String> book(String calendar, TimeRange slot, BookingParty party);

    /**
     * Who a booking is for and where it came from.
     *
     * @param caller the caller's number, or null
     * @param name   the name given, or null
     * @param bot    the booking bot's name, or null
     * @param callId the call, or null
     */
    record BookingParty(String caller, String name, String bot, String callId) {}
}
