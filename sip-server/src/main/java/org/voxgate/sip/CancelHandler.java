package org.voxgate.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles CANCEL (RFC 3261 9.2): 200 to the CANCEL, and if the call is still ringing, 487 to
 * its INVITE. The check and the 487 are atomic with answering ({@link SipCall#cancel}), so a
 * CANCEL that crosses our 200 OK has no effect and the call goes on until BYE: no call is
 * ever both 487'd and 200'd. A CANCEL for no call gets 481.
 *
 * <p>Threading: runs on a SIP worker virtual thread.
 */
final class CancelHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CancelHandler.class);
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
        if (!call.cancel()) {
            LOG.info("CANCEL after the call was answered: ignored, the call goes on");
        }
    }
}
