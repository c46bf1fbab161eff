package org.voxgate.pipeline.provider;

/**
 * One call's text going to a text-to-speech provider, clause by clause as the language model
 * writes it.
 *
 * <p>Threading: any thread; nothing blocks.
 */
public interface TtsStream extends AutoCloseable {
    /** Adds text to synthesize (a clause or a sentence; ends with a space where it matters). */
    void speak(String text);

    /** The reply is complete: synthesize everything given so far. {@link TtsListener#onFlushed} follows. */
    void flush();

    /**
     * Barge-in: drops the text and audio not yet delivered. Audio that still arrives for text
     * given before this call is discarded by the client, never passed to the listener.
     */
    void clear();

    /** Ends the stream. Idempotent. */
    @Override
    void close();
}
