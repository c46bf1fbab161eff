package org.voxgate.media;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one 20 ms clock for every session of an engine: a single self-rescheduling task, so a
 * thousand calls cost one timer, not a thousand. Deadlines come from {@link PacerSchedule}
 * on a monotonic nanosecond source, so the tick does not drift.
 *
 * <p>Threading: {@link #start} and {@link #stop} may be called from any thread; the tick runs
 * on the given executor's thread (an event loop of the engine).
 */
final class Pacer implements Runnable {
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Beyond five missed ticks, skipping ahead beats sending a burst the far end would drop. */
    private static final long MAX_LAG_NANOS = 5 * PERIOD_NANOS;
    private static final Logger LOG = LoggerFactory.getLogger(Pacer.class);

    /** The work done on each tick. */
    interface Tick {
        void onTick(long nowNanos);
    }

    private final ScheduledExecutorService executor;
    private final LongSupplier nanoTime;
    private final Tick tick;
    private volatile boolean running;
    private PacerSchedule schedule;

    Pacer(ScheduledExecutorService executor, LongSupplier nanoTime, Tick tick) {
        this.executor = executor;
        this.nanoTime = nanoTime;
        this.tick = tick;
    }

    void start() {
        // written here, read on the executor thread: execute() orders the two
        schedule = new PacerSchedule(PERIOD_NANOS, MAX_LAG_NANOS, nanoTime.getAsLong());
        running = true;
        executor.execute(this);
    }

    void stop() {
        running = false;
    }

    /** The thread every tick runs on: per-session send work done elsewhere must run here too. */
    ScheduledExecutorService executor() {
        return executor;
    }

    boolean running() {
        return running;
    }

    @Override
    public void run() {
        if (!running) {
            return;
        }
        try {
            tick.onTick(nanoTime.getAsLong());
        } catch (RuntimeException | Error e) {
            // one bad tick must not stop the clock every call depends on
            LOG.error("pacer tick failed", e);
        }
        if (running) {
            long delay = schedule.delayAfterTick(nanoTime.getAsLong());
            try {
                executor.schedule(this, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                running = false; // the engine is shutting its threads down
            }
        }
    }
}
