package org.voxgate.media.audio;

import io.github.givimad.libfvadjni.VoiceActivityDetector.Mode;
import io.github.givimad.libfvadjni.VoiceActivityDetector.SampleRate;
import java.io.IOException;

/**
 * WebRTC voice activity detector (libfvad through libfvad-jni): says, per 10, 20 or 30 ms
 * frame of 8 or 16 kHz PCM, whether it holds speech.
 *
 * <p>Threading: not thread-safe; one instance per audio stream, used by one thread at a
 * time. Ownership: the instance owns native state, freed by {@link #close()}; frames passed
 * to {@link #isSpeech} are read and never kept.
 */
public final class VoiceActivityDetector implements AutoCloseable {
    private final int sampleRate;
    private final Mode mode;
    private final io.github.givimad.libfvadjni.VoiceActivityDetector vad;
    /** Used only when a frame does not start at index 0, because the native call takes none. */
    private final short[] scratch;
    private boolean closed;

    /**
     * @param aggressiveness 0 (least aggressive, most speech) to 3 (most aggressive)
     * @param sampleRate 8000 or 16000
     * @throws IllegalArgumentException on an unsupported mode or rate
     * @throws IllegalStateException if the native library cannot be loaded or initialised;
     *     the message names what failed
     */
    public VoiceActivityDetector(int aggressiveness, int sampleRate) {
        if (aggressiveness < 0 || aggressiveness > 3) {
            throw new IllegalArgumentException("VAD aggressiveness must be 0-3, was " + aggressiveness);
        }
        if (sampleRate != 8000 && sampleRate != 16000) {
            throw new IllegalArgumentException("VAD sample rate must be 8000 or 16000, was " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.mode = Mode.values()[aggressiveness];
        this.scratch = new short[sampleRate * 30 / 1000];
        try {
            io.github.givimad.libfvadjni.VoiceActivityDetector.loadLibrary();
            this.vad = io.github.givimad.libfvadjni.VoiceActivityDetector.newInstance();
        } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("WebRTC VAD unavailable: the libfvad-jni native library"
                    + " (bundled in io.github.givimad:libfvad-jni) failed to load or initialise: " + e, e);
        }
        try {
            configure();
        } catch (RuntimeException e) {
            vad.close();
            throw e;
        }
    }

    /** Samples per frame of {@code millis} (10, 20 or 30) at this detector's rate. */
    public int frameSamples(int millis) {
        return sampleRate * millis / 1000;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /**
     * @param length 10, 20 or 30 ms worth of samples at {@link #sampleRate()}
     * @return whether the frame is speech
     * @throws IllegalArgumentException on any other frame length
     */
    public boolean isSpeech(short[] frame, int offset, int length) {
        ensureOpen();
        if (length != frameSamples(10) && length != frameSamples(20) && length != frameSamples(30)) {
            throw new IllegalArgumentException("VAD frame must be 10, 20 or 30 ms ("
                    + frameSamples(10) + "/" + frameSamples(20) + "/" + frameSamples(30)
                    + " samples at " + sampleRate + " Hz), was " + length);
        }
        short[] source = frame;
        if (offset != 0) {
            System.arraycopy(frame, offset, scratch, 0, length);
            source = scratch;
        }
        try {
            return vad.process(source, length);
        } catch (IOException e) {
            throw new IllegalStateException("WebRTC VAD process failed: " + e.getMessage(), e);
        }
    }

    /** Forgets the detector's adaptive state (for example at a new utterance or stream). */
    public void reset() {
        ensureOpen();
        try {
            vad.reset();
        } catch (IOException e) {
            throw new IllegalStateException("WebRTC VAD reset failed: " + e.getMessage(), e);
        }
        // libfvad's reset also forgets mode and rate.
        configure();
    }

    /** Frees the native state; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            vad.close();
        }
    }

    private void configure() {
        try {
            if (!vad.setMode(mode)) {
                throw new IllegalStateException("WebRTC VAD rejected mode " + mode);
            }
            if (!vad.setSampleRate(SampleRate.fromValue(sampleRate))) {
                throw new IllegalStateException("WebRTC VAD rejected sample rate " + sampleRate);
            }
        } catch (IOException e) {
            throw new IllegalStateException("WebRTC VAD configuration failed: " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("VoiceActivityDetector is closed");
        }
    }
}
