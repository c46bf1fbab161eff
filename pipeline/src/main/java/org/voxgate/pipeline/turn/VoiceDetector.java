package org.voxgate.pipeline.turn;

/**
 * Says whether a 20 ms frame of 8 kHz caller audio holds speech.
 *
 * <p>Threading: one instance per call, used by that call's engine only. Frames are read, never kept.
 */
public interface VoiceDetector extends AutoCloseable {
    boolean isSpeech(short[] frame);

    /** Frees native state; idempotent. */
    @Override
    default void close() {}
}
