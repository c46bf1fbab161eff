package org.voxgate.media;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * Decides when one session's next outbound frame goes: on the engine's shared 20 ms tick, or,
 * for audio queued after the session has sent fill-in silence for a while (a bot's reply), at once and
 * then every 20 ms from that packet until the queue runs dry, when the session falls back to
 * the shared tick. Without it the first reply frame waits 0-20 ms for the next tick, and that
 * wait is turn latency.
 *
 * <p>RTP stays one continuous stream: each tick of the shared pacer is one 20 ms slot of
 * {@link SendPath} (one packet or one skipped frame, one frame to the recorder tap, timestamp
 * +1 frame). A frame sent early is the next tick's slot sent ahead of time, so the tick that
 * comes after it sends nothing; the session is never more than that one slot ahead. Sequence
 * numbers and timestamps therefore stay contiguous (the reply takes the timestamp of the
 * silence frame it replaces, so a receiver that schedules by timestamp sees no overlap), the
 * marker bit still opens the talkspurt ({@link RtpSender}), the recorder still gets exactly one
 * frame per tick, and a talkspurt is sent at most 20 ms earlier than the tick would have sent
 * it, so a receiver that re-anchors its playout on the talkspurt's first packet (RFC 3551
 * section 4.1) finds every later packet of it on time; one that keeps a fixed
 * timestamp-to-playout mapping across the silence plays the reply where it always would (the
 * silence packets pin that mapping; not sending them would need comfort noise or DTX, which
 * carriers and NAT bindings like less). When the queue is empty at one of the talkspurt's own
 * deadlines (the producer fell behind, or barge-in cleared it) nothing is sent early: the
 * shared tick sends that slot (silence, or audio that arrived meanwhile), so a producer pacing
 * itself in real time gets the tick's margin back rather than a silent frame; and audio after
 * fewer than {@link #MIN_IDLE_TICKS} silent ticks is a late frame, not a new reply, so it waits
 * for the tick and the queue keeps the frame of margin that the miss bought. A reply arrives as
 * a burst (a TTS chunk, a realtime provider's delta); audio that comes one frame at a time
 * ({@link #MIN_START_SAMPLES}) stays on the tick, exactly as without this class.
 *
 * <p>Threading: {@link #audioQueued} and {@link #setStart} may be called from any thread; every
 * other method and both tasks run on the pacer's thread (the executor given here is the one the
 * engine's {@link Pacer} runs on), which owns the send path. Allocation: none per frame on the
 * shared tick; while a talkspurt runs on its own phase, one scheduled task per frame (the
 * executor's timer entry).
 */
final class TalkspurtScheduler {
    private static final long PERIOD_NANOS = Pacer.PERIOD_NANOS;
    /**
     * Silent ticks before queued audio counts as a new reply that may start at once. A shorter
     * gap is a producer that missed its tick (a real-time stream's jitter, a late TTS chunk):
     * starting that early again would give back the tick's margin the miss just bought, and the
     * next late frame would cost another silent frame.
     */
    static final int MIN_IDLE_TICKS = 3;
    /**
     * Queued audio a reply must start with to go at once: more than one frame. A lone frame after
     * silence is a stream paced in real time (an echo, a bridge, a bot streaming 20 ms frames):
     * its next frame is 20 ms away at the same phase, so starting it early only moves the stream
     * to a phase it cannot keep, and the tick's margin against its jitter is lost.
     */
    static final int MIN_START_SAMPLES = 2 * AudioChannel.FRAME_SAMPLES;

    private final ScheduledExecutorService pacer;
    private final LongSupplier nanoTime;
    private final SendPath send;
    private final PlaybackQueue playback;
    private final LongPredicate sendSlot;
    private final AtomicBoolean kickQueued = new AtomicBoolean();
    private final Runnable kickTask = this::onKick;
    private final Runnable phaseTask = this::onPhaseDeadline;
    private volatile PlaybackStart start = PlaybackStart.IMMEDIATE;
    /** The send path's idle flag as last published by the pacer thread, read by producers. */
    private volatile boolean idle = true;
    private volatile long earlyStarts;

    // pacer thread
    private boolean ahead;
    private boolean ownPhase;
    private long nextDeadline;
    private int idleTicks = MIN_IDLE_TICKS; // nothing sent yet counts as a long silence

    /**
     * @param pacer the executor the engine's pacer ticks on, or null when there is none (an
     *     engine not started): then every frame goes on the tick
     * @param sendSlot sends one slot through the send path with the session's current view;
     *     false when the session cannot send at all (not started, closed), in which case no slot
     *     was used
     */
    TalkspurtScheduler(ScheduledExecutorService pacer, LongSupplier nanoTime, SendPath send, PlaybackQueue playback,
            LongPredicate sendSlot) {
        this.pacer = pacer;
        this.nanoTime = nanoTime;
        this.send = send;
        this.playback = playback;
        this.sendSlot = sendSlot;
    }

    /** Chooses whether replies start at once or on the tick; takes effect at the next frame. */
    void setStart(PlaybackStart start) {
        this.start = java.util.Objects.requireNonNull(start, "start");
    }

    PlaybackStart start() {
        return start;
    }

    /** Talkspurts started ahead of the tick (tests, diagnostics). */
    long earlyStarts() {
        return earlyStarts;
    }

    /** Audio was just queued; any thread. Wakes the pacer thread only when the session is idle. */
    void audioQueued() {
        if (pacer != null && start == PlaybackStart.IMMEDIATE && idle && kickQueued.compareAndSet(false, true)) {
            try {
                pacer.execute(kickTask);
            } catch (RejectedExecutionException e) {
                kickQueued.set(false); // the engine is shutting down: the tick (if any) sends it
            }
        }
    }

    /** The shared pacer's tick for this session (already started and not closed). */
    void onTick(long nowNanos) {
        if (ahead) {
            ahead = false; // this slot went out early
        } else {
            sendSlot.test(nowNanos);
            idle = send.idle();
            idleTicks = idle ? Math.min(idleTicks + 1, MIN_IDLE_TICKS) : 0;
        }
        // audio that came while a slot was ahead, or just after this tick found the queue empty
        maybeStart(nowNanos);
    }

    private void onKick() {
        kickQueued.set(false);
        maybeStart(nanoTime.getAsLong());
    }

    /** Sends the next slot now when it opens a talkspurt, and gives the talkspurt its own phase. */
    private void maybeStart(long nowNanos) {
        if (start != PlaybackStart.IMMEDIATE || pacer == null || ahead || ownPhase || !send.idle()
                || idleTicks < MIN_IDLE_TICKS || send.digits().busy() || playback.size() < MIN_START_SAMPLES) {
            return; // a partial frame waits for the tick too (SendPath holds it for a top-up)
        }
        if (!sendSlot.test(nowNanos)) {
            return;
        }
        ahead = true;
        idle = send.idle();
        idleTicks = idle ? idleTicks : 0;
        earlyStarts++; // single writer: the pacer thread
        if (!idle) {
            ownPhase = true;
            nextDeadline = nowNanos + PERIOD_NANOS;
            schedule(PERIOD_NANOS);
        }
    }

    /** One of the talkspurt's own 20 ms deadlines. */
    private void onPhaseDeadline() {
        if (!ownPhase) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (ahead || start != PlaybackStart.IMMEDIATE || playback.size() == 0 || send.digits().busy()) {
            // ahead: the shared tick is late, let it catch up; empty: the tick sends the slot
            ownPhase = false;
            return;
        }
        if (!sendSlot.test(now)) {
            ownPhase = false;
            return;
        }
        ahead = true;
        idle = send.idle();
        idleTicks = idle ? idleTicks : 0;
        nextDeadline += PERIOD_NANOS;
        long delay = nextDeadline - now;
        if (idle || delay < -PERIOD_NANOS) {
            ownPhase = false; // stalled a whole frame: the shared tick's schedule takes over
            return;
        }
        schedule(Math.max(0, delay));
    }

    private void schedule(long delayNanos) {
        try {
            pacer.schedule(phaseTask, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            ownPhase = false; // the engine is shutting its threads down
        }
    }
}
