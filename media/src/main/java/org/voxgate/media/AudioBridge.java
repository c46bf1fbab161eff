package org.voxgate.media;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Joins two calls' audio: what one side says is played to the other, both ways, so that a
 * caller and a human operator talk through Voxgate once a bot has handed the call over.
 * DTMF is not relayed (each side's digits stay with its own call).
 *
 * <p>Latency stays bounded: each side's pacer sends one frame per 20 ms on its own clock,
 * and the two clocks drift. When more than {@link #MAX_QUEUED_MILLIS} of audio waits for one
 * side, the incoming frame is dropped rather than queued, so the delay never grows.
 *
 * <p>Both channels are switched to {@link InboundPlayout#PACED} playout and
 * {@link PlaybackStart#ON_TICK} on {@link #open} and stay so (a bridged call does not go back to
 * a bot).
 *
 * <p>Threading: {@link #open} and {@link #close} may be called from any thread; the relays
 * run on the media I/O threads and only copy into the other side's playback queue.
 * Ownership: the bridge owns neither channel; closing it only detaches its listeners.
 */
public final class AudioBridge implements AutoCloseable {
    /** Three frames: enough to ride out pacer phase and drift, little enough to go unheard. */
    static final long MAX_QUEUED_MILLIS = 60;

    private final AudioChannel a;
    private final AudioChannel b;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    private AudioBridge(AudioChannel a, AudioChannel b) {
        this.a = a;
        this.b = b;
    }

    /**
     * Clears whatever either side still had queued (a bot's prompt, hold music) and starts
     * relaying. Replaces any inbound listener either channel had.
     */
    public static AudioBridge open(AudioChannel a, AudioChannel b) {
        if (a == b) {
            throw new IllegalArgumentException("cannot bridge a channel to itself");
        }
        AudioBridge bridge = new AudioBridge(a, b);
        a.clearPlayback();
        b.clearPlayback();
        // people hear each other now: their audio keeps the jitter buffer's smooth timing (and the
        // relay's bound on queued audio then is not eaten up by network bursts)
        a.setInboundPlayout(InboundPlayout.PACED);
        b.setInboundPlayout(InboundPlayout.PACED);
        // each side's audio now comes one frame per tick from the other's paced playout: started
        // early, a talkspurt's own 20 ms phase would race those frames
        a.setPlaybackStart(PlaybackStart.ON_TICK);
        b.setPlaybackStart(PlaybackStart.ON_TICK);
        a.setInboundListener(frame -> bridge.relay(frame, b));
        b.setInboundListener(frame -> bridge.relay(frame, a));
        return bridge;
    }

    private void relay(short[] frame, AudioChannel to) {
        if (closed.get()) {
            return;
        }
        if (to.queuedPlaybackMillis() > MAX_QUEUED_MILLIS) {
            dropped.incrementAndGet();
            return;
        }
        to.play(frame, 0, frame.length);
    }

    /** Frames dropped to keep the delay bounded, both directions together. */
    public long droppedFrames() {
        return dropped.get();
    }

    /** Stops relaying and detaches from both channels. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            a.setInboundListener(null);
            b.setInboundListener(null);
        }
    }
}
