package org.voxgate.sip;

import java.text.ParseException;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session timer headers (RFC 4028) on the answering side: reads Session-Expires, Min-SE and
 * the timer option tag of a request, and writes Session-Expires, Require and Supported into
 * the 2xx or the Min-SE into a 422; on the calling side, offers a timer in our INVITE and
 * reads the one a 2xx grants.
 *
 * <p>Threading: stateless; thread-safe.
 */
final class SessionTimerHeaders {
    static final String SESSION_EXPIRES = "Session-Expires";
    static final String MIN_SE = "Min-SE";
    private static final Logger LOG = LoggerFactory.getLogger(SessionTimerHeaders.class);

    private SessionTimerHeaders() {}

    /** What our policy makes of a request's session timer headers. */
    static SessionTimerPolicy.Decision decide(SessionTimerPolicy policy, Request request) {
        String se = SipHeaders.value(request, SESSION_EXPIRES);
        if (se == null) {
            se = SipHeaders.value(request, "x"); // the compact form of Session-Expires
        }
        return policy.decide(SessionTimerPolicy.deltaSeconds(se), SessionTimerPolicy.refresherParam(se),
                SessionTimerPolicy.deltaSeconds(SipHeaders.value(request, MIN_SE)),
                SipHeaders.supports(request, "timer"));
    }

    /** Adds Session-Expires (and Require: timer when the caller supports it) to a 2xx. */
    static void add(SipContext sip, Response ok, Request request, SessionTimerPolicy.Timer timer) {
        try {
            if (sip.sessionTimers.enabled()) {
                ok.addHeader(sip.headers.createSupportedHeader("timer"));
            }
            if (timer == null) {
                return;
            }
            ok.addHeader(sip.headers.createHeader(SESSION_EXPIRES, timer.headerValue()));
            if (SipHeaders.supports(request, "timer")) {
                ok.addHeader(sip.headers.createHeader(RequireHeader.NAME, "timer"));
            }
        } catch (ParseException e) {
            LOG.warn("could not add session timer headers: {}", e.toString());
        }
    }

    /** A 422 Session Interval Too Small carrying our Min-SE. */
    static Response tooSmall(SipContext sip, Request request, int minSe) throws ParseException {
        Response response = sip.response(request, 422);
        response.addHeader(sip.headers.createHeader(MIN_SE, Integer.toString(minSe)));
        return response;
    }

    /**
     * Offers a session timer in an INVITE we send (RFC 4028 7.1): Supported: timer and our
     * Session-Expires and Min-SE, leaving the refresher to the answerer. No-op when disabled.
     */
    static void offer(SipContext sip, Request invite) throws ParseException {
        if (!sip.sessionTimers.enabled()) {
            return;
        }
        invite.addHeader(sip.headers.createSupportedHeader("timer"));
        invite.addHeader(sip.headers.createHeader(SESSION_EXPIRES, Integer.toString(sip.sessionTimers.sessionExpires())));
        invite.addHeader(sip.headers.createHeader(MIN_SE, Integer.toString(sip.sessionTimers.minSe())));
    }

    /**
     * The timer a 2xx to a request we sent names, with its refresher relative to that request
     * (UAC is us); null when the 2xx names none: then the session has no timer (RFC 4028 7.2).
     */
    static SessionTimerPolicy.Timer granted(Response ok) {
        if (ok == null) {
            return null;
        }
        String se = SipHeaders.value(ok, SESSION_EXPIRES);
        if (se == null) {
            se = SipHeaders.value(ok, "x");
        }
        Integer interval = SessionTimerPolicy.deltaSeconds(se);
        if (interval == null || interval == 0) {
            return null;
        }
        return new SessionTimerPolicy.Timer(interval, "uas".equals(SessionTimerPolicy.refresherParam(se))
                ? SessionTimerPolicy.Refresher.UAS : SessionTimerPolicy.Refresher.UAC);
    }
}
