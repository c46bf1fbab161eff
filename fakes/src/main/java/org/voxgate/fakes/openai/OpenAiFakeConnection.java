package org.voxgate.fakes.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxgate.fakes.realtime.SpeechTurns;
import org.voxgate.fakes.realtime.ReplyScript;
import org.voxgate.fakes.realtime.Tone;

/**
 * One client's session with {@link FakeOpenAiRealtime}: the session configuration, the caller's
 * turns, and the reply being generated.
 *
 * <p>Threading: messages arrive on Jetty's thread for this socket; the reply runs on a virtual
 * thread of its own. Both send and change state under {@code this}, so every event goes out
 * whole and in a consistent order (a cancelled reply sends nothing more).
 */
final class OpenAiFakeConnection {
    static final ObjectMapper JSON = new ObjectMapper();

    private final int number;
    private final WsContext ctx;
    final boolean beta;
    private final FakeOpenAiRealtime fake;
    private final AtomicInteger ids = new AtomicInteger();
    private final SpeechTurns turns = new SpeechTurns(8000, 500);
    private ObjectNode session;
    private boolean interruptResponse = true;
    private boolean createResponse = true;
    private String userItem;
    private String lastItem;
    private long userAudioMillis;
    private long previousInput;
    private OpenAiFakeReply active;
    private boolean toolAnswered;
    private String pendingToolCall;

    OpenAiFakeConnection(int number, WsContext ctx, boolean beta, FakeOpenAiRealtime fake) {
        this.number = number;
        this.ctx = ctx;
        this.beta = beta;
        this.fake = fake;
    }

    String newId(String prefix) {
        return prefix + "_" + number + "_" + ids.incrementAndGet();
    }

    synchronized void send(ObjectNode event) {
        ObjectNode out = JSON.createObjectNode().put("event_id", newId("event"));
        out.setAll(event);
        fake.recordSent(out);
        ctx.send(out.toString());
    }

    static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    synchronized void opened(String model) {
        session = JSON.createObjectNode().put("id", newId("sess")).put("object", "realtime.session")
                .put("model", String.valueOf(model));
        if (!beta) {
            session.put("type", "realtime");
        }
        ObjectNode created = event("session.created");
        created.set("session", session);
        send(created);
    }

    synchronized void onMessage(String text) {
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (Exception e) {
            error("invalid_request_error", "invalid_json", "Invalid JSON", null);
            return;
        }
        fake.record(number, event);
        String type = event.path("type").asText();
        switch (type) {
            case "session.update" -> updateSession(event.path("session"));
            case "input_audio_buffer.append" -> append(event.path("audio").asText());
            case "input_audio_buffer.commit" -> commit();
            case "input_audio_buffer.clear" -> send(event("input_audio_buffer.cleared"));
            case "response.create" -> respond(event);
            case "response.cancel" -> cancelByClient(event);
            case "conversation.item.truncate" -> truncate(event);
            case "conversation.item.create" -> createItem(event.path("item"));
            default -> error("invalid_request_error", "invalid_value", "Invalid value: '" + type + "'", event);
        }
    }

    private void updateSession(JsonNode update) {
        if (!beta && !"realtime".equals(update.path("type").asText())) {
            error("invalid_request_error", "missing_required_parameter", "Missing required parameter: 'session.type'.", null);
            return;
        }
        JsonNode vad = beta ? update.path("turn_detection") : update.path("audio").path("input").path("turn_detection");
        String format = beta ? update.path("input_audio_format").asText("pcm16")
                : update.path("audio").path("input").path("format").path("type").asText("audio/pcm");
        if (!format.equals("g711_ulaw") && !format.equals("audio/pcmu")) {
            error("invalid_request_error", "unsupported_by_fake", "this fake speaks only G.711 mu-law, not " + format, null);
        }
        turns.silenceMillis(vad.path("silence_duration_ms").asInt(500));
        interruptResponse = vad.path("interrupt_response").asBoolean(true);
        createResponse = vad.path("create_response").asBoolean(true);
        session.setAll((ObjectNode) update);
        ObjectNode updated = event("session.updated");
        updated.set("session", session);
        send(updated);
    }

    private void append(String audioBase64) {
        short[] pcm = Tone.fromUlaw(Base64.getDecoder().decode(audioBase64));
        userAudioMillis += pcm.length / 8;
        switch (turns.feed(pcm)) {
            case SPEECH_STARTED -> {
                userItem = newId("item");
                send(event("input_audio_buffer.speech_started").put("audio_start_ms", turns.speechStartMillis())
                        .put("item_id", userItem));
                if (active != null && interruptResponse) {
                    cancel(active, "turn_detected");
                }
            }
            case SPEECH_STOPPED -> {
                send(event("input_audio_buffer.speech_stopped").put("audio_end_ms", turns.speechEndMillis())
                        .put("item_id", userItem));
                commit();
            }
            case NONE -> { }
        }
    }

    private void commit() {
        String item = userItem == null ? newId("item") : userItem;
        send(event("input_audio_buffer.committed").put("item_id", item).put("previous_item_id", lastItem));
        ObjectNode added = event(beta ? "conversation.item.created" : "conversation.item.added").put("previous_item_id", lastItem);
        added.putObject("item").put("id", item).put("type", "message").put("role", "user");
        send(added);
        lastItem = item;
        send(event("conversation.item.input_audio_transcription.completed").put("item_id", item).put("content_index", 0)
                .put("transcript", fake.script().userTranscript()));
        userItem = null;
        toolAnswered = false;
        if (createResponse) {
            start();
        }
    }

    private void respond(JsonNode event) {
        if (active != null) {
            error("invalid_request_error", "conversation_already_has_active_response",
                    "Conversation already has an active response in progress: " + active.id, event);
            return;
        }
        start();
    }

    private void start() {
        ReplyScript script = fake.script();
        boolean callTool = script.toolName() != null && !toolAnswered;
        toolAnswered = callTool || toolAnswered;
        active = new OpenAiFakeReply(this, script, callTool);
        Thread.ofVirtual().name("fake-openai-reply").start(active);
    }

    private void cancelByClient(JsonNode event) {
        if (active == null) {
            error("invalid_request_error", "response_cancel_not_active", "Cancellation failed: no active response found", event);
        } else {
            cancel(active, "client_cancelled");
        }
    }

    synchronized void cancel(OpenAiFakeReply reply, String reason) {
        if (active == reply) {
            active = null;
            reply.cancelled(reason);
        }
    }

    synchronized void finished(OpenAiFakeReply reply, String itemId, String callId) {
        if (active == reply) {
            active = null;
        }
        lastItem = itemId;
        if (callId != null) {
            pendingToolCall = callId;
        }
    }

    private void truncate(JsonNode event) {
        String item = event.path("item_id").asText();
        long end = event.path("audio_end_ms").asLong(-1);
        long sent = fake.audioMillisSent(item);
        if (sent == 0) {
            error("invalid_request_error", "item_not_found", "Item with item_id not found: " + item, event);
        } else if (end < 0 || end > sent) {
            error("invalid_request_error", "invalid_value", "Audio content of " + sent
                    + "ms is already shorter than " + end + "ms", event);
        } else {
            send(event("conversation.item.truncated").put("item_id", item).put("content_index", 0).put("audio_end_ms", end));
        }
    }

    private void createItem(JsonNode item) {
        if ("function_call_output".equals(item.path("type").asText())
                && !item.path("call_id").asText().equals(pendingToolCall)) {
            error("invalid_request_error", "invalid_value", "No tool call found with call_id " + item.path("call_id"), null);
            return;
        }
        String id = newId("item");
        ObjectNode added = event(beta ? "conversation.item.created" : "conversation.item.added").put("previous_item_id", lastItem);
        ObjectNode copy = ((ObjectNode) item.deepCopy()).put("id", id);
        added.set("item", copy);
        send(added);
        lastItem = id;
    }

    /** Usage of a reply: the whole conversation is billed again as input, the earlier part cached. */
    synchronized ObjectNode usage(long outputAudioMillis, String transcript) {
        long inputAudio = userAudioMillis / 100;
        long inputText = String.valueOf(session.path("instructions").asText()).length() / 4 + 10;
        long cached = Math.min(previousInput, inputAudio + inputText);
        previousInput = inputAudio + inputText;
        long outputAudio = outputAudioMillis / 50;
        long outputText = (transcript.length() + 3) / 4;
        ObjectNode usage = JSON.createObjectNode().put("total_tokens", inputAudio + inputText + outputAudio + outputText)
                .put("input_tokens", inputAudio + inputText).put("output_tokens", outputAudio + outputText);
        usage.putObject("input_token_details").put("text_tokens", inputText).put("audio_tokens", inputAudio)
                .put("cached_tokens", cached);
        usage.putObject("output_token_details").put("text_tokens", outputText).put("audio_tokens", outputAudio);
        return usage;
    }

    void audioSent(String itemId, long millis) {
        fake.audioSent(itemId, millis);
    }

    private void error(String type, String code, String message, JsonNode cause) {
        ObjectNode error = event("error");
        ObjectNode detail = error.putObject("error").put("type", type).put("code", code).put("message", message);
        if (cause != null && cause.has("event_id")) {
            detail.put("event_id", cause.path("event_id").asText());
        }
        send(error);
    }

    synchronized void closed() {
        if (active != null) {
            active.cancelledSilently();
            active = null;
        }
    }
}
