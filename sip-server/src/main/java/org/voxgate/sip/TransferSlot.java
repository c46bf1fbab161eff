package org.voxgate.sip;

import javax.sip.Dialog;
import javax.sip.message.Response;

/**
 * The one blind transfer a call may have under way: starts an {@link OutgoingRefer} on the
 * call's dialog unless another is still running, and keeps it for the NOTIFYs that follow.
 * Shared by calls we answered and calls we placed.
 *
 * <p>Threading: thread-safe.
 */
final class TransferSlot {
    private volatile OutgoingRefer current;

    /**
     * Sends a REFER to {@code referToUri}, or tells the observer at once (491) when the call is
     * not up ({@code dialog} null) or a transfer is already running.
     *
     * @param onSuccess ends the call once the transferee reports success
     */
    void start(SipContext sip, Dialog dialog, String referToUri, TransferObserver observer, Runnable onSuccess) {
        OutgoingRefer refer = null;
        synchronized (this) {
            OutgoingRefer running = current;
            if (dialog != null && (running == null || running.finished())) {
                refer = new OutgoingRefer(sip, dialog, observer, onSuccess);
                current = refer;
            }
        }
        if (refer == null) {
            observer.onTransferFailed(Response.REQUEST_PENDING, "call not answered or a transfer is under way", false);
            return;
        }
        refer.send(referToUri);
    }

    /** The transfer under way or last attempted, or null. */
    OutgoingRefer current() {
        return current;
    }
}
