package org.voxgate.pipeline.speech;

import java.util.List;

/**
 * Turns one caller utterance into text, constrained to the phrases the dialogue expects at
 * that point (a grammar makes small offline models usable on the phone).
 *
 * <p>Threading: not thread-safe. One instance belongs to one call and is used by that
 * call's session thread only. Ownership: the instance may hold native decoder state, freed
 * by {@link #close()}.
 */
public interface SpeechRecognizer extends AutoCloseable {
    /**
     * @param pcm 8 kHz mono 16-bit samples; read only during the call
     * @param expectedPhrases what the caller may say here (lower case words)
     * @return the recognised words, lower case, or an empty string if nothing was recognised
     * @throws SpeechException if the engine fails
     */
    String recognize(short[] pcm, int offset, int length, List<String> expectedPhrases);

    /** Frees the engine's resources; idempotent. */
    @Override
    void close();
}
