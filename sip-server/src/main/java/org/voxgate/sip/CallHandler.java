package org.voxgate.sip;

/**
 * The application's side of every call: the SIP layer makes no business decisions and asks
 * here instead (accept? which bot?), then reports what happened.
 *
 * <p>Threading: each method is called on a virtual thread of the SIP layer, never on the SIP
 * stack's own thread; {@link #onInvite} may block briefly (a store lookup). For one call the
 * calls are ordered: {@code onInvite}, then at most one {@code onAnswered}, then exactly one
 * {@code onEnded} for every INVITE that was accepted. Calls placed through
 * {@link SipServer#placeCall} skip {@code onInvite}: at most one {@code onEarlyMedia}, at most
 * one {@code onAnswered}, then exactly one {@code onEnded}.
 */
public interface CallHandler {

    /** Decides whether to take a new incoming call and which bot runs it. */
    InviteDecision onInvite(InviteRequest invite);

    /**
     * The call is answered and confirmed by ACK (inbound), or a 2xx arrived and we ACKed it
     * (outbound): start the bot on {@link ActiveCall#media()}.
     */
    void onAnswered(ActiveCall call);

    /**
     * A call we placed got early media (183 with SDP): its media already runs and
     * {@link ActiveCall#media()} delivers the far end's audio (ringback, announcements), so a
     * pipeline can listen before the answer. May be followed by {@link #onAnswered} for the
     * same call, or by {@link #onEnded} if it is never answered.
     */
    default void onEarlyMedia(ActiveCall call) {}

    /** The call is over, answered or not; the summary is final and should be recorded. */
    void onEnded(CallSummary summary);

    /**
     * The caller's side (a PBX transferring our call) sent a REFER on an answered call, asking
     * us to call {@code referToUri}. The SIP layer has already accepted it with 202; the
     * application places the new call and reports its progress, which travels back as
     * NOTIFYs. The default declines every REFER (603).
     */
    default void onReferred(ActiveCall call, String referToUri, ReferProgress progress) {
        progress.report(603, "Decline");
    }
}
