package org.voxgate.sip;

import javax.sip.ServerTransaction;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a REFER received on an answered call (we are the transferee, RFC 3515): 202
 * Accepted, a first NOTIFY "100 Trying", then the application places the new call and its
 * progress goes back as NOTIFYs through {@link IncomingRefer}. A REFER without Refer-To gets
 * 400; one for no answered call, 481.
 *
 * <p>Threading: runs on a SIP worker virtual thread.
 */
final class ReferHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReferHandler.class);
    private final SipContext sip;

    ReferHandler(SipContext sip) {
        this.sip = sip;
    }

    void handle(String callId, Request request, ServerTransaction tx) {
        DialogCall call = sip.dialogCall(callId).orElse(null);
        if (call == null || !call.inDialog()) {
            sip.reply(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        ReferToHeader referTo = (ReferToHeader) request.getHeader(ReferToHeader.NAME);
        if (referTo == null) {
            sip.reply(tx, Response.BAD_REQUEST);
            return;
        }
        String target = referTo.getAddress().getURI().toString();
        sip.reply(tx, Response.ACCEPTED);
        LOG.info("REFER received: the caller's side asks us to call {}", target);
        IncomingRefer progress = new IncomingRefer(sip, tx.getDialog(), request);
        progress.report(Response.TRYING, "Trying");
        try {
            sip.handler.onReferred(call, target, progress);
        } catch (RuntimeException e) {
            LOG.error("the call handler failed to act on a REFER", e);
            progress.report(Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
        }
    }
}
