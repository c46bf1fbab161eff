package org.voxgate.fakes.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.voxgate.fakes.realtime.ReplyScript;

/**
 * A loopback fake of the Gemini Live API ({@code BidiGenerateContent} over WebSocket,
 * PROTOCOLS.md section 8). A wrong {@code key} gets the socket closed with 1007 and Google's
 * message, as the real service does; {@code setup} must come first and is answered with
 * {@code setupComplete}; caller turns are found by the energy of the 16 kHz
 * {@code realtimeInput} audio; each turn is answered with an input transcription, an optional
 * scripted {@code toolCall}, a paced 600 Hz tone as 24 kHz {@code modelTurn} chunks with
 * output transcription, {@code turnComplete} and {@code usageMetadata}. Speech during a reply
 * stops it with {@code interrupted}. Every other server message goes out as a binary frame
 * holding UTF-8 JSON, as the real service sends many of them.
 *
 * <p>Threading: thread-safe; recorded messages may be read from any thread. Ownership:
 * {@link #close} stops the server.
 */
public final class FakeGeminiLive implements AutoCloseable {
    /** The path of the bidirectional generate-content socket. */
    public static final String PATH = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";

    private final Javalin app;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final Map<String, GeminiFakeConnection> connections = new ConcurrentHashMap<>();
    private volatile ReplyScript script = ReplyScript.reply("hello there", "Hi, how can I help?", 1000);

    private FakeGeminiLive(String apiKey) {
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        app.ws(PATH, ws -> {
            ws.onConnect(ctx -> connections.put(ctx.sessionId(),
                    new GeminiFakeConnection(ctx, apiKey.equals(ctx.queryParam("key")), this)));
            ws.onMessage(ctx -> {
                GeminiFakeConnection connection = connections.get(ctx.sessionId());
                if (connection != null) {
                    connection.onMessage(ctx.message());
                }
            });
            ws.onBinaryMessage(ctx -> {
                GeminiFakeConnection connection = connections.get(ctx.sessionId());
                if (connection != null) {
                    connection.onMessage(new String(ctx.data(), ctx.offset(), ctx.length(), StandardCharsets.UTF_8));
                }
            });
            ws.onClose(ctx -> {
                GeminiFakeConnection connection = connections.remove(ctx.sessionId());
                if (connection != null) {
                    connection.closed();
                }
            });
        });
    }

    /** Starts a fake on a free loopback port that accepts {@code apiKey}. */
    public static FakeGeminiLive start(String apiKey) {
        FakeGeminiLive fake = new FakeGeminiLive(apiKey);
        fake.app.start("127.0.0.1", 0);
        return fake;
    }

    /** {@code ws://127.0.0.1:<port>}: the client appends {@link #PATH}. */
    public String baseUrl() {
        return "ws://127.0.0.1:" + app.port();
    }

    /** Sets what the next turns say and do. */
    public void script(ReplyScript script) {
        this.script = script;
    }

    ReplyScript script() {
        return script;
    }

    void record(JsonNode message) {
        received.add(message);
    }

    void recordSent(JsonNode message) {
        sent.add(message);
    }

    /** Client messages whose one top-level key is {@code key} ({@code setup}, {@code realtimeInput}...). */
    public List<JsonNode> received(String key) {
        return received.stream().filter(m -> m.has(key)).map(m -> m.get(key)).toList();
    }

    /** Server messages sent that carry {@code key} at the top level. */
    public List<JsonNode> sent(String key) {
        return sent.stream().filter(m -> m.has(key)).toList();
    }

    /** Waits until {@code count} client messages with top-level {@code key} arrived; returns them. */
    public List<JsonNode> await(String key, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> messages = received(key);
        while (messages.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fake Gemini Live got " + messages.size() + " '" + key + "' messages, wanted "
                        + count);
            }
            Thread.sleep(10);
            messages = received(key);
        }
        return messages;
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        app.stop();
    }
}
