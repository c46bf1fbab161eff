package org.voxgate.media;

import java.time.Clock;

/**
 * What the latest SDP exchange lets one {@link RtpSession} do, and the media timeout that
 * follows from it: we send only when our side says sendrecv or sendonly, and watch for the
 * media timeout only when the call is not on hold (sendrecv), since a held phone often sends
 * nothing at all. The timeout fires once per session.
 *
 * <p>Threading: {@link #apply} runs on application threads (offer/answer),
 * {@link #received} on the session's socket thread and at start, {@link #maySend} and
 * {@link #checkTimeout} on the pacer thread; the shared fields are volatile, and
 * {@code timeoutFired} is touched only by the pacer thread. Ownership: one per session,
 * owned by it.
 */
final class DirectionState {
    private final Clock clock;
    private final long timeoutMillis;
    private volatile long lastReceiveMillis;
    private volatile boolean mayReceive = true;
    private volatile boolean maySend = true;
    private boolean timeoutFired;

    /**
     * @param clock times the media timeout (injected so tests can advance it)
     * @param timeoutMillis how long without RTP, while watched, until the timeout fires
     */
    DirectionState(Clock clock, long timeoutMillis) {
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Applies the direction of an SDP exchange; set by {@link OfferAnswer} for every answer,
     * also for re-INVITEs (hold, resume).
     */
    void apply(boolean send, boolean watchTimeout) {
        if (watchTimeout && !mayReceive) {
            lastReceiveMillis = clock.millis(); // the timeout counts from when we began expecting RTP
        }
        this.maySend = send;
        this.mayReceive = watchTimeout;
    }

    /** Restarts the timeout: RTP just arrived, or the session started expecting it. */
    void received() {
        lastReceiveMillis = clock.millis();
    }

    boolean maySend() { return maySend; }

    long timeoutMillis() { return timeoutMillis; }

    /** True exactly once: on the first check that finds the watched timeout expired. */
    boolean checkTimeout() {
        if (!timeoutFired && mayReceive && clock.millis() - lastReceiveMillis >= timeoutMillis) {
            timeoutFired = true;
            return true;
        }
        return false;
    }
}
