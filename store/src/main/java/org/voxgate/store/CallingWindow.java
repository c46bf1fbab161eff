package org.voxgate.store;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a campaign may call: on these days, from {@code start} (inclusive) to {@code end}
 * (exclusive), in the contact's (or else the campaign's) time zone.
 *
 * <p>Immutable and thread-safe; {@code days} is an unmodifiable copy.
 *
 * @param days  days of the week, not empty
 * @param start first minute calls may start
 * @param end   when calls must have started by, after {@code start}
 */
public record CallingWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    public CallingWindow {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("window.days must not be empty");
        }
        if (days.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("window.days must not contain null");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        if (start == null) {
            throw new IllegalArgumentException("window.start is required");
        }
        if (end == null) {
            throw new IllegalArgumentException("window.end is required");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("window.start must be before window.end (were " + start + ", " + end
                    + ")");
        }
    }
}
