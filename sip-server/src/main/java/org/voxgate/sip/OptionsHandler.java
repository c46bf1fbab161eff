package org.voxgate.sip;

import java.text.ParseException;
import javax.sip.ServerTransaction;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers OPTIONS (RFC 3261 11.2) with 200, Allow, Accept and our Contact: the keep-alive and
 * capability probe every trunk and proxy sends.
 *
 * <p>Threading: runs on a SIP worker virtual thread.
 */
final class OptionsHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OptionsHandler.class);
    private final SipContext sip;

    OptionsHandler(SipContext sip) {
        this.sip = sip;
    }

    void handle(ServerTransaction tx) {
        try {
            Response ok = sip.response(tx.getRequest(), Response.OK);
            sip.addAllow(ok);
            ok.addHeader(sip.headers.createAcceptHeader("application", "sdp"));
            ok.addHeader(sip.contact(SipContext.transportOf(tx.getRequest())));
            sip.send(tx, ok);
        } catch (ParseException e) {
            LOG.warn("could not build the OPTIONS answer: {}", e.toString());
            sip.reply(tx, Response.SERVER_INTERNAL_ERROR);
        }
    }
}
