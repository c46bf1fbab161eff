package org.voxgate.pipeline.cascade;

import org.voxgate.pipeline.telemetry.TurnObserver;

/**
 * Watches the caller wait for the bot: from the end of their speech until the bot's first audio
 * (or until they speak again, or the reply ends without a sound). A wait longer than the bot's
 * dead-air limit is reported, with its whole length, when it ends.
 *
 * <p>Threading: not thread-safe; owned by the call's engine.
 */
final class DeadAirWatch {
    private final TurnObserver observer;
    private final long limitMs;
    private long since = -1;

    DeadAirWatch(TurnObserver observer, long limitMs) {
        this.observer = observer;
        this.limitMs = limitMs;
    }

    /** The caller starts waiting at {@code nanos} (the end of their speech). */
    void start(long nanos) {
        since = nanos;
    }

    /** The wait (if any) ended at {@code nanos}. */
    void end(long nanos) {
        if (since >= 0) {
            long silentMs = (nanos - since) / 1_000_000L;
            since = -1;
            if (silentMs > limitMs) {
                observer.deadAir(silentMs, nanos);
            }
        }
    }

    /** Forgets the wait without reporting (nothing was asked after all). */
    void cancel() {
        since = -1;
    }
}
