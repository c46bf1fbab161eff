package org.voxgate.pipeline.provider;

/**
 * What a text-to-speech stream delivers. Called on the client's thread; implementations hand
 * off and return at once.
 */
public interface TtsListener {
    /**
     * Synthesized audio, 8 kHz mono PCM. The array is lent for the duration of the call:
     * copy what you keep.
     */
    void onAudio(short[] pcm, int offset, int length);

    /** Everything given before the last {@link TtsStream#flush} has been delivered. */
    void onFlushed();

    /** Characters the provider was given to synthesize (the billing unit), counted by the client. */
    default void onUsage(long characters) {}

    /** The stream failed for good; a failover chain moves on. */
    void onError(ProviderException error);
}
