package org.voxgate.pipeline.provider;

/**
 * A streaming chat language model (OpenAI Chat Completions, Anthropic Messages, ...),
 * configured once and shared by every call.
 *
 * <p>Threading: thread-safe; {@link #stream} returns at once.
 */
public interface LanguageModel {
    /** Vendor name, e.g. {@code openai}; the metrics and cost tag. */
    String vendor();

    /** Model id, e.g. {@code gpt-4o-mini}; the pricing key. */
    String model();

    /**
     * Starts one completion. Text and tool calls stream to {@code listener}; exactly one of
     * {@link LlmListener#onComplete} or {@link LlmListener#onError} ends it, unless it is
     * cancelled first (then neither is called).
     */
    Cancellable stream(LlmRequest request, LlmListener listener);
}
