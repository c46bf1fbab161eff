package org.voxgate.pipeline.cascade;

import org.voxgate.media.AudioChannel;

/**
 * The synthesized audio of the reply being spoken, kept by the engine so the bot can pause at a
 * barge-in and resume exactly where it stopped after a false alarm (the channel's queue is
 * cleared at the pause; the rest is played again from here). Reused from reply to reply; grows
 * by doubling, so steady state allocates nothing.
 *
 * <p>Threading: not thread-safe; owned by the call's engine.
 */
final class ReplyAudio {
    private static final int SAMPLES_PER_MS = AudioChannel.SAMPLE_RATE / 1000;

    private short[] samples = new short[AudioChannel.SAMPLE_RATE * 4];
    private int length;
    /** Samples handed to the channel (the ones before it were played or are queued there). */
    private int sent;
    private boolean paused;

    void reset() {
        length = 0;
        sent = 0;
        paused = false;
    }

    /** Adds audio from text-to-speech and, unless paused, hands it to the channel. */
    void append(short[] pcm, AudioChannel channel) {
        if (length + pcm.length > samples.length) {
            int capacity = samples.length;
            while (capacity < length + pcm.length) {
                capacity *= 2;
            }
            samples = java.util.Arrays.copyOf(samples, capacity);
        }
        System.arraycopy(pcm, 0, samples, length, pcm.length);
        length += pcm.length;
        if (!paused) {
            feed(channel);
        }
    }

    /** Stops the caller hearing the bot within a frame: what the channel still queued is taken back. */
    void pause(AudioChannel channel) {
        if (paused) {
            return;
        }
        sent = played(channel);
        paused = true;
        channel.clearPlayback();
    }

    /** Carries on from the first sample the caller did not hear. */
    void resume(AudioChannel channel) {
        paused = false;
        feed(channel);
    }

    /** Samples the caller has heard (handed over minus what the channel still queues). */
    int played(AudioChannel channel) {
        if (paused) {
            return sent;
        }
        long queued = channel.queuedPlaybackMillis() * SAMPLES_PER_MS;
        return (int) Math.max(0, sent - queued);
    }

    boolean paused() {
        return paused;
    }

    /** True when every sample received so far has gone to the channel. */
    boolean allSent() {
        return !paused && sent == length;
    }

    boolean any() {
        return length > 0;
    }

    int length() {
        return length;
    }

    private void feed(AudioChannel channel) {
        if (sent < length) {
            channel.play(samples, sent, length - sent);
            sent = length;
        }
    }
}
