package org.voxgate.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.SdpException;

/**
 * Runs a call's session timer (RFC 4028): when we are the refresher it sends the refresh at
 * half the interval (UPDATE without a body when the caller allows UPDATE, otherwise a
 * re-INVITE offering the media in use) and handles the answer; when the caller is the
 * refresher and lets the interval run out, it ends the call with reason
 * {@code session_timeout}.
 *
 * <p>Threading: stateless apart from the context; runs on SIP worker virtual threads.
 */
final class SessionRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRefresher.class);
    private final SipContext sip;

    SessionRefresher(SipContext sip) {
        this.sip = sip;
    }

    /**
     * (Re)starts the call's timer.
     *
     * @param timer the negotiated timer, or null for none
     * @param weSentTheRequest true when {@code timer} answers a request we sent (then "uac" is us)
     */
    void restart(DialogCall call, SessionTimerPolicy.Timer timer, boolean weSentTheRequest) {
        boolean weRefresh = timer != null
                && (timer.refresher() == SessionTimerPolicy.Refresher.UAC) == weSentTheRequest;
        call.dialog().restartTimer(timer, weRefresh, sip,
                () -> call.withCallId(() -> refresh(call)),
                () -> call.withCallId(() -> expire(call)));
    }

    private void expire(DialogCall call) {
        LOG.info("session timer ran out without a refresh from the caller");
        call.endCall(EndReason.SESSION_TIMEOUT);
    }

    /** Sends one refresh; on glare (an offer of theirs in progress) tries again shortly. */
    void refresh(DialogCall call) {
        Dialog dialog = call.sipDialog();
        SessionTimerPolicy.Timer timer = call.dialog().timer();
        if (dialog == null || timer == null || !call.inDialog()) {
            return;
        }
        boolean update = call.dialog().peerAllowsUpdate();
        if (!call.dialog().beginOffer(CallDialog.Offer.OURS)) {
            retryLater(call);
            return;
        }
        try {
            Request request = dialog.createRequest(update ? Request.UPDATE : Request.INVITE);
            request.setHeader(sip.headers.createHeader(SessionTimerHeaders.SESSION_EXPIRES,
                    timer.interval() + ";refresher=uac"));
            request.setHeader(sip.headers.createHeader(SessionTimerHeaders.MIN_SE, Integer.toString(
                    Math.min(timer.interval(), sip.sessionTimers.minSe()))));
            request.setHeader(sip.headers.createSupportedHeader("timer"));
            request.setHeader(sip.contact(call.transport()));
            if (!update) {
                ContentTypeHeader type = sip.headers.createContentTypeHeader("application", "sdp");
                request.setContent(sip.media.offer(call.media()), type);
            }
            ClientTransaction tx = sip.provider.getNewClientTransaction(request);
            dialog.sendRequest(tx);
            sip.metrics.requestSent(request.getMethod());
            LOG.info("session refresh sent ({}, interval {} s)", request.getMethod(), timer.interval());
        } catch (ParseException | SipException | RuntimeException e) {
            call.dialog().endOffer(CallDialog.Offer.OURS);
            LOG.warn("could not send the session refresh: {}", e.toString());
            call.endCall(EndReason.SESSION_TIMEOUT);
        }
    }

    private void retryLater(DialogCall call) {
        long delay = ThreadLocalRandom.current().nextLong(2100, 4000); // RFC 3261 14.1 back-off
        sip.timers.schedule(() -> sip.workers.execute(() -> call.withCallId(() -> refresh(call))),
                delay, TimeUnit.MILLISECONDS);
    }

    /** The answer to a re-INVITE or UPDATE we sent. */
    void onResponse(DialogCall call, ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        call.dialog().endOffer(CallDialog.Offer.OURS);
        if (status >= 300) {
            if (status == Response.REQUEST_PENDING) {
                retryLater(call);
            } else if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
                LOG.info("session refresh answered {}: the caller lost the call", status);
                call.endCall(EndReason.SESSION_TIMEOUT);
            } else {
                LOG.info("session refresh refused with {}; the call goes on", status);
            }
            return;
        }
        if (Request.INVITE.equals(cseq.getMethod())) {
            ack(call, event, cseq);
            byte[] body = response.getRawContent();
            if (body != null && body.length > 0) {
                try {
                    sip.media.acceptAnswer(new String(body, StandardCharsets.UTF_8), call.media());
                } catch (SdpException e) {
                    LOG.warn("unusable SDP answer to our refresh: {}", e.getMessage());
                }
            }
        }
        String se = SipHeaders.value(response, SessionTimerHeaders.SESSION_EXPIRES);
        Integer interval = SessionTimerPolicy.deltaSeconds(se);
        SessionTimerPolicy.Timer current = call.dialog().timer();
        if (interval != null) {
            String refresher = SessionTimerPolicy.refresherParam(se);
            SessionTimerPolicy.Refresher who = "uas".equals(refresher)
                    ? SessionTimerPolicy.Refresher.UAS : SessionTimerPolicy.Refresher.UAC;
            restart(call, new SessionTimerPolicy.Timer(interval, who), true);
        } else if (current != null) {
            // the caller does not do timers: we keep refreshing with the same interval
            restart(call, new SessionTimerPolicy.Timer(current.interval(), SessionTimerPolicy.Refresher.UAC), true);
        }
    }

    private void ack(DialogCall call, ResponseEvent event, CSeqHeader cseq) {
        Dialog dialog = event.getDialog() != null ? event.getDialog() : call.sipDialog();
        try {
            Request ack = dialog.createAck(cseq.getSeqNumber());
            dialog.sendAck(ack);
        } catch (InvalidArgumentException | SipException | RuntimeException e) {
            LOG.warn("could not ACK the refresh: {}", e.toString());
        }
    }

    /** Our refresh got no answer at all (RFC 4028 10: the session is over). */
    void onTimeout(DialogCall call) {
        call.dialog().endOffer(CallDialog.Offer.OURS);
        LOG.info("session refresh got no answer");
        call.endCall(EndReason.SESSION_TIMEOUT);
    }
}
