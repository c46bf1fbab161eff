package org.voxgate.media.audiosocket;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.dtmf.DtmfTones;

/**
 * The outbound half of an AudioSocket channel: audio queued by {@link #play} leaves as one
 * {@link AudioSocketFrame#AUDIO} frame of 160 samples every 20 ms, because Asterisk writes
 * what it receives to the channel at once and plays a burst too fast (or drops it). Deadlines
 * are absolute ({@code start + n * 20 ms}), so sleep jitter does not accumulate; when the queue
 * runs dry the timeline restarts with the next audio. DTMF digits are sent in-band (dual tones
 * from {@link DtmfTones}) ahead of queued audio: AudioSocket has no outbound DTMF message that
 * every Asterisk version accepts.
 *
 * <p>Threading: {@link #play}, {@link #clear}, {@link #queueDtmf} and {@link #queuedMillis}
 * may be called from any thread (one lock); frames are written only by the pacer's own virtual
 * thread, started by {@link #start} and ended by {@link #stop} or a failed write.
 */
final class PlaybackPacer {
    /** What the pacer writes frames to; a failure ends the pacer. */
    interface FrameSink {
        void send(AudioSocketFrame frame) throws IOException;
    }

    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int GAP_MILLIS = 50;
    private static final int FRAME = AudioChannel.FRAME_SAMPLES;

    private final FrameSink sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<short[]> frames = new ArrayDeque<>();
    private final ArrayDeque<short[]> digitFrames = new ArrayDeque<>();
    private final short[] partial = new short[FRAME];
    private final DtmfTones tones = new DtmfTones(AudioChannel.SAMPLE_RATE);
    private int partialLength;
    private long queuedSamples;
    private boolean stopped;
    private Thread thread;

    PlaybackPacer(FrameSink sink) {
        this.sink = sink;
    }

    void start(String name) {
        thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Copies and queues samples, cut into 20 ms frames; a tail shorter than a frame waits for more or for a dry queue. */
    void play(short[] pcm, int offset, int length) {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            int i = 0;
            while (i < length) {
                int n = Math.min(FRAME - partialLength, length - i);
                System.arraycopy(pcm, offset + i, partial, partialLength, n);
                partialLength += n;
                i += n;
                if (partialLength == FRAME) {
                    frames.add(partial.clone());
                    partialLength = 0;
                }
            }
            queuedSamples += length;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Queues one digit's tone (held {@code millis}) and a short gap, ahead of queued audio. */
    void queueDtmf(char digit, int millis) {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            tones.start(digit);
            for (int held = 0; held < millis; held += 20) {
                short[] frame = new short[FRAME];
                tones.fill(frame, 0, FRAME);
                digitFrames.add(frame);
            }
            for (int gap = 0; gap < GAP_MILLIS; gap += 20) {
                digitFrames.add(new short[FRAME]);
            }
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Drops every queued audio sample (digits already queued still go out). */
    void clear() {
        lock.lock();
        try {
            frames.clear();
            partialLength = 0;
            queuedSamples = 0;
        } finally {
            lock.unlock();
        }
    }

    long queuedMillis() {
        lock.lock();
        try {
            return queuedSamples * 1000 / AudioChannel.SAMPLE_RATE;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the pacer; queued audio is dropped. Idempotent. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            frames.clear();
            digitFrames.clear();
            partialLength = 0;
            queuedSamples = 0;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            long deadline = 0;
            boolean flowing = false;
            while (true) {
                short[] next;
                lock.lock();
                try {
                    while (!stopped && frames.isEmpty() && digitFrames.isEmpty() && partialLength == 0) {
                        flowing = false;
                        work.await();
                    }
                    if (stopped) {
                        return;
                    }
                    next = take();
                } finally {
                    lock.unlock();
                }
                long now = System.nanoTime();
                if (!flowing) {
                    deadline = now; // a fresh timeline: the first frame goes at once
                    flowing = true;
                }
                if (deadline > now) {
                    TimeUnit.NANOSECONDS.sleep(deadline - now);
                }
                sink.send(AudioSocketFrame.audio(next, 0, next.length));
                deadline += FRAME_NANOS;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            stop(); // the connection is gone; its reader reports the close
        }
    }

    /** Under the lock: digits first, then whole frames, then a dry queue's tail. */
    private short[] take() {
        if (!digitFrames.isEmpty()) {
            return digitFrames.poll();
        }
        short[] frame;
        if (!frames.isEmpty()) {
            frame = frames.poll();
        } else {
            frame = java.util.Arrays.copyOf(partial, partialLength);
            partialLength = 0;
        }
        queuedSamples = Math.max(0, queuedSamples - frame.length);
        return frame;
    }
}
