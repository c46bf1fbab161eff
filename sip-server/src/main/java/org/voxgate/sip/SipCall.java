package org.voxgate.sip;

import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voxgate.media.MediaSession;
import org.voxgate.media.SdpAnswer;

/**
 * One incoming call from INVITE to its end: its state, its INVITE transaction and dialog, its
 * media session, and the one {@link #end} path every ending goes through (it answers or BYEs
 * as the state requires, closes the media, and reports the call exactly once).
 *
 * <p>Threading: every state change happens under this object's lock; SIP messages are sent
 * outside it where they may block. Ownership: the call owns its {@link MediaSession} and
 * closes it on end.
 */
final class SipCall implements DialogCall {
    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);

    enum State { RINGING, CANCELLING, ANSWERED, CONFIRMED, ENDED }

    private final SipContext sip;
    private final InviteRequest invite;
    private final ServerTransaction inviteTx;
    private final MediaSession media;
    private final SdpAnswer answer;
    private final String bot;
    private final String toTag;
    private final CallDialog dialog;

    private State state = State.RINGING;
    private SessionTimerPolicy.Timer initialTimer;
    private Instant answeredAt;
    private ScheduledFuture<?> answerTimer;
    private final TransferSlot transfer = new TransferSlot();

    SipCall(SipContext sip, InviteRequest invite, ServerTransaction inviteTx, MediaSession media,
            SdpAnswer answer, String bot, String toTag) {
        this.sip = sip;
        this.invite = invite;
        this.inviteTx = inviteTx;
        this.media = media;
        this.answer = answer;
        this.bot = bot;
        this.toTag = toTag;
        this.dialog = new CallDialog(
                CallFlow.hopFor(invite.source(), arrivedOver(inviteTx, invite.transport()),
                        SipHeaders.contactUri(inviteTx.getRequest())),
                SipHeaders.allows(inviteTx.getRequest(), Request.UPDATE));
    }

    /**
     * The transport the INVITE really arrived over; the Via may name another (a TLS tunnel in
     * front of a TCP client), and only the real one finds the caller's connection again.
     */
    private static String arrivedOver(ServerTransaction tx, String viaTransport) {
        if (tx instanceof gov.nist.javax.sip.stack.SIPTransaction nist && nist.getTransport() != null) {
            return nist.getTransport().toLowerCase(java.util.Locale.ROOT);
        }
        return viaTransport;
    }

    @Override public CallDialog dialog() { return dialog; }

    /** The session timer the initial INVITE negotiated, announced in our 200 OK. */
    synchronized void setSessionTimer(SessionTimerPolicy.Timer timer) { this.initialTimer = timer; }

    /** The dialog of the initial INVITE (null before the stack made one). */
    @Override public javax.sip.Dialog sipDialog() { return inviteTx.getDialog(); }

    /** The transport the call came over, lower case. */
    @Override public String transport() { return invite.transport(); }

    @Override public synchronized boolean inDialog() { return state == State.CONFIRMED; }

    @Override public synchronized boolean ended() { return state == State.ENDED; }

    @Override public void endCall(EndReason reason) { end(reason); }

    @Override public String callId() { return invite.callId(); }

    @Override public String from() { return invite.from(); }

    @Override public String to() { return invite.dialled(); }

    @Override public String bot() { return bot; }

    @Override public MediaSession media() { return media; }

    @Override public java.net.InetSocketAddress source() { return invite.source(); }

    @Override public String trunk() { return invite.trunk(); }

    @Override public void hangup(EndReason reason) { sip.workers.execute(() -> withCallId(() -> end(reason))); }

    @Override
    public void refer(String referToUri, TransferObserver observer) {
        sip.workers.execute(() -> withCallId(() -> startRefer(referToUri, observer)));
    }

    private void startRefer(String referToUri, TransferObserver observer) {
        Dialog dialog;
        synchronized (this) {
            dialog = state == State.CONFIRMED ? inviteTx.getDialog() : null;
        }
        transfer.start(sip, dialog, referToUri, observer, () -> end(EndReason.TRANSFERRED));
    }

    /** The blind transfer under way or last attempted, or null. */
    OutgoingRefer outgoingRefer() { return transfer.current(); }

    synchronized State state() { return state; }

    /** The SDP answer we gave, re-sent unchanged to session-refresh re-INVITEs. */
    SdpAnswer sdpAnswer() { return answer; }

    synchronized void setAnswerTimer(ScheduledFuture<?> timer) { this.answerTimer = timer; }

    /** Sends 180 Ringing with our To-tag. */
    void ring() {
        try {
            Response ringing = sip.response(inviteTx.getRequest(), Response.RINGING);
            tag(ringing);
            ringing.addHeader(sip.contact(invite.transport()));
            sip.send(inviteTx, ringing);
        } catch (ParseException e) {
            LOG.warn("could not build 180: {}", e.toString());
        }
    }

    /** Sends 200 OK with the SDP answer and starts media. No-op if the call already ended. */
    void answer() {
        synchronized (this) {
            if (state != State.RINGING) {
                return;
            }
            state = State.ANSWERED;
            answeredAt = sip.clock.instant();
        }
        try {
            media.setTimeoutListener(() -> hangup(EndReason.MEDIA_TIMEOUT));
            media.start(answer.parameters());
            Response ok = sdpResponse(inviteTx.getRequest(), answer.sdp());
            SessionTimerPolicy.Timer timer;
            synchronized (this) {
                timer = initialTimer;
            }
            SessionTimerHeaders.add(sip, ok, inviteTx.getRequest(), timer);
            sip.send(inviteTx, ok);
            new SessionRefresher(sip).restart(this, timer, false);
            LOG.info("answered with {} for bot {}", answer.parameters().codec(), bot);
        } catch (ParseException | RuntimeException e) {
            LOG.error("could not answer the call", e);
            end(EndReason.ERROR);
        }
    }

    /** A 200 response carrying our To-tag, Contact and an SDP body. */
    Response sdpResponse(Request request, String sdp) throws ParseException {
        Response ok = sip.response(request, Response.OK);
        tag(ok);
        ok.addHeader(sip.contact(invite.transport()));
        sip.addAllow(ok);
        ContentTypeHeader type = sip.headers.createContentTypeHeader("application", "sdp");
        ok.setContent(sdp, type);
        return ok;
    }

    private void tag(Response response) throws ParseException {
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
    }

    /**
     * Ends the call with 487 if it is still ringing, atomically with {@link #answer}: a
     * CANCEL that crosses our 200 OK loses, and the call goes on until BYE.
     *
     * @return true when the call was cancelled
     */
    boolean cancel() {
        synchronized (this) {
            if (state != State.RINGING) {
                return false;
            }
            // claimed under the lock: answer() now does nothing, and end() answers 487
            state = State.CANCELLING;
        }
        end(EndReason.CANCELLED);
        return true;
    }

    /** The caller's ACK arrived: the call is up and the bot may start. */
    void confirmed() {
        synchronized (this) {
            if (state != State.ANSWERED) {
                return;
            }
            state = State.CONFIRMED;
        }
        LOG.info("call confirmed; starting bot {}", bot);
        try {
            sip.handler.onAnswered(this);
        } catch (RuntimeException e) {
            LOG.error("the call handler failed to start the bot", e);
            end(EndReason.ERROR);
        }
    }

    /**
     * Ends the call: answers the INVITE with a final failure if it was still ringing, sends
     * BYE if it was answered (unless the caller's BYE is why it ends), closes the media and
     * reports the summary. Idempotent: only the first reason counts.
     */
    void end(EndReason reason) {
        State before;
        ScheduledFuture<?> timer;
        synchronized (this) {
            if (state == State.ENDED) {
                return;
            }
            before = state;
            state = State.ENDED;
            timer = answerTimer;
        }
        Instant endedAt = sip.clock.instant();
        if (timer != null) {
            timer.cancel(false);
        }
        LOG.info("call ended: {}", reason.code());
        dialog.close();
        try {
            if (before == State.RINGING || before == State.CANCELLING) {
                sip.reply(inviteTx, finalStatusFor(reason));
            } else if (reason != EndReason.CALLER_HANGUP) {
                sendBye();
            }
        } finally {
            media.close();
            sip.calls.remove(this);
            report(endedAt, reason);
        }
    }

    private void report(Instant endedAt, EndReason reason) {
        boolean answered = answeredAt != null;
        CallSummary summary = new CallSummary(callId(), "inbound", invite.from(), invite.dialled(), bot,
                invite.receivedAt(), answeredAt, endedAt, reason, answer.parameters().codec().encodingName(),
                answered ? CallOutcome.ANSWERED : reason == EndReason.CANCELLED ? CallOutcome.CANCELLED : CallOutcome.FAILED,
                answered ? Response.OK : finalStatusFor(reason), trunk(), media.stats());
        try {
            sip.handler.onEnded(summary);
        } catch (RuntimeException e) {
            LOG.error("the call handler failed to record the end of the call", e);
        }
    }

    private static int finalStatusFor(EndReason reason) {
        return switch (reason) {
            case CANCELLED -> Response.REQUEST_TERMINATED;
            case SHUTDOWN -> Response.SERVICE_UNAVAILABLE;
            case BOT_HANGUP, BOT_UNAVAILABLE, REJECTED -> Response.TEMPORARILY_UNAVAILABLE;
            default -> Response.SERVER_INTERNAL_ERROR;
        };
    }

    private void sendBye() {
        Dialog dialog = inviteTx.getDialog();
        if (dialog == null) {
            LOG.warn("no dialog to send BYE on");
            return;
        }
        sip.sendBye(dialog, "the caller");
    }

    /** Runs {@code action} with this call's Call-ID in the logging context. */
    @Override
    public void withCallId(Runnable action) {
        MDC.put("callId", callId());
        try {
            action.run();
        } finally {
            MDC.remove("callId");
        }
    }
}
