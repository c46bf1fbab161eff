package org.voxgate.media;

/**
 * Drift-free timing for a fixed-period tick: every deadline is derived from the origin and
 * the tick count, never from "now + period", so scheduling jitter does not accumulate. After
 * a stall longer than {@code maxLagNanos} (a GC pause, a suspended VM) the schedule restarts
 * from now instead of firing a burst of catch-up ticks, which would send a burst of packets.
 *
 * <p>Threading: not thread-safe; used by the single pacer thread.
 */
final class PacerSchedule {
    private final long periodNanos;
    private final long maxLagNanos;
    private long originNanos;
    private long ticks;
    private long resyncs;

    PacerSchedule(long periodNanos, long maxLagNanos, long originNanos) {
        this.periodNanos = periodNanos;
        this.maxLagNanos = maxLagNanos;
        this.originNanos = originNanos;
    }

    /** Records that a tick ran and returns how long to wait (never negative) before the next. */
    long delayAfterTick(long nowNanos) {
        ticks++;
        long delay = originNanos + ticks * periodNanos - nowNanos;
        if (delay < -maxLagNanos) {
            resyncs++;
            originNanos = nowNanos;
            ticks = 0;
            return 0;
        }
        return Math.max(0, delay);
    }

    /** Times the schedule gave up catching up after a stall. */
    long resyncs() {
        return resyncs;
    }
}
