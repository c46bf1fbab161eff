package org.voxgate.pipeline.provider;

import java.util.List;

/**
 * How one realtime conversation is set up. Immutable.
 *
 * @param instructions the system prompt
 * @param voice the provider's voice name (empty for its default)
 * @param tools functions the model may call
 * @param temperature sampling temperature, or {@code null} for the default
 * @param silenceMillis the provider's server VAD silence window that ends the caller's turn
 * @param greeting text the model says first (empty: wait for the caller)
 */
public record RealtimeSession(String instructions, String voice, List<ToolSpec> tools, Double temperature,
        int silenceMillis, String greeting) {
    public RealtimeSession {
        instructions = instructions == null ? "" : instructions;
        voice = voice == null ? "" : voice;
        tools = tools == null ? List.of() : List.copyOf(tools);
        greeting = greeting == null ? "" : greeting;
    }
}
