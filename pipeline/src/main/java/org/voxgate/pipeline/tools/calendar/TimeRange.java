package org.voxgate.pipeline.tools.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * The half-open interval {@code [start, end)}.
 *
 * <p>Immutable and thread-safe.
 */
public record TimeRange(Instant start, Instant end) {

    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start");
        }
    }

    /** Whether the two share any instant. */
    public boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
