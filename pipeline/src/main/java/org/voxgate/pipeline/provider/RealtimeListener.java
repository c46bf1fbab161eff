package org.voxgate.pipeline.provider;

/**
 * What a realtime conversation reports. Called on the client's thread, in order;
 * implementations hand off and return at once.
 */
public interface RealtimeListener {
    /** The provider's VAD heard the caller start speaking (barge-in when the model is talking). */
    default void onSpeechStarted() {}

    /** The provider's VAD decided the caller's turn is over. */
    default void onSpeechStopped() {}

    /** The transcript of what the caller said, when the provider gives one. */
    default void onUserTranscript(String text) {}

    /** A new reply begins (its audio follows). */
    default void onResponseStarted() {}

    /** Reply audio, 8 kHz mono PCM; the array is lent for the duration of the call. */
    void onAudio(short[] pcm, int offset, int length);

    /** A piece of the transcript of the model's reply. */
    default void onResponseTranscript(String delta) {}

    /** The model calls a tool; answer with {@link RealtimeStream#sendToolResult}. */
    default void onToolCall(ToolCall call) {}

    /** The reply ended (completed or cancelled); {@code usage} is the provider's count for it. */
    void onResponseDone(boolean cancelled, TokenUsage usage);

    /** The conversation failed for good. */
    void onError(ProviderException error);
}
