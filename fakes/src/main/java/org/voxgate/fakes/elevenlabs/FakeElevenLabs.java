package org.voxgate.fakes.elevenlabs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A loopback ElevenLabs text-to-speech input-streaming endpoint,
 * {@code /v1/text-to-speech/{voice_id}/stream-input} ({@link StreamInputSession}). The key is
 * taken from the {@code xi-api-key} or {@code authorization: Bearer} header (a wrong one is
 * refused at the upgrade with 401) or, without either header, from the init message's
 * {@code xi_api_key} / {@code xi-api-key} (a wrong one gets an error message and close 1008).
 * Inactivity: the {@code inactivity_timeout} query parameter (20 s by default) unless the test
 * set {@link #inactivityTimeout}.
 *
 * <p>Threading: thread-safe; recorded traffic may be read at any time. Ownership: owns its
 * Jetty server and checker thread, released by {@link #close}.
 */
public final class FakeElevenLabs implements AutoCloseable {
    private static final String PATH = "/v1/text-to-speech/{voice}/stream-input";

    private final ObjectMapper json = new ObjectMapper();
    private final String apiKey;
    private final Javalin server;
    private final List<StreamInputTraffic> connections = new CopyOnWriteArrayList<>();
    private final Map<String, StreamInputSession> live = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("fake-elevenlabs-idle").factory());
    private volatile Duration inactivityOverride;
    private volatile Duration chunkDelay = Duration.ZERO;

    private FakeElevenLabs(String apiKey) {
        this.apiKey = apiKey;
        this.server = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.router.mount(router -> {
                router.wsBeforeUpgrade(PATH, this::authorize);
                router.ws(PATH, ws -> {
                    ws.onConnect(this::connected);
                    ws.onMessage(ctx -> live.get(ctx.sessionId()).onText(ctx.message()));
                    ws.onClose(this::ended);
                    ws.onError(this::ended);
                });
            });
        });
    }

    /** Starts a fake on a free loopback port that accepts {@code apiKey}. */
    public static FakeElevenLabs start(String apiKey) {
        FakeElevenLabs fake = new FakeElevenLabs(apiKey);
        fake.server.start("127.0.0.1", 0);
        fake.checker.scheduleWithFixedDelay(
                () -> fake.live.values().forEach(StreamInputSession::checkInactivity), 50, 50, TimeUnit.MILLISECONDS);
        return fake;
    }

    /** {@code ws://127.0.0.1:<port>}: the base URL for the client. */
    public String baseUrl() {
        return "ws://127.0.0.1:" + server.port();
    }

    /** Overrides the inactivity timeout of sockets opened later (tests). */
    public FakeElevenLabs inactivityTimeout(Duration timeout) {
        this.inactivityOverride = timeout;
        return this;
    }

    /** A pause after each audio message (default none), for sockets opened later. */
    public FakeElevenLabs chunkDelay(Duration delay) {
        this.chunkDelay = delay;
        return this;
    }

    /** Traffic of every connection so far, oldest first. */
    public List<StreamInputTraffic> connections() {
        return List.copyOf(connections);
    }

    private void authorize(Context ctx) {
        String key = ctx.header("xi-api-key");
        String bearer = ctx.header("authorization");
        if (key == null && bearer != null && bearer.startsWith("Bearer ")) {
            key = bearer.substring("Bearer ".length());
        }
        if (key != null && !key.equals(apiKey)) {
            throw new HttpResponseException(HttpStatus.UNAUTHORIZED.getCode(), "Invalid API key");
        }
    }

    private void connected(WsContext ctx) {
        Map<String, String> query = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        StreamInputTraffic traffic = new StreamInputTraffic(ctx.pathParam("voice"), query);
        connections.add(traffic);
        boolean keyInHeader = ctx.header("xi-api-key") != null || ctx.header("authorization") != null;
        Duration inactivity = inactivityOverride != null ? inactivityOverride
                : Duration.ofSeconds(Integer.parseInt(query.getOrDefault("inactivity_timeout", "20")));
        live.put(ctx.sessionId(), new StreamInputSession(json, ctx, traffic, apiKey, keyInHeader, inactivity,
                chunkDelay));
    }

    private void ended(WsContext ctx) {
        StreamInputSession session = live.remove(ctx.sessionId());
        if (session != null) {
            session.gone();
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
        server.stop();
    }
}
