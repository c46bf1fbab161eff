package org.voxgate.media.recording;

/**
 * Lines the caller's frames (left) up with the bot's (right) by frame index and emits
 * interleaved stereo frames in order.
 *
 * <p>The bot side is the clock: one frame per pacer tick, so its n-th frame has index n
 * (plus any padding below). Each caller frame carries the number of bot frames tapped when it
 * arrived; the frame it should sit beside is that tick less one (it was received during the
 * tick before). The caller keeps its own counter and is re-synchronised only when it strays
 * more than {@code window} frames from where it should be: a caller that fell behind (lost
 * packets, no RTP yet, a gap a jitter buffer did not fill) jumps forward and the skipped
 * frames stay silent; a caller that ran ahead (a burst, a faster sender clock) makes the bot
 * side jump forward instead. Either way the lagging side is padded with silence and drift
 * between the two never accumulates beyond the window.
 *
 * <p>Frames wait in a ring of {@code depth} stereo frames until both sides have passed them,
 * or until the ring is full (one side silent for a long time), then go out in order; a frame
 * for an index already emitted is counted as late and dropped.
 *
 * <p>Threading: not thread-safe; owned by the recording's writer thread. Allocates nothing
 * after construction. Buffer ownership: frames passed in are copied; the array given to the
 * {@link Output} is the ring itself, valid only during the call.
 */
final class FrameAligner {
    static final int FRAME = 160;
    private static final int STEREO_FRAME = 2 * FRAME;

    /** Where stereo frames go, in index order. */
    interface Output {
        /** {@code 2 * 160} interleaved samples (left, right, left, ...) from {@code offset}. */
        void stereoFrame(short[] interleaved, int offset);
    }

    private final int window;
    private final int depth;
    private final short[] ring;
    private final Output output;
    private long emitted;       // index of the next frame to emit
    private long callerNext;
    private long botNext;
    private long botFrames;     // bot frames received, without padding
    private boolean callerSeen;
    private long callerPadded;
    private long botPadded;
    private long late;

    FrameAligner(int window, int depth, Output output) {
        if (window < 1 || depth <= 2 * window) {
            throw new IllegalArgumentException("need window >= 1 and depth > 2 * window");
        }
        this.window = window;
        this.depth = depth;
        this.ring = new short[depth * STEREO_FRAME];
        this.output = output;
    }

    /** One frame of what was sent in the next tick. */
    void bot(short[] frame) {
        place(botNext, 1, frame);
        botNext++;
        botFrames++;
        emitWhereBothPassed();
    }

    /**
     * One caller frame.
     *
     * @param botFramesAtArrival how many bot frames had been tapped when it arrived
     */
    void caller(short[] frame, long botFramesAtArrival) {
        long expected = Math.max(0, botFramesAtArrival - 1) + (botNext - botFrames);
        if (!callerSeen || callerNext < expected - window) {
            callerPadded += Math.max(0, expected - callerNext);
            callerNext = Math.max(callerNext, expected);
            callerSeen = true;
        } else if (callerNext > expected + window) {
            long ahead = callerNext - expected;
            botNext += ahead;
            botPadded += ahead;
        }
        place(callerNext, 0, frame);
        callerNext++;
        emitWhereBothPassed();
    }

    /** Emits everything still held, up to the furthest side; for the end of the recording. */
    void finish() {
        long end = Math.max(callerNext, botNext);
        while (emitted < end) {
            emitOldest();
        }
    }

    /** Silent frames inserted on the caller side to catch up with the clock. */
    long callerPadded() { return callerPadded; }

    /** Silent frames inserted on the bot side because the caller ran ahead. */
    long botPadded() { return botPadded; }

    /** Frames dropped because their place had already been written out. */
    long late() { return late; }

    /** Stereo frames emitted so far. */
    long emitted() { return emitted; }

    private void place(long index, int channel, short[] frame) {
        if (index < emitted) {
            late++;
            return;
        }
        while (index >= emitted + depth) {
            emitOldest();
        }
        int base = (int) (index % depth) * STEREO_FRAME + channel;
        for (int i = 0; i < FRAME; i++) {
            ring[base + 2 * i] = frame[i];
        }
    }

    private void emitWhereBothPassed() {
        long both = Math.min(callerNext, botNext);
        while (emitted < both) {
            emitOldest();
        }
    }

    private void emitOldest() {
        int offset = (int) (emitted % depth) * STEREO_FRAME;
        output.stereoFrame(ring, offset);
        java.util.Arrays.fill(ring, offset, offset + STEREO_FRAME, (short) 0);
        emitted++;
    }
}
