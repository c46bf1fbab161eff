package org.voxgate.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Response;

/**
 * Handles CANCEL (RFC 3261 9.2): 200 to the CANCEL, and if the call is still ringing, 487 to
 * its INVITE. A CANCEL for a call already answered has no effect; one for no call gets 481.
 *
 * <p>Threading: runs on a SIP worker virtual thread.
 */
final class CancelHandler {
    private final SipContext sip;

    CancelHandler(SipContext sip) {
        this.sip = sip;
    }

    void handle(String callId, ServerTransaction tx) {
        SipCall call = sip.calls.find(callId).orElse(null);
        if (call == null) {
            sip.reply(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        sip.reply(tx, Response.OK);
        if (call.state() == SipCall.State.RINGING) {
            call.end(EndReason.CANCELLED);
        }
    }
}
