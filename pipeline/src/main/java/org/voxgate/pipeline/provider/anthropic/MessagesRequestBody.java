package org.voxgate.pipeline.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.voxgate.pipeline.provider.ChatMessage;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

/**
 * The JSON body of a streaming Messages request (PROTOCOLS.md section 7). The API wants user
 * and assistant turns to alternate, so consecutive messages of one role (several tool
 * results, or tool results followed by what the caller said next) become one message with
 * several content blocks. Stateless.
 */
final class MessagesRequestBody {
    private MessagesRequestBody() {}

    /**
     * @throws IllegalArgumentException a tool's schema or a recorded tool call's arguments are not JSON
     */
    static ObjectNode of(ObjectMapper json, String model, LlmRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", request.maxTokens());
        if (!request.system().isEmpty()) {
            body.put("system", request.system());
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            String role = message instanceof ChatMessage.Assistant ? "assistant" : "user";
            blocks(messages, role).addAll(content(json, message));
        }
        body.put("stream", true);
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                tools.addObject().put("name", tool.name()).put("description", tool.description())
                        .set("input_schema", parse(json, tool.parametersSchema(), "tool " + tool.name() + " schema"));
            }
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        return body;
    }

    /** The content array of the last message when it has this role, else of a new one. */
    private static ArrayNode blocks(ArrayNode messages, String role) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && last.path("role").asText().equals(role)) {
            return (ArrayNode) last.get("content");
        }
        ObjectNode message = messages.addObject().put("role", role);
        return message.putArray("content");
    }

    private static ArrayNode content(ObjectMapper json, ChatMessage message) {
        ArrayNode blocks = json.createArrayNode();
        switch (message) {
            case ChatMessage.User user -> blocks.addObject().put("type", "text").put("text", user.text());
            case ChatMessage.Assistant assistant -> {
                if (!assistant.text().isEmpty()) {
                    blocks.addObject().put("type", "text").put("text", assistant.text());
                }
                for (ToolCall call : assistant.toolCalls()) {
                    blocks.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                            .set("input", parse(json, call.argumentsJson(), "tool call " + call.id() + " arguments"));
                }
            }
            case ChatMessage.ToolResult result -> blocks.addObject().put("type", "tool_result")
                    .put("tool_use_id", result.callId()).put("content", result.content());
        }
        return blocks;
    }

    private static JsonNode parse(ObjectMapper json, String text, String what) {
        try {
            return json.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON", e);
        }
    }
}
