package org.voxgate.sip;

import javax.sip.ServerTransaction;
import javax.sip.header.EventHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles NOTIFY for the implicit subscription of a REFER we sent (RFC 3515 section 2.4.4):
 * answers 200 and hands the sipfrag status line to the call's transfer. NOTIFYs for other
 * events get 489 Bad Event; for no call or no transfer under way, 481.
 *
 * <p>Threading: runs on a SIP worker virtual thread.
 */
final class NotifyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyHandler.class);
    private final SipContext sip;

    NotifyHandler(SipContext sip) {
        this.sip = sip;
    }

    void handle(String callId, Request request, ServerTransaction tx) {
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        if (event == null || !"refer".equalsIgnoreCase(event.getEventType())) {
            sip.reply(tx, Response.BAD_EVENT);
            return;
        }
        OutgoingRefer refer = sip.referOf(callId).orElse(null);
        if (refer == null) {
            sip.reply(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        Sipfrag progress;
        try {
            progress = request.getRawContent() == null ? null : Sipfrag.parse(request.getRawContent());
        } catch (IllegalArgumentException e) {
            LOG.info("NOTIFY with an unreadable sipfrag: {}", e.getMessage());
            sip.reply(tx, Response.BAD_REQUEST);
            return;
        }
        sip.reply(tx, Response.OK);
        if (progress != null) {
            refer.onNotify(progress);
        }
        SubscriptionStateHeader state = (SubscriptionStateHeader) request.getHeader(SubscriptionStateHeader.NAME);
        if (state != null && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState())) {
            refer.onSubscriptionTerminated(); // no-op when a final status already came
        }
    }
}
