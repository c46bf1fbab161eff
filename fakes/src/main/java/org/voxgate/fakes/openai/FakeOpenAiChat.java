package org.voxgate.fakes.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.voxgate.fakes.llm.EventSink;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.llm.SseFakeServer;

/**
 * A fake of OpenAI's streaming Chat Completions ({@code POST /v1/chat/completions},
 * PROTOCOLS.md section 4). Requires {@code Authorization: Bearer <key>} (401 with OpenAI's
 * {@code invalid_api_key} error otherwise) and {@code stream:true}. A reply goes out as
 * {@code chat.completion.chunk} objects: the role chunk, one chunk per text delta, per tool
 * call a first fragment with {@code id}, {@code type} and {@code name} and then one per
 * arguments fragment, the chunk with {@code finish_reason}, then (when the request asked for
 * {@code stream_options.include_usage}) the usage chunk with {@code choices: []}, and
 * {@code data: [DONE]}. Every chunk before it carries {@code "usage": null} when usage was asked for.
 *
 * <p>Threading and ownership: as {@link SseFakeServer}.
 */
public final class FakeOpenAiChat extends SseFakeServer {
    private final String apiKey;
    private final AtomicLong ids = new AtomicLong();

    private FakeOpenAiChat(String apiKey) {
        super("/v1/chat/completions");
        this.apiKey = apiKey;
    }

    /** Starts a fake that accepts {@code apiKey}. */
    public static FakeOpenAiChat start(String apiKey) {
        FakeOpenAiChat fake = new FakeOpenAiChat(apiKey);
        fake.listen();
        return fake;
    }

    @Override
    protected Refusal checkHeaders(Context ctx) {
        if (!("Bearer " + apiKey).equals(ctx.header("Authorization"))) {
            return new Refusal(401, error("Incorrect API key provided. You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"));
        }
        return null;
    }

    @Override
    protected String errorBody(int status, String message) {
        return switch (status) {
            case 429 -> error(message, "requests", "rate_limit_exceeded");
            case 400, 404 -> error(message, "invalid_request_error", null);
            default -> status >= 500 ? error(message, "server_error", null) : error(message, "invalid_request_error", null);
        };
    }

    private static String error(String message, String type, String code) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return body.toString();
    }

    @Override
    protected void writeReply(EventSink sink, JsonNode request, ScriptedReply reply) throws IOException {
        Chunks chunks = new Chunks("chatcmpl-fake" + ids.incrementAndGet(), request.path("model").asText("gpt-fake"),
                request.path("stream_options").path("include_usage").asBoolean(false));
        ObjectNode first = JSON.createObjectNode().put("role", "assistant").put("content", "");
        first.putNull("refusal");
        sink.send(null, chunks.choice(first, null));
        for (String text : reply.text()) {
            sink.send(null, chunks.choice(JSON.createObjectNode().put("content", text), null));
        }
        List<ScriptedReply.ToolCallScript> calls = reply.toolCalls();
        for (int index = 0; index < calls.size(); index++) {
            ScriptedReply.ToolCallScript call = calls.get(index);
            ObjectNode opening = JSON.createObjectNode();
            opening.putArray("tool_calls").addObject().put("index", index).put("id", call.id()).put("type", "function")
                    .putObject("function").put("name", call.name()).put("arguments", "");
            sink.send(null, chunks.choice(opening, null));
            for (String fragment : call.argumentFragments()) {
                ObjectNode delta = JSON.createObjectNode();
                delta.putArray("tool_calls").addObject().put("index", index).putObject("function")
                        .put("arguments", fragment);
                sink.send(null, chunks.choice(delta, null));
            }
        }
        String finish = reply.stopReason() != null ? reply.stopReason() : calls.isEmpty() ? "stop" : "tool_calls";
        sink.send(null, chunks.choice(JSON.createObjectNode(), finish));
        if (chunks.includeUsage) {
            sink.send(null, chunks.usage(reply.usage()));
        }
        sink.send(null, "[DONE]");
    }

    @Override
    protected void writeStreamError(EventSink sink) throws IOException {
        sink.send(null, error("The server had an error while processing your request. Sorry about that!",
                "server_error", null));
    }

    /** Builds the chunk objects of one completion. */
    private static final class Chunks {
        private final String id;
        private final String model;
        private final boolean includeUsage;
        private final long created = System.currentTimeMillis() / 1000;

        Chunks(String id, String model, boolean includeUsage) {
            this.id = id;
            this.model = model;
            this.includeUsage = includeUsage;
        }

        private ObjectNode envelope() {
            return JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                    .put("model", model).put("service_tier", "default").put("system_fingerprint", "fp_fake");
        }

        String choice(ObjectNode delta, String finishReason) {
            ObjectNode chunk = envelope();
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            if (includeUsage) {
                chunk.putNull("usage");
            }
            return chunk.toString();
        }

        String usage(ScriptedReply.Usage usage) {
            ObjectNode chunk = envelope();
            chunk.putArray("choices");
            ObjectNode counts = chunk.putObject("usage").put("prompt_tokens", usage.input())
                    .put("completion_tokens", usage.output()).put("total_tokens", usage.input() + usage.output());
            counts.putObject("prompt_tokens_details").put("cached_tokens", usage.cached()).put("audio_tokens", 0);
            counts.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                    .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
            return chunk.toString();
        }
    }
}
