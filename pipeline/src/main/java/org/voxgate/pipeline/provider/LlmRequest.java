package org.voxgate.pipeline.provider;

import java.util.List;
import java.util.Objects;

/**
 * One completion request: the system prompt, the conversation so far and the tools the model
 * may call. Immutable.
 *
 * @param system the system prompt (empty for none)
 * @param messages the conversation, oldest first
 * @param tools the functions the model may call (empty for none)
 * @param temperature sampling temperature, or {@code null} for the provider's default
 * @param maxTokens the output token limit (positive)
 */
public record LlmRequest(String system, List<ChatMessage> messages, List<ToolSpec> tools,
        Double temperature, int maxTokens) {
    public LlmRequest {
        system = system == null ? "" : system;
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
    }
}
