package org.voxgate.pipeline.provider;

/**
 * One call's audio going to a speech-to-text provider.
 *
 * <p>Threading: {@link #sendAudio} is called from one thread (the call's pipeline); the other
 * methods from any thread. Nothing blocks. Ownership: {@code sendAudio} copies what it needs.
 */
public interface SttStream extends AutoCloseable {
    /** Sends caller audio: 8 kHz mono PCM. */
    void sendAudio(short[] pcm, int offset, int length);

    /**
     * The pipeline decided the caller's turn is over (local endpointing): asks the provider to
     * finalize what it holds now (Deepgram {@code Finalize}). Its final result follows.
     */
    void finalizeTurn();

    /** Ends the stream gracefully; the provider's last results may still arrive. Idempotent. */
    @Override
    void close();
}
