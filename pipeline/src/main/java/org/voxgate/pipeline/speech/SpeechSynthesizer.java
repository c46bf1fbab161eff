package org.voxgate.pipeline.speech;

/**
 * Turns text into telephone audio.
 *
 * <p>Threading: implementations are thread-safe and may be shared by every call; a call
 * blocks its thread (a virtual thread, typically) while audio is rendered.
 */
public interface SpeechSynthesizer {
    /**
     * @return 8 kHz mono 16-bit PCM of {@code text} spoken; a new array owned by the caller
     * @throws SpeechException if the engine is missing, fails or times out
     */
    short[] synthesize(String text);
}
