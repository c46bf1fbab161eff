package org.voxgate.sip;

import javax.sip.Dialog;

/**
 * What the in-dialog handlers ({@link InDialogHandler}, {@link ReferHandler},
 * {@link SessionRefresher}) need of a call, whichever side placed it: a {@link SipCall} we
 * answered or an {@link OutboundSipCall} we placed. One implementation of re-INVITE, UPDATE,
 * INFO, REFER and session timers then serves both directions.
 *
 * <p>Threading: every method is thread-safe; {@link #endCall} may send BYE on the calling thread.
 */
interface DialogCall extends ActiveCall {
    /** The in-dialog state: offers in progress, flow, session timer. */
    CallDialog dialog();

    /** The confirmed SIP dialog, or null before there is one. */
    Dialog sipDialog();

    /** The transport the dialog runs over, lower case (for our Contact). */
    String transport();

    /** True once the dialog is confirmed (the answer ACKed) and until the call ends. */
    boolean inDialog();

    /** True once the call has ended. */
    boolean ended();

    /** Ends an established call with BYE (unless the far end's BYE is why) and records {@code reason}. Idempotent. */
    void endCall(EndReason reason);

    /** Runs {@code action} with this call's id in the logging context. */
    void withCallId(Runnable action);
}
