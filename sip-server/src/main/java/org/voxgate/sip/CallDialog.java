package org.voxgate.sip;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.address.Hop;

/**
 * The in-dialog state of one call beside {@link SipCall}'s life cycle: the offer/answer
 * exchange in progress (to answer glare with 491), whether the caller accepts UPDATE, where
 * in-dialog requests go ({@link CallFlow}), and the call's session timer.
 *
 * <p>Threading: every field is guarded by this object's lock; timer tasks are handed to the
 * SIP workers and never run SIP work on the timer thread.
 */
final class CallDialog {
    /** Which side's offer is waiting for an answer, if any (RFC 3261 14, RFC 3311 5.2). */
    enum Offer { NONE, OURS, THEIRS, THEIRS_LATE }

    private final Hop flow;
    private final boolean peerAllowsUpdate;
    private Offer offer = Offer.NONE;
    private SessionTimerPolicy.Timer timer;
    private boolean weRefresh;
    private ScheduledFuture<?> timerTask;
    private boolean ended;

    CallDialog(Hop flow, boolean peerAllowsUpdate) {
        this.flow = flow;
        this.peerAllowsUpdate = peerAllowsUpdate;
    }

    /** Where in-dialog requests go instead of the Contact, or null (see {@link CallFlow}). */
    Hop flow() { return flow; }

    /** Whether the caller listed UPDATE in Allow: then refreshes use UPDATE, else re-INVITE. */
    boolean peerAllowsUpdate() { return peerAllowsUpdate; }

    /**
     * Starts an offer/answer exchange; false when another is in progress (the caller of this
     * method then answers 491 Request Pending, or retries later for our own offers).
     */
    synchronized boolean beginOffer(Offer who) {
        if (offer != Offer.NONE) {
            return false;
        }
        offer = who;
        return true;
    }

    /** Ends the exchange in progress if it is {@code who}'s. */
    synchronized void endOffer(Offer who) {
        if (offer == who) {
            offer = Offer.NONE;
        }
    }

    synchronized Offer offer() { return offer; }

    /** The session timer now in force, or null. */
    synchronized SessionTimerPolicy.Timer timer() { return timer; }

    /** Whether we are the refresher of the running timer. */
    synchronized boolean weRefresh() { return weRefresh; }

    /**
     * (Re)starts the session timer after a successful refresh or the initial answer: the
     * refresher refreshes at half the interval, the other side gives up before it runs out.
     * A null timer stops it.
     */
    synchronized void restartTimer(SessionTimerPolicy.Timer next, boolean weAreRefresher, SipContext sip,
            Runnable refresh, Runnable expire) {
        cancelTimer();
        if (ended || next == null) {
            timer = null;
            return;
        }
        timer = next;
        weRefresh = weAreRefresher;
        long delay = weAreRefresher ? SessionTimerPolicy.refreshDelayMillis(next.interval())
                : SessionTimerPolicy.expiryDelayMillis(next.interval());
        Runnable task = weAreRefresher ? refresh : expire;
        timerTask = sip.timers.schedule(() -> sip.workers.execute(task), delay, TimeUnit.MILLISECONDS);
    }

    /** Stops the timer for good (the call ended). */
    synchronized void close() {
        ended = true;
        cancelTimer();
    }

    private void cancelTimer() {
        if (timerTask != null) {
            timerTask.cancel(false);
            timerTask = null;
        }
    }
}
