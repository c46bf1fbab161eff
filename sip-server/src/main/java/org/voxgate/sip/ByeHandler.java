package org.voxgate.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Response;

/**
 * Handles the caller's BYE: 200 OK and the call ends; 481 when no such call is held.
 *
 * <p>Threading: runs on a SIP worker virtual thread.
 */
final class ByeHandler {
    private final SipContext sip;

    ByeHandler(SipContext sip) {
        this.sip = sip;
    }

    void handle(String callId, ServerTransaction tx) {
        SipCall call = sip.calls.find(callId).orElse(null);
        OutboundSipCall placed = call == null ? sip.outbound.find(callId).orElse(null) : null;
        if (placed != null) {
            sip.reply(tx, Response.OK);
            placed.remoteHangup();
            return;
        }
        if (call == null) {
            sip.reply(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        sip.reply(tx, Response.OK);
        call.end(EndReason.CALLER_HANGUP);
    }
}
