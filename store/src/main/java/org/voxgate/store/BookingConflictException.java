package org.voxgate.store;

/**
 * A booking was refused because its slot overlaps one already booked in the same calendar
 * (checked by the database, so it holds across nodes).
 *
 * <p>Immutable and thread-safe.
 */
public final class BookingConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BookingConflictException(String message) {
        super(message);
    }
}
