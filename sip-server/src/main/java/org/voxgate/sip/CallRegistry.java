package org.voxgate.sip;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls this node holds now, by Call-ID. Thread-safe.
 */
final class CallRegistry {
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();

    /** Adds a call; false when a call with that Call-ID is already held. */
    boolean add(SipCall call) {
        return calls.putIfAbsent(call.callId(), call) == null;
    }

    Optional<SipCall> find(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    void remove(SipCall call) {
        calls.remove(call.callId(), call);
    }

    int size() {
        return calls.size();
    }

    List<SipCall> snapshot() {
        return List.copyOf(calls.values());
    }
}
