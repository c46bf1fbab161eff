package org.voxgate.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends calls that outlast their bot's {@code maxCallSeconds}. Each answered call with a limit
 * is given a deadline on the injected clock; {@link #endOverdue} (run every second by the
 * node's scheduler, or directly by a test after moving its clock) ends every call past its
 * deadline, once. A call that ends first is forgotten by {@link #forget}.
 *
 * <p>Thread-safe: the deadlines are a concurrent map; a call's end action runs at most once
 * because it is removed from the map before it runs.
 */
final class CallDeadlines {
    private static final Logger LOG = LoggerFactory.getLogger(CallDeadlines.class);
    private final Clock clock;
    private final Map<String, Deadline> deadlines = new ConcurrentHashMap<>();

    private record Deadline(Instant at, Runnable end) {}

    CallDeadlines(Clock clock) {
        this.clock = clock;
    }

    /**
     * Ends the call with {@code end} once {@code limit} has passed from now.
     *
     * @param end what ends the call (a BYE with reason {@code max_duration}); must not block
     */
    void watch(String callId, Duration limit, Runnable end) {
        deadlines.put(callId, new Deadline(clock.instant().plus(limit), end));
    }

    /** The call ended: it no longer has a deadline. */
    void forget(String callId) {
        deadlines.remove(callId);
    }

    /** Ends every call whose deadline has come; returns how many. */
    int endOverdue() {
        Instant now = clock.instant();
        int ended = 0;
        for (Map.Entry<String, Deadline> e : deadlines.entrySet()) {
            if (!now.isBefore(e.getValue().at()) && deadlines.remove(e.getKey(), e.getValue())) {
                try {
                    e.getValue().end().run();
                } catch (RuntimeException failure) {
                    // one call's failed BYE must not stop the sweep, which would leave every later call unlimited
                    LOG.warn("ending call {} at its deadline failed: {}", e.getKey(), failure.toString());
                }
                ended++;
            }
        }
        return ended;
    }

    /** Calls being watched. */
    int watched() {
        return deadlines.size();
    }
}
