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

    /** A call's analysis with two cost lines and two turns' figures, full detail. */
    static CallAnalysis analysis(String outcome) {
        Instant t = T0.plusSeconds(5);
        TurnMetricsRecord first = new TurnMetricsRecord(1, t, t.plusMillis(1_500), t.plusMillis(1_900),
                t.plusMillis(1_950), t.plusMillis(2_300), t.plusMillis(2_900), t.plusMillis(2_450),
                t.plusMillis(2_470), t.plusSeconds(6), 400L, 50L, 350L, 150L, 20L, 970L, 2, 1,
                "what are your hours", "we open at nine");
        TurnMetricsRecord greeting = new TurnMetricsRecord(2, null, null, null, null, null, null, null,
                t.plusSeconds(8), t.plusSeconds(9), null, null, null, null, null, null, 0, 0, "", "bye");
        return new CallAnalysis(outcome, new java.math.BigDecimal("0.0449700"), List.of(
                new CallCostLine("stt", "deepgram", "nova-3", new java.math.BigDecimal("90.5"), "audio_seconds",
                        new java.math.BigDecimal("0.00724"), true),
                new CallCostLine("llm", "acme", "brain-9", new java.math.BigDecimal("1200"), "input_tokens",
                        new java.math.BigDecimal("0.000166666667"), false)),
                970L, 970.0, 970L, 970L, 2, 1, 1, List.of(first, greeting));
    }

    static TurnRecord turn(int seq) {
        Instant start = T0.plusSeconds(10L * seq);
        return new TurnRecord(seq, seq % 2 == 0 ? "caller" : "bot", "utterance " + seq,
                start, start.plusMillis(2_500));
    }
}
