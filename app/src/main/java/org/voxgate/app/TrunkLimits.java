package org.voxgate.app;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.voxgate.store.Trunk;

/**
 * Per-trunk concurrent-call and calls-per-second limits, enforced for both directions
 * (calls-per-second only for calls we place: inbound pacing is the carrier's job). A call
 * holds a slot from acceptance to its end; {@link #release} is idempotent per call id.
 *
 * <p>Thread-safe.
 */
final class TrunkLimits {
    private final Clock clock;
    private final Map<String, Integer> active = new ConcurrentHashMap<>();
    private final Map<String, String> slotOfCall = new ConcurrentHashMap<>();
    private final Map<String, CallsPerSecondLimiter> rates = new ConcurrentHashMap<>();

    TrunkLimits(Clock clock) {
        this.clock = clock;
    }

    /** Why a call cannot go through a trunk now. */
    record Refusal(String reason) {}

    /**
     * Takes a slot on {@code trunk} for {@code callId}, or says why not.
     *
     * @param outbound whether to apply the calls-per-second limit too
     */
    Optional<Refusal> acquire(Trunk trunk, String callId, boolean outbound) {
        if (outbound && trunk.callsPerSecond() > 0) {
            CallsPerSecondLimiter limiter = rates.compute(trunk.name(), (name, current) ->
                    current != null && current.limit() == trunk.callsPerSecond()
                            ? current : new CallsPerSecondLimiter(trunk.callsPerSecond(), clock));
            if (!limiter.tryAcquire()) {
                return Optional.of(new Refusal("trunk " + trunk.name() + " is at its limit of "
                        + trunk.callsPerSecond() + " calls per second"));
            }
        }
        boolean[] full = new boolean[1];
        active.compute(trunk.name(), (name, count) -> {
            int n = count == null ? 0 : count;
            if (trunk.maxCalls() > 0 && n >= trunk.maxCalls()) {
                full[0] = true;
                return count;
            }
            return n + 1;
        });
        if (full[0]) {
            return Optional.of(new Refusal("trunk " + trunk.name() + " is at its limit of " + trunk.maxCalls()
                    + " concurrent calls"));
        }
        slotOfCall.put(callId, trunk.name());
        return Optional.empty();
    }

    /** Moves a slot taken under a provisional id to the call's real id. */
    void rename(String provisionalId, String callId) {
        String trunk = slotOfCall.remove(provisionalId);
        if (trunk != null) {
            slotOfCall.put(callId, trunk);
        }
    }

    /** Gives back the slot of {@code callId}, if it holds one. */
    void release(String callId) {
        String trunk = slotOfCall.remove(callId);
        if (trunk != null) {
            active.computeIfPresent(trunk, (name, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** Calls holding a slot on the trunk now. */
    int active(String trunk) {
        return active.getOrDefault(trunk, 0);
    }
}
