package org.voxgate.fakes.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Base64;
import org.voxgate.fakes.FakeAudio;

/**
 * One {@code stream-input} connection, per PROTOCOLS.md section 5: the init message (text
 * {@code " "}) must come first; text is buffered and rendered when it reaches the next
 * {@code chunk_length_schedule} step or on {@code flush}; {@code {"text":""}} renders the rest,
 * sends {@code {"isFinal":true}} and closes 1000. Audio goes as base64 {@code ulaw_8000} in
 * {@code audio} messages of up to ten characters each, with {@code alignment} and
 * {@code normalizedAlignment}. A bad first message or inactivity gets an error message and
 * close 1008.
 *
 * <p>Threading: every method is synchronized (Jetty's thread and the fake's inactivity
 * checker), so sends stay in order.
 */
final class StreamInputSession {
    private static final int CHARS_PER_MESSAGE = 10;

    private final ObjectMapper json;
    private final WsContext ctx;
    private final StreamInputTraffic traffic;
    private final String apiKey;
    private final boolean keyInHeader;
    private final Duration inactivity;
    private final Duration chunkDelay;
    private final StringBuilder buffer = new StringBuilder();
    private int[] schedule = {120, 160, 250, 290};
    private int step;
    private boolean initialized;
    private boolean closed;
    private long lastInputNanos = System.nanoTime();

    StreamInputSession(ObjectMapper json, WsContext ctx, StreamInputTraffic traffic, String apiKey,
            boolean keyInHeader, Duration inactivity, Duration chunkDelay) {
        this.json = json;
        this.ctx = ctx;
        this.traffic = traffic;
        this.apiKey = apiKey;
        this.keyInHeader = keyInHeader;
        this.inactivity = inactivity;
        this.chunkDelay = chunkDelay;
    }

    synchronized void onText(String text) {
        if (closed) {
            return;
        }
        lastInputNanos = System.nanoTime();
        traffic.text(text);
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            fail("invalid_input_message", "Invalid message: not JSON");
            return;
        }
        if (!initialized) {
            init(message);
            return;
        }
        JsonNode textNode = message.get("text");
        if (textNode == null || !textNode.isTextual()) {
            fail("invalid_input_message", "Invalid message: 'text' is required");
            return;
        }
        if (textNode.asText().isEmpty()) {
            render(buffer.toString());
            buffer.setLength(0);
            send(json.createObjectNode().put("isFinal", true));
            close(1000, "");
            return;
        }
        buffer.append(textNode.asText());
        if (message.path("flush").asBoolean(false) || buffer.length() >= schedule[step]) {
            step = Math.min(step + 1, schedule.length - 1);
            render(buffer.toString());
            buffer.setLength(0);
        }
    }

    private void init(JsonNode message) {
        if (!" ".equals(message.path("text").asText(null))) {
            fail("invalid_input_message", "The first message must be the initialisation message with text ' '");
            return;
        }
        if (!keyInHeader) {
            String key = message.path("xi_api_key").asText(message.path("xi-api-key").asText(""));
            if (!apiKey.equals(key)) {
                fail("invalid_api_key", "Invalid API key");
                return;
            }
        }
        JsonNode configured = message.path("generation_config").path("chunk_length_schedule");
        if (configured.isArray() && !configured.isEmpty()) {
            schedule = new int[configured.size()];
            for (int i = 0; i < schedule.length; i++) {
                schedule[i] = configured.get(i).asInt();
            }
        }
        initialized = true;
    }

    private void render(String text) {
        if (text.isBlank()) {
            return;
        }
        for (int at = 0; at < text.length() && !closed; at += CHARS_PER_MESSAGE) {
            String part = text.substring(at, Math.min(text.length(), at + CHARS_PER_MESSAGE));
            byte[] audio = FakeAudio.voice(part);
            ObjectNode message = json.createObjectNode()
                    .put("audio", Base64.getEncoder().encodeToString(audio));
            message.putNull("isFinal");
            message.set("normalizedAlignment", alignment(part));
            message.set("alignment", alignment(part));
            send(message);
            traffic.audioSent(audio.length);
            pause();
        }
    }

    private ObjectNode alignment(String part) {
        ObjectNode alignment = json.createObjectNode();
        ArrayNode starts = alignment.putArray("charStartTimesMs");
        ArrayNode durations = alignment.putArray("charsDurationsMs");
        ArrayNode chars = alignment.putArray("chars");
        for (int i = 0; i < part.length(); i++) {
            starts.add(i * FakeAudio.MILLIS_PER_CHARACTER);
            durations.add(FakeAudio.MILLIS_PER_CHARACTER);
            chars.add(String.valueOf(part.charAt(i)));
        }
        return alignment;
    }

    private void pause() {
        if (!chunkDelay.isZero()) {
            try {
                Thread.sleep(chunkDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called by the fake's checker: closes the socket if no text came for the inactivity timeout. */
    synchronized void checkInactivity() {
        if (!closed && System.nanoTime() - lastInputNanos > inactivity.toNanos()) {
            fail("input_timeout_exceeded", "Have not received a new text input within the timeout of "
                    + inactivity.toSeconds() + " seconds. Streaming input terminated.");
        }
    }

    private void fail(String error, String text) {
        send(json.createObjectNode().put("message", text).put("error", error).put("code", 1008));
        close(1008, text.length() > 120 ? text.substring(0, 120) : text);
    }

    private void send(ObjectNode message) {
        if (!closed && ctx.session.isOpen()) {
            ctx.send(message.toString());
        }
    }

    private void close(int code, String reason) {
        closed = true;
        traffic.closed(code);
        ctx.closeSession(code, reason);
    }

    synchronized void gone() {
        closed = true;
        traffic.gone();
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
