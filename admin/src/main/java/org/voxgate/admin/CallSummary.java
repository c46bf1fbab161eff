package org.voxgate.admin;

import java.math.BigDecimal;
import java.time.Instant;
import org.voxgate.store.CallRecord;

/**
 * A call as listed by {@code GET /api/calls}: every column, no turns; {@code callOutcome} and
 * {@code costTotal} (US dollars) are null until the call's conversation was analysed. Immutable.
 */
record CallSummary(String callId, String direction, String from, String to, String bot,
                   Instant invitedAt, Instant answeredAt, Instant endedAt, String endReason,
                   String codec, String outcome, String trunk, Integer sipStatus,
                   String callOutcome, BigDecimal costTotal) {

    static CallSummary of(CallRecord call) {
        return new CallSummary(call.callId(), call.direction(), call.from(), call.to(), call.bot(),
                call.invitedAt(), call.answeredAt(), call.endedAt(), call.endReason(),
                call.codec(), call.outcome(), call.trunk(), call.sipStatus(),
                call.analysis() == null ? null : call.analysis().outcome(),
                call.analysis() == null ? null : call.analysis().costTotal());
    }
}
