package org.voxgate.sip;

/**
 * A call we placed, as its placer holds it: its id at once, and a way to abort it.
 *
 * <p>Threading: thread-safe; {@link #abort} returns at once.
 */
public interface OutboundCall {
    /** The call's id: the SIP Call-ID of its first leg, also the key of its call record. */
    String callId();

    /** True once a leg answered. */
    boolean isAnswered();

    /**
     * Ends the call: CANCEL while it rings (outcome {@link CallOutcome#CANCELLED}), BYE once
     * answered. Idempotent.
     */
    void abort(EndReason reason);
}
