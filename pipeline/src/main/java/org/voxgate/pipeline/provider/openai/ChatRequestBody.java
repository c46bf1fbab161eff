package org.voxgate.pipeline.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.voxgate.pipeline.provider.ChatMessage;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

/**
 * The JSON body of a streaming Chat Completions request (PROTOCOLS.md section 4). Stateless.
 */
final class ChatRequestBody {
    private ChatRequestBody() {}

    /**
     * @throws IllegalArgumentException a tool's parameter schema is not JSON
     */
    static ObjectNode of(ObjectMapper json, String model, LlmRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        if (!request.system().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ChatMessage message : request.messages()) {
            add(messages, message);
        }
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description());
                function.set("parameters", schema(json, tool));
            }
        }
        body.put("max_completion_tokens", request.maxTokens());
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        return body;
    }

    private static void add(ArrayNode messages, ChatMessage message) {
        switch (message) {
            case ChatMessage.User user -> messages.addObject().put("role", "user").put("content", user.text());
            case ChatMessage.Assistant assistant -> {
                ObjectNode node = messages.addObject().put("role", "assistant");
                // the API wants content null, not "", on a message that only calls tools
                if (assistant.text().isEmpty() && !assistant.toolCalls().isEmpty()) {
                    node.putNull("content");
                } else {
                    node.put("content", assistant.text());
                }
                if (!assistant.toolCalls().isEmpty()) {
                    ArrayNode calls = node.putArray("tool_calls");
                    for (ToolCall call : assistant.toolCalls()) {
                        calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                                .put("name", call.name()).put("arguments", call.argumentsJson());
                    }
                }
            }
            case ChatMessage.ToolResult result -> messages.addObject().put("role", "tool")
                    .put("tool_call_id", result.callId()).put("content", result.content());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode schema(ObjectMapper json, ToolSpec tool) {
        try {
            return json.readTree(tool.parametersSchema());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tool " + tool.name() + ": parameters schema is not JSON", e);
        }
    }
}
