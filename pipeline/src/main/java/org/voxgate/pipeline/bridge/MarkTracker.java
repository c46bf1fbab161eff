package org.voxgate.pipeline.bridge;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.voxgate.media.AudioChannel;

/**
 * Twilio's mark semantics over an {@link AudioChannel}: a mark is echoed once every sample the
 * bot sent before it has been played, and {@code clear} drops queued audio and echoes every
 * pending mark at once. Positions are counted in samples handed to {@link AudioChannel#play};
 * what has been played is that count minus what the channel still has queued.
 *
 * <p>Threading: thread-safe (one lock). {@link #play}, {@link #mark} and {@link #clear} come
 * from the socket's handler thread, {@link #poll} from the session's ticker; the echo callback
 * is called under the lock, so echoes leave in mark order. Nothing here blocks.
 */
final class MarkTracker {
    private record Pending(String name, long position) {}

    private static final long SAMPLES_PER_MILLI = AudioChannel.SAMPLE_RATE / 1000;

    private final AudioChannel audio;
    private final Consumer<String> echo;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long queuedSamples;

    MarkTracker(AudioChannel audio, Consumer<String> echo) {
        this.audio = audio;
        this.echo = echo;
    }

    /** Plays bot audio and counts it (the count moves after the channel has the audio, never before). */
    synchronized void play(short[] pcm) {
        audio.play(pcm, 0, pcm.length);
        queuedSamples += pcm.length;
    }

    /** A mark from the bot: echoed now if nothing is queued ahead of it, otherwise later by {@link #poll}. */
    synchronized void mark(String name) {
        pending.add(new Pending(name, queuedSamples));
        poll();
    }

    /** Drops queued audio at once and echoes every pending mark. */
    synchronized void clear() {
        audio.clearPlayback();
        while (!pending.isEmpty()) {
            echo.accept(pending.poll().name());
        }
    }

    /** Echoes the marks whose audio has been played. */
    synchronized void poll() {
        if (pending.isEmpty()) {
            return;
        }
        long played = queuedSamples - audio.queuedPlaybackMillis() * SAMPLES_PER_MILLI;
        while (!pending.isEmpty() && pending.peek().position() <= played) {
            echo.accept(pending.poll().name());
        }
    }

    synchronized int pendingMarks() {
        return pending.size();
    }
}
