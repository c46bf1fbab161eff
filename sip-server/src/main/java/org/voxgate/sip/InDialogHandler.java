package org.voxgate.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import javax.sip.ServerTransaction;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.SdpAnswer;
import org.voxgate.media.SdpException;

/**
 * Requests inside an established call: re-INVITE and UPDATE (RFC 3311) with a new offer
 * (hold, resume, codec or address change) or without one (session refresh; a re-INVITE
 * without SDP gets our offer in the 200 and the answer comes in the ACK), INFO carrying DTMF,
 * and the ACK that may carry that late answer. Offers that cross ours get 491. The same code
 * serves calls we answered and calls we placed (both are {@link DialogCall}s).
 *
 * <p>Threading: runs on SIP worker virtual threads, one request per invocation.
 */
final class InDialogHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InDialogHandler.class);
    private final SipContext sip;

    InDialogHandler(SipContext sip) {
        this.sip = sip;
    }

    /** A re-INVITE or UPDATE. */
    void offer(String callId, Request request, ServerTransaction tx) {
        boolean invite = Request.INVITE.equals(request.getMethod());
        DialogCall call = sip.dialogCall(callId).orElse(null);
        if (call == null || call.ended()) {
            sip.reply(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        List<String> unsupported = SipHeaders.unsupportedRequired(request);
        if (!unsupported.isEmpty()) {
            refuseExtensions(tx, request, unsupported);
            return;
        }
        SessionTimerPolicy.Decision decision = SessionTimerHeaders.decide(sip.sessionTimers, request);
        if (decision instanceof SessionTimerPolicy.TooSmall small) {
            send(tx, () -> SessionTimerHeaders.tooSmall(sip, request, small.minSe()));
            return;
        }
        byte[] body = request.getRawContent();
        boolean hasBody = body != null && body.length > 0;
        if (hasBody && !isSdp(request)) {
            send(tx, () -> {
                Response r = sip.response(request, Response.UNSUPPORTED_MEDIA_TYPE);
                r.addHeader(sip.headers.createAcceptHeader("application", "sdp"));
                return r;
            });
            return;
        }
        if (invite && !call.inDialog()) {
            // the caller has not yet ACKed our answer: its offer would cross ours
            sip.reply(tx, Response.REQUEST_PENDING);
            return;
        }
        CallDialog.Offer whose = hasBody ? CallDialog.Offer.THEIRS
                : invite ? CallDialog.Offer.THEIRS_LATE : CallDialog.Offer.NONE;
        if (whose != CallDialog.Offer.NONE && !call.dialog().beginOffer(whose)) {
            LOG.info("{} offer crosses one in progress: 491", request.getMethod());
            sip.reply(tx, Response.REQUEST_PENDING);
            return;
        }
        String sdp = null;
        if (hasBody) {
            try {
                SdpAnswer answer = sip.media.answer(new String(body, StandardCharsets.UTF_8), call.media());
                call.media().update(answer.parameters());
                sdp = answer.sdp();
                LOG.info("{} offer answered: {}", request.getMethod(), directionOf(sdp));
            } catch (SdpException e) {
                call.dialog().endOffer(whose);
                LOG.info("{} offer refused: {}", request.getMethod(), e.getMessage());
                sip.reply(tx, e.isMalformed() ? Response.BAD_REQUEST : Response.NOT_ACCEPTABLE_HERE);
                return;
            } finally {
                call.dialog().endOffer(CallDialog.Offer.THEIRS);
            }
        } else if (invite) {
            sdp = sip.media.offer(call.media()); // late offer: the answer comes in the ACK
            LOG.info("re-INVITE without SDP: offering ours, answer expected in the ACK");
        }
        SessionTimerPolicy.Timer timer = decision instanceof SessionTimerPolicy.Timer t ? t : null;
        try {
            Response ok = plainOk(call, request);
            if (sdp != null) {
                ok.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
            }
            SessionTimerHeaders.add(sip, ok, request, timer);
            sip.send(tx, ok);
        } catch (ParseException e) {
            call.dialog().endOffer(whose);
            sip.reply(tx, Response.SERVER_INTERNAL_ERROR);
            return;
        }
        new SessionRefresher(sip).restart(call, timer, false);
    }

    /** A 200 with our Contact and Allow; the request's To already carries this dialog's tag. */
    private Response plainOk(DialogCall call, Request request) throws ParseException {
        Response ok = sip.response(request, Response.OK);
        ok.addHeader(sip.contact(call.transport()));
        sip.addAllow(ok);
        return ok;
    }

    /** The ACK of a re-INVITE: carries the answer when the re-INVITE had no offer. */
    void ack(DialogCall call, Request ack) {
        if (call.dialog().offer() != CallDialog.Offer.THEIRS_LATE) {
            return;
        }
        call.dialog().endOffer(CallDialog.Offer.THEIRS_LATE);
        byte[] body = ack.getRawContent();
        if (body == null || body.length == 0) {
            LOG.info("ACK without the answer to our offer; media unchanged");
            return;
        }
        try {
            sip.media.acceptAnswer(new String(body, StandardCharsets.UTF_8), call.media());
            LOG.info("late answer in ACK applied");
        } catch (SdpException e) {
            // RFC 3261 14.2 would have us BYE; keeping the call with the old media is kinder
            LOG.warn("unusable answer in ACK, media unchanged: {}", e.getMessage());
        }
    }

    /** INFO (RFC 6086, legacy use): DTMF bodies become digits; others get 415. */
    void info(String callId, Request request, ServerTransaction tx) {
        DialogCall call = sip.dialogCall(callId).orElse(null);
        if (call == null || call.ended()) {
            sip.reply(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        byte[] body = request.getRawContent();
        if (type == null || body == null || body.length == 0) {
            sip.reply(tx, Response.OK); // an empty INFO is a keep-alive probe
            return;
        }
        if (!DtmfInfoBody.isDtmf(type.getContentType(), type.getContentSubType())) {
            LOG.info("INFO with {}/{}: 415", type.getContentType(), type.getContentSubType());
            send(tx, () -> {
                Response r = sip.response(request, Response.UNSUPPORTED_MEDIA_TYPE);
                r.addHeader(sip.headers.createAcceptHeader("application", "dtmf-relay"));
                r.addHeader(sip.headers.createAcceptHeader("application", "dtmf"));
                return r;
            });
            return;
        }
        DtmfInfoBody.Digit digit = DtmfInfoBody.parse(type.getContentSubType(), new String(body, StandardCharsets.UTF_8));
        if (digit == null) {
            LOG.info("INFO DTMF body names no key: 400");
            sip.reply(tx, Response.BAD_REQUEST);
            return;
        }
        // The digit before the 200: a phone sends its next INFO once this one is answered, and
        // each INFO is handled on a thread of its own, so answering first could let the next
        // digit overtake this one.
        LOG.info("DTMF {} by INFO ({} ms)", digit.key(), digit.durationMillis());
        call.media().injectDtmf(digit.key(), digit.durationMillis());
        sip.reply(tx, Response.OK);
    }

    private void refuseExtensions(ServerTransaction tx, Request request, List<String> unsupported) {
        send(tx, () -> {
            Response r = sip.response(request, Response.BAD_EXTENSION);
            for (String tag : unsupported) {
                r.addHeader(sip.headers.createUnsupportedHeader(tag));
            }
            return r;
        });
    }

    private static boolean isSdp(Request request) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        return type != null && type.getContentType().equalsIgnoreCase("application")
                && type.getContentSubType().equalsIgnoreCase("sdp");
    }

    private static String directionOf(String sdp) {
        for (String d : List.of("sendrecv", "sendonly", "recvonly", "inactive")) {
            if (sdp.contains("a=" + d)) {
                return d;
            }
        }
        return "sendrecv";
    }

    private interface ResponseBuilder {
        Response build() throws ParseException;
    }

    private void send(ServerTransaction tx, ResponseBuilder builder) {
        try {
            sip.send(tx, builder.build());
        } catch (ParseException e) {
            LOG.warn("could not build a response: {}", e.toString());
            sip.reply(tx, Response.SERVER_INTERNAL_ERROR);
        }
    }
}
