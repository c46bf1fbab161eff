package org.voxgate.pipeline.provider;

/**
 * What a streaming completion delivers. Called on the client's thread, in order; implementations
 * hand off and return at once.
 */
public interface LlmListener {
    /** A piece of the reply's text. */
    void onText(String delta);

    /** A complete tool call (arguments fully assembled). */
    default void onToolCall(ToolCall call) {}

    /** The completion ended normally; {@code usage} is the provider's own count (may be {@link TokenUsage#NONE}). */
    void onComplete(StopReason reason, TokenUsage usage);

    /** The completion failed; a failover chain moves on. */
    void onError(ProviderException error);

    /** Why a completion stopped. */
    enum StopReason { END_OF_TURN, TOOL_CALLS, MAX_TOKENS, CONTENT_FILTER, OTHER }
}
