package org.voxgate.fakes.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.voxgate.fakes.llm.EventSink;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.llm.SseFakeServer;

/**
 * A fake of Anthropic's streaming Messages API ({@code POST /v1/messages}, PROTOCOLS.md
 * section 7). Requires {@code x-api-key} (401 {@code authentication_error} otherwise) and
 * {@code anthropic-version} (400 otherwise). A reply goes out as {@code event:}/{@code data:}
 * pairs in the documented order: {@code message_start}, a {@code ping}, the text block
 * ({@code content_block_start}, one {@code text_delta} per piece, {@code content_block_stop}),
 * one {@code tool_use} block per call with its input in {@code input_json_delta} pieces (the
 * first one empty, as Anthropic sends it), a {@code ping} between blocks,
 * {@code message_delta} with the stop reason and cumulative usage, and {@code message_stop}.
 *
 * <p>Threading and ownership: as {@link SseFakeServer}.
 */
public final class FakeAnthropic extends SseFakeServer {
    private final String apiKey;
    private final AtomicLong ids = new AtomicLong();

    private FakeAnthropic(String apiKey) {
        super("/v1/messages");
        this.apiKey = apiKey;
    }

    /** Starts a fake that accepts {@code apiKey}. */
    public static FakeAnthropic start(String apiKey) {
        FakeAnthropic fake = new FakeAnthropic(apiKey);
        fake.listen();
        return fake;
    }

    @Override
    protected Refusal checkHeaders(Context ctx) {
        if (!apiKey.equals(ctx.header("x-api-key"))) {
            return new Refusal(401, error("authentication_error", "invalid x-api-key"));
        }
        if (ctx.header("anthropic-version") == null) {
            return new Refusal(400, error("invalid_request_error", "anthropic-version: header is required"));
        }
        return null;
    }

    @Override
    protected String errorBody(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        return error(type, message);
    }

    private static String error(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body.toString();
    }

    @Override
    protected void writeReply(EventSink sink, JsonNode request, ScriptedReply reply) throws IOException {
        ScriptedReply.Usage usage = reply.usage();
        ObjectNode start = event("message_start");
        ObjectNode message = start.putObject("message").put("id", "msg_fake" + ids.incrementAndGet())
                .put("type", "message").put("role", "assistant");
        message.putArray("content");
        message.put("model", request.path("model").asText("claude-fake")).putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", usage.input() - usage.cached())
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", usage.cached())
                .put("output_tokens", 1);
        send(sink, start);
        send(sink, event("ping"));
        int index = 0;
        if (!reply.text().isEmpty()) {
            ObjectNode blockStart = event("content_block_start").put("index", index);
            blockStart.putObject("content_block").put("type", "text").put("text", "");
            send(sink, blockStart);
            for (String text : reply.text()) {
                ObjectNode delta = event("content_block_delta").put("index", index);
                delta.putObject("delta").put("type", "text_delta").put("text", text);
                send(sink, delta);
            }
            send(sink, event("content_block_stop").put("index", index));
            index++;
        }
        for (ScriptedReply.ToolCallScript call : reply.toolCalls()) {
            send(sink, event("ping"));
            ObjectNode blockStart = event("content_block_start").put("index", index);
            blockStart.putObject("content_block").put("type", "tool_use").put("id", call.id()).put("name", call.name())
                    .putObject("input");
            send(sink, blockStart);
            send(sink, inputDelta(index, ""));
            for (String fragment : call.argumentFragments()) {
                send(sink, inputDelta(index, fragment));
            }
            send(sink, event("content_block_stop").put("index", index));
            index++;
        }
        String stop = reply.stopReason() != null ? reply.stopReason() : reply.toolCalls().isEmpty() ? "end_turn" : "tool_use";
        ObjectNode messageDelta = event("message_delta");
        messageDelta.putObject("delta").put("stop_reason", stop).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", usage.output());
        send(sink, messageDelta);
        send(sink, event("message_stop"));
    }

    @Override
    protected void writeStreamError(EventSink sink) throws IOException {
        ObjectNode error = event("error");
        error.putObject("error").put("type", "overloaded_error").put("message", "Overloaded");
        send(sink, error);
    }

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode inputDelta(int index, String partial) {
        ObjectNode delta = event("content_block_delta").put("index", index);
        delta.putObject("delta").put("type", "input_json_delta").put("partial_json", partial);
        return delta;
    }

    private static void send(EventSink sink, ObjectNode event) throws IOException {
        sink.send(event.path("type").asText(), event.toString());
    }
}
