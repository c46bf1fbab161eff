package org.voxgate.sip;

import java.time.Instant;

/**
 * What happened on one call, handed to {@link CallHandler#onEnded} once the call is over.
 *
 * @param answeredAt null when the call was never answered
 * @param codec the negotiated codec name, null when none was
 */
public record CallSummary(
        String callId,
        String direction,
        String from,
        String to,
        String bot,
        Instant invitedAt,
        Instant answeredAt,
        Instant endedAt,
        EndReason endReason,
        String codec) {}
