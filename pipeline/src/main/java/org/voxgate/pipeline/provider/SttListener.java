package org.voxgate.pipeline.provider;

/**
 * What a speech-to-text stream reports. Called on the client's thread, one event at a time;
 * implementations hand off and return at once.
 */
public interface SttListener {
    /** The provider's own voice-activity detector heard speech start (Deepgram {@code SpeechStarted}). */
    default void onSpeechStarted() {}

    /**
     * A piece of transcript. Interim results ({@code isFinal} false) may still change; a final
     * one covers a locked segment and is appended to the turn.
     */
    void onTranscript(String text, boolean isFinal);

    /** The provider says the caller's turn is over (Deepgram {@code speech_final} or {@code UtteranceEnd}). */
    default void onEndOfTurn() {}

    /** Audio the provider has billed so far, in seconds, from its own count where it reports one. */
    default void onUsage(double audioSeconds) {}

    /** The stream failed for good (after the client's own retries); a failover chain moves on. */
    void onError(ProviderException error);
}
