package org.voxgate.pipeline.provider;

import java.util.List;

/** One message of a conversation with a language model. Immutable. */
public sealed interface ChatMessage {
    /** What the caller said. */
    record User(String text) implements ChatMessage {}

    /** What the model answered: text (may be empty) and the tools it called (may be empty). */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            text = text == null ? "" : text;
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }

    /** The result of one tool call, fed back to the model. */
    record ToolResult(String callId, String name, String content) implements ChatMessage {}
}
