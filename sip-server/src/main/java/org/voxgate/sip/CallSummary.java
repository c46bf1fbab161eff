package org.voxgate.sip;

import java.time.Instant;
import org.voxgate.media.MediaStats;

/**
 * What happened on one call, handed to {@link CallHandler#onEnded} once the call is over.
 *
 * @param answeredAt null when the call was never answered
 * @param codec the negotiated codec name, null when none was
 * @param outcome how the setup ended; null when unknown (a call refused before it was routed)
 * @param sipStatus status of the final response to the INVITE (sent or received), or null
 * @param trunk the trunk the call came in on or went out through, or null
 * @param media the call's media figures taken when its media closed, or null when it had none
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
        String codec,
        CallOutcome outcome,
        Integer sipStatus,
        String trunk,
        MediaStats media) {

    /** A summary without media figures. */
    public CallSummary(String callId, String direction, String from, String to, String bot, Instant invitedAt,
            Instant answeredAt, Instant endedAt, EndReason endReason, String codec, CallOutcome outcome,
            Integer sipStatus, String trunk) {
        this(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt, endReason, codec, outcome, sipStatus,
                trunk, null);
    }

    /** A summary without outcome, SIP status or trunk. */
    public CallSummary(String callId, String direction, String from, String to, String bot, Instant invitedAt,
            Instant answeredAt, Instant endedAt, EndReason endReason, String codec) {
        this(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt, endReason, codec, null, null, null, null);
    }
}
