package org.voxgate.sip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voxgate.media.MediaParameters;
import org.voxgate.media.MediaSession;
import org.voxgate.media.SdpException;

/**
 * One call we place, from the first INVITE to its end: one {@link UacLeg} per target sharing
 * one media session and one SDP offer (parallel forking: the first 2xx wins, the others get
 * CANCEL, a late 2xx gets BYE), early media on the first 183 with SDP, the ring timeout, and
 * the one {@link #end} path every ending goes through. Once answered it is a {@link DialogCall}:
 * the callee's re-INVITEs, UPDATEs, INFOs and REFERs and the session timer its 2xx named are
 * handled by the same code as for calls we answer.
 *
 * <p>Threading: leg events arrive on SIP worker threads; state changes are under this
 * object's lock and the handler is called outside it. Ownership: the call owns its
 * {@link MediaSession} and closes it on end.
 */
final class OutboundSipCall implements DialogCall, OutboundCall, LegListener {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundSipCall.class);
    /** How long to wait for the legs' answers to our CANCELs before recording the call anyway. */
    private static final long CANCEL_GRACE_MILLIS = 5_000;

    enum State { CALLING, RINGING, EARLY, ANSWERED, ENDED }

    private final SipContext sip;
    private final String callId;
    private final OutboundCallRequest request;
    private final MediaSession media;
    private final Instant invitedAt;
    private final List<UacLeg> legs = new ArrayList<>();

    private State state = State.CALLING;
    private boolean mediaStarted;
    private MediaParameters parameters;
    private UacLeg winner;
    /** The answered leg's in-dialog state; null before the answer. */
    private CallDialog dialog;
    private final TransferSlot transfer = new TransferSlot();
    private Instant answeredAt;
    private ScheduledFuture<?> ringTimer;
    private ScheduledFuture<?> graceTimer;
    private int bestStatus;
    /** Set when we stop the call before answer: what to record once the legs have finished. */
    private CallOutcome stopOutcome;
    private EndReason stopReason;

    OutboundSipCall(SipContext sip, String callId, OutboundCallRequest request, MediaSession media) {
        this.sip = sip;
        this.callId = callId;
        this.request = request;
        this.media = media;
        this.invitedAt = sip.clock.instant();
    }

    /** Adds a leg before {@link #start}. */
    void addLeg(UacLeg leg) { legs.add(leg); }

    List<UacLeg> legs() { return List.copyOf(legs); }

    /** Sends every leg's INVITE and starts the ring timer. */
    void start() {
        long ringMillis = request.ringTimeout().toMillis();
        synchronized (this) {
            ringTimer = sip.timers.schedule(() -> sip.workers.execute(() -> withCallId(this::ringTimedOut)),
                    ringMillis, TimeUnit.MILLISECONDS);
        }
        LOG.info("calling {} for bot {} via {} ({} leg(s))", request.to(), request.bot(),
                request.trunk() == null ? "no trunk" : "trunk " + request.trunk(), legs.size());
        for (UacLeg leg : legs) {
            leg.start();
        }
    }

    @Override public String callId() { return callId; }

    @Override public String from() { return request.fromUser(); }

    @Override public String to() { return request.to(); }

    @Override public String bot() { return request.bot(); }

    @Override public MediaSession media() { return media; }

    @Override public String direction() { return "outbound"; }

    @Override public String trunk() { return request.trunk(); }

    @Override public Map<String, String> variables() { return request.variables(); }

    @Override public synchronized boolean isAnswered() { return winner != null; }

    @Override
    public void refer(String referToUri, TransferObserver observer) {
        sip.workers.execute(() -> withCallId(() -> {
            UacLeg answered;
            synchronized (this) {
                answered = state == State.ENDED ? null : winner;
            }
            transfer.start(sip, answered == null ? null : answered.dialog(), referToUri, observer,
                    () -> end(EndReason.TRANSFERRED, CallOutcome.ANSWERED, answered.finalStatus()));
        }));
    }

    /** The blind transfer under way or last attempted, or null. */
    OutgoingRefer outgoingRefer() { return transfer.current(); }

    synchronized State state() { return state; }

    @Override public synchronized CallDialog dialog() { return dialog; }

    @Override public synchronized javax.sip.Dialog sipDialog() { return winner == null ? null : winner.dialog(); }

    @Override public synchronized String transport() { return winner == null ? "udp" : winner.transport(); }

    @Override public synchronized boolean inDialog() { return state == State.ANSWERED && dialog != null; }

    @Override public synchronized boolean ended() { return state == State.ENDED; }

    /** Whether a request with this Call-ID belongs to the answered leg's dialog. */
    synchronized boolean isDialogCallId(String sipCallId) {
        return winner != null && dialog != null && winner.callId().equals(sipCallId);
    }

    @Override
    public void endCall(EndReason reason) {
        Integer status;
        synchronized (this) {
            if (winner == null) {
                status = null;
            } else {
                status = winner.finalStatus();
            }
        }
        if (status == null) {
            abort(reason);
        } else {
            end(reason, CallOutcome.ANSWERED, status);
        }
    }

    @Override
    public void hangup(EndReason reason) {
        sip.workers.execute(() -> withCallId(() -> abort(reason)));
    }

    @Override
    public void abort(EndReason reason) {
        boolean answered;
        Integer status;
        synchronized (this) {
            if (state == State.ENDED || stopOutcome != null) {
                return;
            }
            answered = winner != null;
            status = answered ? winner.finalStatus() : null;
            if (!answered) {
                stopOutcome = CallOutcome.CANCELLED;
                stopReason = reason;
            }
        }
        if (answered) {
            end(reason, CallOutcome.ANSWERED, status);
        } else {
            LOG.info("aborting the call before answer ({})", reason.code());
            stopRinging();
        }
    }

    private void ringTimedOut() {
        synchronized (this) {
            if (state == State.ENDED || winner != null || stopOutcome != null) {
                return;
            }
            stopOutcome = CallOutcome.NO_ANSWER;
            stopReason = EndReason.NOT_ANSWERED;
        }
        LOG.info("no answer within {} s; cancelling", request.ringTimeout().toSeconds());
        stopRinging();
    }

    /** CANCELs every leg; the call ends when they have all answered the CANCEL, or after a grace. */
    private void stopRinging() {
        for (UacLeg leg : legs) {
            leg.cancel();
        }
        synchronized (this) {
            graceTimer = sip.timers.schedule(() -> sip.workers.execute(() -> withCallId(() ->
                    end(stopReason, stopOutcome, bestStatus == 0 ? null : bestStatus))),
                    CANCEL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void provisional(UacLeg leg, int status, String sdp) {
        boolean early = false;
        synchronized (this) {
            if (state == State.ENDED || winner != null || stopOutcome != null) {
                return;
            }
            if (state == State.CALLING) {
                state = State.RINGING;
                LOG.info("{} is ringing ({})", leg.target().uri(), status);
            }
            if (sdp != null && !mediaStarted) {
                early = startMedia(sdp);
                if (early) {
                    state = State.EARLY;
                }
            }
        }
        if (early) {
            LOG.info("early media from {} ({})", leg.target().uri(), status);
            try {
                sip.handler.onEarlyMedia(this);
            } catch (RuntimeException e) {
                LOG.error("the call handler failed on early media", e);
            }
        }
    }

    /** Starts media with the peer's SDP answer; false (logged) when it is unusable. Under the lock. */
    private boolean startMedia(String sdp) {
        try {
            parameters = sip.media.acceptAnswer(sdp, media);
            media.setTimeoutListener(() -> hangup(EndReason.MEDIA_TIMEOUT));
            media.start(parameters);
            mediaStarted = true;
            return true;
        } catch (SdpException | RuntimeException e) {
            LOG.warn("unusable SDP answer: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public boolean answered(UacLeg leg, String sdp) {
        boolean usable;
        synchronized (this) {
            if (state == State.ENDED || winner != null) {
                return false;
            }
            winner = leg;
            javax.sip.message.Response ok = leg.answer();
            dialog = new CallDialog(null, ok != null && SipHeaders.allows(ok, javax.sip.message.Request.UPDATE));
            usable = mediaStarted || (sdp != null && startMedia(sdp));
            state = State.ANSWERED;
            answeredAt = sip.clock.instant();
            stopOutcome = null;
            if (ringTimer != null) {
                ringTimer.cancel(false);
            }
        }
        for (UacLeg other : legs) {
            if (other != leg) {
                other.cancel();
            }
        }
        if (!usable) {
            LOG.warn("{} answered without a usable SDP answer; hanging up", leg.target().uri());
            end(EndReason.NO_COMMON_CODEC, CallOutcome.FAILED, leg.finalStatus());
            return true; // end() has sent the BYE on the winning leg
        }
        LOG.info("answered by {} with {}; starting bot {}", leg.target().uri(), parameters.codec(), request.bot());
        new SessionRefresher(sip).restart(this, SessionTimerHeaders.granted(leg.answer()), true);
        try {
            sip.handler.onAnswered(this);
        } catch (RuntimeException e) {
            LOG.error("the call handler failed to start the bot", e);
            end(EndReason.ERROR, CallOutcome.ANSWERED, leg.finalStatus());
        }
        return true;
    }

    @Override
    public void failed(UacLeg leg, int status) {
        CallOutcome outcome;
        EndReason reason;
        synchronized (this) {
            bestStatus = bestStatus == 0 ? status : CallOutcome.preferredStatus(bestStatus, status);
            if (state == State.ENDED || winner != null) {
                return;
            }
            for (UacLeg other : legs) {
                UacLeg.State s = other.state();
                if (s == UacLeg.State.CALLING || s == UacLeg.State.PROCEEDING) {
                    return; // another leg may still answer
                }
            }
            outcome = stopOutcome != null ? stopOutcome : CallOutcome.fromStatus(bestStatus);
            reason = stopReason != null ? stopReason : EndReason.NOT_ANSWERED;
        }
        end(reason, outcome, bestStatus);
    }

    /** The far end sent BYE on the answered leg. */
    void remoteHangup() {
        UacLeg w;
        synchronized (this) {
            w = winner;
        }
        if (w != null) {
            w.remoteEnded();
        }
        end(EndReason.CALLEE_HANGUP, CallOutcome.ANSWERED, w == null ? null : w.finalStatus());
    }

    /**
     * Ends the call: BYE on the answered leg (unless the far end's BYE is why), CANCEL on any
     * leg still ringing, closes the media and reports the summary. Idempotent.
     */
    void end(EndReason reason, CallOutcome outcome, Integer sipStatus) {
        UacLeg w;
        CallDialog d;
        synchronized (this) {
            if (state == State.ENDED) {
                return;
            }
            state = State.ENDED;
            w = winner;
            d = dialog;
            if (ringTimer != null) {
                ringTimer.cancel(false);
            }
            if (graceTimer != null) {
                graceTimer.cancel(false);
            }
        }
        Instant endedAt = sip.clock.instant();
        LOG.info("call ended: {} ({}{})", reason.code(), outcome, sipStatus == null ? "" : ", SIP " + sipStatus);
        if (d != null) {
            d.close();
        }
        try {
            if (w != null && reason != EndReason.CALLEE_HANGUP) {
                w.bye();
            }
            for (UacLeg leg : legs) {
                if (leg != w) {
                    leg.cancel();
                }
            }
        } finally {
            media.close();
            sip.outbound.remove(this);
            for (UacLeg leg : legs) {
                sip.legFlows.remove(leg.callId());
            }
            report(endedAt, reason, outcome, sipStatus);
        }
    }

    private void report(Instant endedAt, EndReason reason, CallOutcome outcome, Integer sipStatus) {
        Instant answered;
        String codec;
        synchronized (this) {
            answered = answeredAt;
            codec = parameters == null ? null : parameters.codec().encodingName();
        }
        CallSummary summary = new CallSummary(callId, "outbound", request.fromUser(), request.to(), request.bot(),
                invitedAt, answered, endedAt, reason, codec, outcome, sipStatus, request.trunk(), media.stats());
        try {
            sip.handler.onEnded(summary);
        } catch (RuntimeException e) {
            LOG.error("the call handler failed to record the end of the call", e);
        }
    }

    /** Runs {@code action} with this call's id in the logging context. */
    @Override
    public void withCallId(Runnable action) {
        MDC.put("callId", callId);
        try {
            action.run();
        } finally {
            MDC.remove("callId");
        }
    }
}
