package org.voxgate.fakes.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.voxgate.fakes.realtime.ReplyScript;

/**
 * A loopback fake of the OpenAI Realtime API over WebSocket ({@code /v1/realtime?model=...},
 * PROTOCOLS.md section 3), GA event names by default and beta names when the client sends
 * {@code OpenAI-Beta: realtime=v1}. It checks {@code Authorization: Bearer <key>} (HTTP 401
 * otherwise), sends {@code session.created} on open, echoes {@code session.updated}, detects
 * caller turns by the energy of the appended G.711 mu-law audio, and answers each turn with a
 * scripted transcript, a paced 600 Hz tone as audio deltas, transcript deltas and
 * {@code response.done} with usage. Barge-in, {@code response.cancel},
 * {@code conversation.item.truncate} and scripted function calls behave as the real API does.
 *
 * <p>Threading: thread-safe; script setters apply to turns that start afterwards; the recorded
 * events may be read from any thread. Ownership: {@link #close} stops the server.
 */
public final class FakeOpenAiRealtime implements AutoCloseable {
    /** One client event as received, with the connection it came on. */
    public record Received(int connection, JsonNode event) {
        public String type() {
            return event.path("type").asText();
        }
    }

    private final String apiKey;
    private final Javalin app;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();
    private final Map<String, OpenAiFakeConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, Long> audioSent = new ConcurrentHashMap<>();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private volatile ReplyScript script = ReplyScript.reply("hello there", "Hi, how can I help?", 1000);

    private FakeOpenAiRealtime(String apiKey) {
        this.apiKey = apiKey;
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        app.wsBeforeUpgrade("/v1/realtime", ctx -> {
            if (!("Bearer " + apiKey).equals(ctx.header("Authorization"))) {
                throw new UnauthorizedResponse("Incorrect API key provided");
            }
        });
        app.ws("/v1/realtime", ws -> {
            ws.onConnect(ctx -> {
                handshakes.add(Map.of("model", String.valueOf(ctx.queryParam("model")),
                        "OpenAI-Beta", String.valueOf(ctx.header("OpenAI-Beta"))));
                boolean beta = "realtime=v1".equals(ctx.header("OpenAI-Beta"));
                OpenAiFakeConnection connection = new OpenAiFakeConnection(handshakes.size(), ctx, beta, this);
                connections.put(ctx.sessionId(), connection);
                connection.opened(ctx.queryParam("model"));
            });
            ws.onMessage(ctx -> {
                OpenAiFakeConnection connection = connections.get(ctx.sessionId());
                if (connection != null) {
                    connection.onMessage(ctx.message());
                }
            });
            ws.onClose(ctx -> {
                OpenAiFakeConnection connection = connections.remove(ctx.sessionId());
                if (connection != null) {
                    connection.closed();
                }
            });
        });
    }

    /** Starts a fake on a free loopback port that accepts {@code apiKey}. */
    public static FakeOpenAiRealtime start(String apiKey) {
        FakeOpenAiRealtime fake = new FakeOpenAiRealtime(apiKey);
        fake.app.start("127.0.0.1", 0);
        return fake;
    }

    /** {@code ws://127.0.0.1:<port>}: the client appends {@code /v1/realtime}. */
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

    void record(int connection, JsonNode event) {
        received.add(new Received(connection, event));
    }

    /** Every client event received, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The client events of one type, in order. */
    public List<JsonNode> received(String type) {
        return received.stream().filter(r -> r.type().equals(type)).map(Received::event).toList();
    }

    /** Waits until {@code count} client events of {@code type} arrived; returns them. */
    public List<JsonNode> await(String type, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> events = received(type);
        while (events.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fake OpenAI Realtime got " + events.size() + " '" + type + "' events, wanted "
                        + count + "; got types " + received.stream().map(Received::type).distinct().toList());
            }
            Thread.sleep(10);
            events = received(type);
        }
        return events;
    }

    /** Per connection, in order: the {@code model} query parameter and the {@code OpenAI-Beta} header. */
    public List<Map<String, String>> handshakes() {
        return List.copyOf(handshakes);
    }

    /** Milliseconds of reply audio the fake sent for an assistant item (0 if unknown). */
    public long audioMillisSent(String itemId) {
        return audioSent.getOrDefault(itemId, 0L);
    }

    void audioSent(String itemId, long millis) {
        audioSent.put(itemId, millis);
    }

    /** Server events sent on every connection, in order. */
    public List<JsonNode> sent() {
        return List.copyOf(sent);
    }

    /** The server events of one type sent, in order. */
    public List<JsonNode> sent(String type) {
        return sent.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    void recordSent(JsonNode event) {
        sent.add(event);
    }

    @Override
    public void close() {
        app.stop();
    }
}
