package org.voxgate.fakes.deepgram;

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
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Deepgram: live STT at {@code /v1/listen} ({@link ListenSession}) and Aura TTS at
 * {@code /v1/speak} ({@link SpeakSession}), with {@code Authorization: Token <key>} checked at
 * the upgrade (401 and a {@code dg-error} header otherwise). Transcripts come from a script
 * the test fills ({@link #script}); an empty script gives empty transcripts, as Deepgram does
 * for noise. Idle listen sockets are closed with 1011 {@code NET-0001} after
 * {@link #idleTimeout} (10 s by default, as Deepgram).
 *
 * <p>Threading: thread-safe; recorded traffic may be read at any time. Ownership: owns its
 * Jetty server and checker thread, released by {@link #close}.
 */
public final class FakeDeepgram implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final String apiKey;
    private final Javalin server;
    private final Queue<String> script = new ConcurrentLinkedQueue<>();
    private final List<ListenTraffic> listens = new CopyOnWriteArrayList<>();
    private final List<SpeakTraffic> speaks = new CopyOnWriteArrayList<>();
    private final Map<String, ListenSession> liveListens = new ConcurrentHashMap<>();
    private final Map<String, SpeakSession> liveSpeaks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("fake-deepgram-idle").factory());
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger upgrades = new AtomicInteger();
    private volatile int refusalStatus = 503;
    private volatile Duration idleTimeout = Duration.ofSeconds(10);
    private volatile Duration chunkDelay = Duration.ZERO;
    private volatile long dropAfterAudioBytes = Long.MAX_VALUE;
    private volatile AudioTap audioTap;

    /**
     * Told of every binary {@code /v1/listen} message as it arrives, with {@link System#nanoTime()}
     * read on arrival, before the fake looks at it (benchmarks time the path to the provider with
     * it). Called on Jetty's thread: copy what is needed and return; the bytes are Jetty's.
     */
    @FunctionalInterface
    public interface AudioTap {
        void received(byte[] data, int offset, int length, long nanoTime);
    }

    private FakeDeepgram(String apiKey) {
        this.apiKey = apiKey;
        this.server = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.router.mount(router -> {
                router.wsBeforeUpgrade("/v1/listen", this::authorize);
                router.wsBeforeUpgrade("/v1/speak", this::authorize);
                router.ws("/v1/listen", ws -> {
                    ws.onConnect(ctx -> {
                        ListenTraffic traffic = new ListenTraffic(query(ctx));
                        listens.add(traffic);
                        liveListens.put(ctx.sessionId(), new ListenSession(json, ctx, traffic, this::nextTranscript));
                    });
                    ws.onBinaryMessage(ctx -> {
                        long arrived = System.nanoTime();
                        AudioTap tap = audioTap;
                        if (tap != null) {
                            tap.received(ctx.data(), ctx.offset(), ctx.length(), arrived);
                        }
                        ListenSession session = liveListens.get(ctx.sessionId());
                        session.onAudio(ctx.data(), ctx.offset(), ctx.length());
                        if (session.audioBytes() >= dropAfterAudioBytes) {
                            // From the checker thread, so this read handler is not the one tearing its own connection down.
                            checker.execute(session::drop);
                        }
                    });
                    ws.onMessage(ctx -> liveListens.get(ctx.sessionId()).onText(ctx.message()));
                    ws.onClose(ctx -> liveListens.remove(ctx.sessionId()));
                    ws.onError(ctx -> liveListens.remove(ctx.sessionId()));
                });
                router.ws("/v1/speak", ws -> {
                    ws.onConnect(ctx -> {
                        SpeakTraffic traffic = new SpeakTraffic(query(ctx));
                        speaks.add(traffic);
                        liveSpeaks.put(ctx.sessionId(), new SpeakSession(json, ctx, traffic, chunkDelay));
                    });
                    ws.onMessage(ctx -> liveSpeaks.get(ctx.sessionId()).onText(ctx.message()));
                    ws.onClose(ctx -> endSpeak(ctx));
                    ws.onError(ctx -> endSpeak(ctx));
                });
            });
        });
    }

    /** Starts a fake on a free loopback port that accepts {@code apiKey}. */
    public static FakeDeepgram start(String apiKey) {
        FakeDeepgram fake = new FakeDeepgram(apiKey);
        fake.server.start("127.0.0.1", 0);
        fake.checker.scheduleWithFixedDelay(fake::closeIdle, 50, 50, TimeUnit.MILLISECONDS);
        return fake;
    }

    /** {@code ws://127.0.0.1:<port>}: the base URL for the clients. */
    public String baseUrl() {
        return "ws://127.0.0.1:" + server.port();
    }

    /** Queues the transcripts of the next utterances, one per utterance, in order. */
    public FakeDeepgram script(String... transcripts) {
        script.addAll(List.of(transcripts));
        return this;
    }

    /** How long a listen socket may get neither audio nor a text message before close 1011 NET-0001. */
    public FakeDeepgram idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /** A pause after each 20 ms chunk of TTS audio (default none), for speak sessions opened later. */
    public FakeDeepgram chunkDelay(Duration delay) {
        this.chunkDelay = delay;
        return this;
    }

    /** Refuses the next {@code count} upgrades with HTTP {@code status} (retry tests). */
    public FakeDeepgram refuseNext(int count, int status) {
        this.refusalStatus = status;
        refusals.set(count);
        return this;
    }

    /** Sets (or clears, with {@code null}) the tap told of each listen audio message on arrival. */
    public FakeDeepgram onListenAudio(AudioTap tap) {
        this.audioTap = tap;
        return this;
    }

    /** Drops every listen socket (no close frame) once it has received this much mu-law audio. */
    public FakeDeepgram dropListenAfterAudioBytes(long bytes) {
        this.dropAfterAudioBytes = bytes;
        return this;
    }

    /** Drops every open listen socket now, without a close frame (a network failure). */
    public void dropListenConnections() {
        liveListens.values().forEach(ListenSession::drop);
    }

    /** Traffic of every listen connection so far, oldest first. */
    public List<ListenTraffic> listenConnections() {
        return List.copyOf(listens);
    }

    /** Traffic of every speak connection so far, oldest first. */
    public List<SpeakTraffic> speakConnections() {
        return List.copyOf(speaks);
    }

    /** WebSocket upgrade requests so far, refused ones included (listen and speak). */
    public int upgradeAttempts() {
        return upgrades.get();
    }

    private String nextTranscript() {
        String next = script.poll();
        return next == null ? "" : next;
    }

    private void authorize(Context ctx) {
        upgrades.incrementAndGet();
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new HttpResponseException(refusalStatus, "refused by the test");
        }
        if (!("Token " + apiKey).equals(ctx.header("Authorization"))) {
            ctx.header("dg-error", "Invalid credentials.");
            throw new HttpResponseException(HttpStatus.UNAUTHORIZED.getCode(), "Invalid credentials.");
        }
    }

    private static Map<String, String> query(WsContext ctx) {
        Map<String, String> query = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        return query;
    }

    private void endSpeak(WsContext ctx) {
        SpeakSession session = liveSpeaks.remove(ctx.sessionId());
        if (session != null) {
            session.closed();
        }
    }

    private void closeIdle() {
        long limit = idleTimeout.toNanos();
        long now = System.nanoTime();
        for (ListenSession session : liveListens.values()) {
            if (!session.isClosed() && now - session.lastActivityNanos() > limit) {
                session.close(1011, "NET-0001");
            }
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
        liveSpeaks.values().forEach(SpeakSession::closed);
        server.stop();
    }
}
