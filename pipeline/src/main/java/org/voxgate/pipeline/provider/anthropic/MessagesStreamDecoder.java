package org.voxgate.pipeline.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmListener.StopReason;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.http.SseDecoder;
import org.voxgate.pipeline.provider.http.SseEvent;

/**
 * Reads a Messages event stream (PROTOCOLS.md section 7): {@code text_delta}s go out as they
 * come; a {@code tool_use} block's {@code input_json_delta} pieces are joined and the call goes
 * out whole at its {@code content_block_stop}; usage comes from {@code message_start} and the
 * cumulative {@code message_delta}; {@code message_stop} completes. {@code ping}, thinking
 * deltas and unknown events are ignored; {@code event: error} fails the stream.
 *
 * <p>Usage: Anthropic's {@code input_tokens} leaves out the tokens read from and written to
 * the prompt cache, while {@link TokenUsage}'s input includes the cached ones, so input is
 * the sum of the three and cached is {@code cache_read_input_tokens}.
 *
 * <p>Threading: one per stream, used only by the thread reading it.
 */
final class MessagesStreamDecoder implements SseDecoder {
    /** Error types another attempt may get past. */
    private static final Set<String> TRANSIENT = Set.of("overloaded_error", "api_error", "rate_limit_error",
            "timeout_error");

    private final String vendor;
    private final ObjectMapper json;
    private final LlmListener listener;
    private final Map<Integer, ToolUse> toolUses = new HashMap<>();
    private long inputTokens;
    private long cacheRead;
    private long cacheWrite;
    private long outputTokens;
    private StopReason stop = StopReason.OTHER;

    MessagesStreamDecoder(String vendor, ObjectMapper json, LlmListener listener) {
        this.vendor = vendor;
        this.json = json;
        this.listener = listener;
    }

    @Override
    public boolean accept(SseEvent event) throws ProviderException {
        switch (event.event()) {
            case "message_start" -> usage(parse(event).path("message").path("usage"));
            case "content_block_start" -> blockStart(parse(event));
            case "content_block_delta" -> blockDelta(parse(event));
            case "content_block_stop" -> blockStop(parse(event));
            case "message_delta" -> {
                JsonNode data = parse(event);
                JsonNode reason = data.path("delta").path("stop_reason");
                if (reason.isTextual()) {
                    stop = stopReason(reason.asText());
                }
                usage(data.path("usage"));
            }
            case "message_stop" -> {
                listener.onComplete(stop, TokenUsage.text(inputTokens + cacheRead + cacheWrite, cacheRead, outputTokens));
                return true;
            }
            case "error" -> throw error(parse(event).path("error"));
            default -> { } // ping, and event types newer than this client
        }
        return false;
    }

    private void blockStart(JsonNode data) {
        JsonNode block = data.path("content_block");
        if (block.path("type").asText().equals("tool_use")) {
            toolUses.put(data.path("index").asInt(), new ToolUse(block.path("id").asText(), block.path("name").asText()));
        }
    }

    private void blockDelta(JsonNode data) {
        JsonNode delta = data.path("delta");
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                String text = delta.path("text").asText("");
                if (!text.isEmpty()) {
                    listener.onText(text);
                }
            }
            case "input_json_delta" -> {
                ToolUse use = toolUses.get(data.path("index").asInt());
                if (use != null) {
                    use.input.append(delta.path("partial_json").asText(""));
                }
            }
            default -> { } // thinking_delta, signature_delta: not spoken
        }
    }

    private void blockStop(JsonNode data) throws ProviderException {
        ToolUse use = toolUses.remove(data.path("index").asInt());
        if (use == null) {
            return;
        }
        String input = use.input.isEmpty() ? "{}" : use.input.toString();
        try {
            if (!json.readTree(input).isObject()) {
                throw new ProviderException(vendor, "tool call " + use.name + ": input is not a JSON object", true);
            }
        } catch (JsonProcessingException e) {
            throw new ProviderException(vendor, "tool call " + use.name + ": input is not JSON", true, e);
        }
        listener.onToolCall(new ToolCall(use.id, use.name, input));
    }

    /** Counts in {@code message_start} and {@code message_delta} are cumulative: the latest wins. */
    private void usage(JsonNode usage) {
        if (usage.has("input_tokens")) {
            inputTokens = usage.path("input_tokens").asLong();
        }
        if (usage.has("cache_read_input_tokens")) {
            cacheRead = usage.path("cache_read_input_tokens").asLong();
        }
        if (usage.has("cache_creation_input_tokens")) {
            cacheWrite = usage.path("cache_creation_input_tokens").asLong();
        }
        if (usage.has("output_tokens")) {
            outputTokens = usage.path("output_tokens").asLong();
        }
    }

    private JsonNode parse(SseEvent event) throws ProviderException {
        try {
            return json.readTree(event.data());
        } catch (JsonProcessingException e) {
            throw new ProviderException(vendor, "malformed " + event.event() + " event in the stream", true, e);
        }
    }

    private ProviderException error(JsonNode error) {
        String type = error.path("type").asText("");
        return new ProviderException(vendor, "error mid-stream (" + type + "): " + error.path("message").asText(""),
                TRANSIENT.contains(type));
    }

    static StopReason stopReason(String reason) {
        return switch (reason) {
            case "end_turn", "stop_sequence" -> StopReason.END_OF_TURN;
            case "tool_use" -> StopReason.TOOL_CALLS;
            case "max_tokens" -> StopReason.MAX_TOKENS;
            case "refusal" -> StopReason.CONTENT_FILTER;
            default -> StopReason.OTHER;
        };
    }

    /** A tool_use block being assembled. */
    private static final class ToolUse {
        final String id;
        final String name;
        final StringBuilder input = new StringBuilder();

        ToolUse(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
