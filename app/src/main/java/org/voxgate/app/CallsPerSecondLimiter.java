package org.voxgate.app;

import java.time.Clock;
import java.util.ArrayDeque;

/**
 * At most {@code limit} call starts in any rolling second (0: no limit). A refused attempt
 * takes no slot, so a caller retrying fast cannot starve the ones that come after.
 *
 * <p>Thread-safe (synchronized); time comes from the injected {@link Clock}.
 */
final class CallsPerSecondLimiter {
    private final int limit;
    private final Clock clock;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    CallsPerSecondLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    int limit() { return limit; }

    /** Takes a slot and returns true, or returns false when the last second is full. */
    synchronized boolean tryAcquire() {
        if (limit <= 0) {
            return true;
        }
        long now = clock.millis();
        while (!starts.isEmpty() && now - starts.peekFirst() >= 1000) {
            starts.pollFirst();
        }
        if (starts.size() >= limit) {
            return false;
        }
        starts.addLast(now);
        return true;
    }
}
