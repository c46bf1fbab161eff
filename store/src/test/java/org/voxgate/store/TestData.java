package org.voxgate.store;

import java.time.Instant;
import java.util.List;

/** Builders for records used across the store tests. */
final class TestData {

    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    private TestData() {
    }

    static CallRecord call(String id, Instant invitedAt) {
        return new CallRecord(id, "inbound", "sip:alice@example.com", "sip:bot@voxgate.test",
                "receptionist", invitedAt, null, null, null, null, List.of());
    }

    static CallRecord ended(CallRecord call) {
        return new CallRecord(call.callId(), call.direction(), call.from(), call.to(), call.bot(),
                call.invitedAt(), call.invitedAt().plusSeconds(1), call.invitedAt().plusSeconds(60),
                "bye", "PCMU", List.of());
    }

    static TurnRecord turn(int seq) {
        Instant start = T0.plusSeconds(10L * seq);
        return new TurnRecord(seq, seq % 2 == 0 ? "caller" : "bot", "utterance " + seq,
                start, start.plusMillis(2_500));
    }
}
