package org.voxgate.sip;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.MediaException;
import org.voxgate.media.MediaSession;
import org.voxgate.media.SdpAnswer;
import org.voxgate.media.SdpException;
import org.voxgate.sip.auth.SipPrincipal;

/**
 * Handles a new INVITE: checks it (RFC 3261 8.2), asks the {@link CallHandler} whether to take
 * it, reserves media and answers the SDP offer, rings, and answers. A re-INVITE inside an
 * existing call goes to {@link InDialogHandler}. Above {@code sip.max-calls} it answers 503
 * with Retry-After; a Session-Expires below our Min-SE gets 422 (RFC 4028).
 *
 * <p>Threading: runs on a SIP worker virtual thread, one INVITE per invocation.
 */
final class InviteHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InviteHandler.class);

    private final SipContext sip;
    private final InDialogHandler inDialog;
    private final InboundAuthenticator authenticator;

    InviteHandler(SipContext sip) {
        this.sip = sip;
        this.inDialog = new InDialogHandler(sip);
        this.authenticator = new InboundAuthenticator(sip);
    }

    void handle(Request request, ServerTransaction tx, InetSocketAddress source) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            inDialog.offer(callId, request, tx);
            return;
        }
        if (sip.atCallLimit()) {
            LOG.info("{} calls held (both directions), the limit (sip.max-calls): 503", sip.callsHeld());
            RequestGate.replyOverloaded(sip, tx, request);
            return;
        }
        Integer refusal = refusalFor(request);
        if (refusal != null) {
            // Late offer (offer in our 200, answer in the ACK) is not supported yet.
            String warning = refusal == Response.NOT_ACCEPTABLE_HERE ? "an SDP offer is required in the INVITE" : null;
            refuse(tx, request, refusal, 399, warning);
            return;
        }
        SipPrincipal principal = authenticator.authenticate(request, tx, source);
        if (principal == null) {
            return; // answered 401 or 403: nothing unauthenticated reaches the application
        }
        SessionTimerPolicy.Decision timer = SessionTimerHeaders.decide(sip.sessionTimers, request);
        if (timer instanceof SessionTimerPolicy.TooSmall small) {
            LOG.info("Session-Expires below our Min-SE {}: 422", small.minSe());
            try {
                sip.send(tx, SessionTimerHeaders.tooSmall(sip, request, small.minSe()));
            } catch (ParseException e) {
                sip.reply(tx, Response.SERVER_INTERNAL_ERROR);
            }
            return;
        }
        sip.reply(tx, Response.TRYING);
        Instant receivedAt = sip.clock.instant();
        String from = SipUris.userOf(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
        String to = SipUris.userOf(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI());
        String dialled = SipUris.userOf(request.getRequestURI());
        InviteRequest invite = new InviteRequest(callId, from, to, dialled.isEmpty() ? to : dialled, source,
                SipContext.transportOf(request), receivedAt, principal);
        LOG.info("INVITE from {} to {} via {} from {} as {} {}", from, invite.dialled(), invite.transport(), source,
                principal.kind().name().toLowerCase(java.util.Locale.ROOT), principal.id());

        InviteDecision decision = sip.handler.onInvite(invite);
        if (decision instanceof InviteDecision.Reject reject) {
            LOG.info("call refused by the application: {} {}", reject.status(), reject.reason());
            refuseForApplication(tx, request, reject);
            reportUnanswered(invite, null, EndReason.REJECTED, reject.status());
            return;
        }
        InviteDecision.Accept accept = (InviteDecision.Accept) decision;
        String bot = accept.bot();
        MediaSession media;
        try {
            media = sip.media.open(callId);
        } catch (MediaException e) {
            LOG.error("no media for the call: {}", e.getMessage());
            sip.reply(tx, Response.SERVICE_UNAVAILABLE);
            reportUnanswered(invite, bot, EndReason.ERROR, Response.SERVICE_UNAVAILABLE);
            return;
        }
        SdpAnswer answer;
        try {
            String offer = new String(request.getRawContent(), StandardCharsets.UTF_8);
            answer = sip.media.answer(offer, media, accept.codecs());
        } catch (SdpException e) {
            media.close();
            LOG.info("SDP offer refused: {}", e.getMessage());
            int status = e.isMalformed() ? Response.BAD_REQUEST : Response.NOT_ACCEPTABLE_HERE;
            // 304: media type not available (RFC 3261 20.43); 399: anything else.
            refuse(tx, request, status, e.isMalformed() ? 399 : 304, e.getMessage());
            reportUnanswered(invite, bot, e.isMalformed() ? EndReason.REJECTED : EndReason.NO_COMMON_CODEC, status);
            return;
        }
        String toTag = SipContext.newTag();
        SipCall call = new SipCall(sip, invite, tx, media, answer, bot, toTag);
        call.setSessionTimer(timer instanceof SessionTimerPolicy.Timer t ? t : null);
        if (!sip.calls.add(call)) {
            media.close();
            LOG.warn("a call with this Call-ID is already in progress");
            sip.reply(tx, Response.LOOP_DETECTED);
            return;
        }
        if (sip.config.sendRinging()) {
            call.ring();
        }
        long delayMillis = sip.config.answerDelay().toMillis();
        if (delayMillis == 0) {
            call.answer();
        } else {
            call.setAnswerTimer(sip.timers.schedule(
                    () -> sip.workers.execute(() -> call.withCallId(call::answer)), delayMillis, TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Checks RFC 3261 8.2.2 and 8.2.3: scheme, required extensions and body type. Returns the
     * status to refuse with, or null when the INVITE can be processed.
     */
    private static Integer refusalFor(Request request) {
        String scheme = request.getRequestURI().getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips") && !scheme.equals("tel")) {
            return Response.UNSUPPORTED_URI_SCHEME;
        }
        if (!SipHeaders.unsupportedRequired(request).isEmpty()) {
            return Response.BAD_EXTENSION; // "timer" is the one option tag we support
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            return Response.NOT_ACCEPTABLE_HERE;
        }
        if (type == null || !type.getContentType().equalsIgnoreCase("application")
                || !type.getContentSubType().equalsIgnoreCase("sdp")) {
            return Response.UNSUPPORTED_MEDIA_TYPE;
        }
        return null;
    }

    /**
     * Refuses the INVITE with {@code status} and the headers RFC 3261 asks for with it
     * (Unsupported for 420, Accept for 415), plus a Warning when {@code warning} is given.
     */
    private void refuse(ServerTransaction tx, Request request, int status, int warningCode, String warning) {
        try {
            Response response = sip.response(request, status);
            if (status == Response.BAD_EXTENSION) {
                for (String tag : SipHeaders.unsupportedRequired(request)) {
                    response.addHeader(sip.headers.createUnsupportedHeader(tag));
                }
            } else if (status == Response.UNSUPPORTED_MEDIA_TYPE) {
                response.addHeader(sip.headers.createAcceptHeader("application", "sdp"));
            }
            if (warning != null) {
                response.addHeader(sip.headers.createWarningHeader(sip.config.advertisedHost(), warningCode,
                        SipContext.quotable(warning)));
            }
            LOG.info("INVITE refused with {}", status);
            sip.send(tx, response);
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            sip.reply(tx, status);
        }
    }

    /**
     * The application's refusal, its reason in the reason phrase (what a carrier's logs show);
     * a 503 (a trunk at its limit, say) also carries Retry-After, so the peer backs off instead
     * of retrying at once or marking us dead (RFC 3261 21.5.4).
     */
    private void refuseForApplication(ServerTransaction tx, Request request, InviteDecision.Reject reject) {
        try {
            Response response = sip.response(request, reject.status());
            String reason = SipContext.quotable(reject.reason());
            if (!reason.isEmpty()) {
                response.setReasonPhrase(response.getReasonPhrase() + " (" + reason + ")");
            }
            if (reject.status() == Response.SERVICE_UNAVAILABLE) {
                response.addHeader(sip.headers.createRetryAfterHeader(
                        (int) sip.dialogConfig.overload().retryAfter().toSeconds()));
            }
            sip.send(tx, response);
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            sip.reply(tx, reject.status());
        }
    }

    private void reportUnanswered(InviteRequest invite, String bot, EndReason reason, int status) {
        try {
            sip.handler.onEnded(new CallSummary(invite.callId(), "inbound", invite.from(), invite.dialled(), bot,
                    invite.receivedAt(), null, sip.clock.instant(), reason, null, CallOutcome.FAILED, status,
                    invite.trunk()));
        } catch (RuntimeException e) {
            LOG.error("the call handler failed to record a refused call", e);
        }
    }

}
