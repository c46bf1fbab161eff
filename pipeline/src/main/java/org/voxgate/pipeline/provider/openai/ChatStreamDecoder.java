package org.voxgate.pipeline.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmListener.StopReason;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.http.SseDecoder;
import org.voxgate.pipeline.provider.http.SseEvent;

/**
 * Reads a Chat Completions chunk stream (PROTOCOLS.md section 4): text deltas go out as they
 * come; tool-call fragments are joined by {@code index} and each call goes out whole when the
 * choice finishes; the usage chunk ({@code choices: []}) is kept for {@code onComplete}, which
 * {@code data: [DONE]} triggers. An {@code {error:{...}}} object mid-stream fails the stream.
 *
 * <p>Threading: one per stream, used only by the thread reading it.
 */
final class ChatStreamDecoder implements SseDecoder {
    /** Error types and codes that another attempt will not fix. */
    private static final Set<String> PERMANENT = Set.of("invalid_request_error", "authentication_error",
            "permission_error", "not_found_error", "invalid_api_key", "insufficient_quota",
            "context_length_exceeded");

    private final String vendor;
    private final ObjectMapper json;
    private final LlmListener listener;
    private final Map<Integer, ToolCallParts> toolCalls = new TreeMap<>();
    private StopReason stop;
    private TokenUsage usage = TokenUsage.NONE;

    ChatStreamDecoder(String vendor, ObjectMapper json, LlmListener listener) {
        this.vendor = vendor;
        this.json = json;
        this.listener = listener;
    }

    @Override
    public boolean accept(SseEvent event) throws ProviderException {
        if (event.data().equals("[DONE]")) {
            emitToolCalls();
            listener.onComplete(stop == null ? StopReason.OTHER : stop, usage);
            return true;
        }
        JsonNode chunk = parse(event.data());
        if (chunk.has("error")) {
            throw error(chunk.path("error"));
        }
        JsonNode counts = chunk.path("usage");
        if (counts.isObject()) {
            usage = TokenUsage.text(counts.path("prompt_tokens").asLong(),
                    counts.path("prompt_tokens_details").path("cached_tokens").asLong(),
                    counts.path("completion_tokens").asLong());
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue; // we never ask for n > 1
            }
            choice(choice);
        }
        return false;
    }

    private void choice(JsonNode choice) throws ProviderException {
        JsonNode delta = choice.path("delta");
        JsonNode content = delta.path("content");
        if (content.isTextual() && !content.asText().isEmpty()) {
            listener.onText(content.asText());
        }
        for (JsonNode fragment : delta.path("tool_calls")) {
            ToolCallParts parts = toolCalls.computeIfAbsent(fragment.path("index").asInt(), i -> new ToolCallParts());
            parts.add(fragment);
        }
        JsonNode finish = choice.path("finish_reason");
        if (finish.isTextual()) {
            stop = stopReason(finish.asText());
            emitToolCalls();
        }
    }

    private void emitToolCalls() throws ProviderException {
        for (ToolCallParts parts : toolCalls.values()) {
            listener.onToolCall(parts.toCall(vendor, json));
        }
        toolCalls.clear();
    }

    private JsonNode parse(String data) throws ProviderException {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new ProviderException(vendor, "malformed chunk in the stream", true, e);
        }
    }

    private ProviderException error(JsonNode error) {
        String type = error.path("type").asText("");
        String code = error.path("code").asText("");
        boolean retryable = !PERMANENT.contains(type) && !PERMANENT.contains(code);
        return new ProviderException(vendor, "error mid-stream (" + type + "): " + error.path("message").asText(""),
                retryable);
    }

    static StopReason stopReason(String finishReason) {
        return switch (finishReason) {
            case "stop" -> StopReason.END_OF_TURN;
            case "tool_calls", "function_call" -> StopReason.TOOL_CALLS;
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> StopReason.OTHER;
        };
    }

    /** One tool call being assembled: the first fragment names it, later ones add argument text. */
    private static final class ToolCallParts {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();

        void add(JsonNode fragment) {
            if (fragment.path("id").isTextual()) {
                id = fragment.path("id").asText();
            }
            JsonNode function = fragment.path("function");
            if (function.path("name").isTextual()) {
                name = function.path("name").asText();
            }
            if (function.path("arguments").isTextual()) {
                arguments.append(function.path("arguments").asText());
            }
        }

        ToolCall toCall(String vendor, ObjectMapper json) throws ProviderException {
            if (id == null || name == null) {
                throw new ProviderException(vendor, "tool call without id or name in the stream", true);
            }
            String args = arguments.isEmpty() ? "{}" : arguments.toString();
            try {
                if (!json.readTree(args).isObject()) {
                    throw new ProviderException(vendor, "tool call " + name + ": arguments are not a JSON object", true);
                }
            } catch (JsonProcessingException e) {
                throw new ProviderException(vendor, "tool call " + name + ": arguments are not JSON", true, e);
            }
            return new ToolCall(id, name, args);
        }
    }
}
