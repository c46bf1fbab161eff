package org.voxgate.sip;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls we placed that are still up, by call id and by the Call-ID of each of their legs
 * (a forked call's legs have Call-IDs of their own, and the far end's BYE names its leg's).
 * Thread-safe.
 */
final class OutboundCallRegistry {
    private final Map<String, OutboundSipCall> byId = new ConcurrentHashMap<>();
    private final Map<String, OutboundSipCall> byLegCallId = new ConcurrentHashMap<>();

    void add(OutboundSipCall call) {
        byId.put(call.callId(), call);
        for (UacLeg leg : call.legs()) {
            byLegCallId.put(leg.callId(), call);
        }
    }

    /** The call with this id, or whose leg has this SIP Call-ID. */
    Optional<OutboundSipCall> find(String callId) {
        OutboundSipCall call = byId.get(callId);
        return Optional.ofNullable(call != null ? call : byLegCallId.get(callId));
    }

    void remove(OutboundSipCall call) {
        byId.remove(call.callId(), call);
        for (UacLeg leg : call.legs()) {
            byLegCallId.remove(leg.callId(), call);
        }
    }

    int size() { return byId.size(); }

    List<OutboundSipCall> snapshot() { return List.copyOf(byId.values()); }
}
