package org.voxgate.fakes.twilio;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bot written for Twilio Media Streams, as an operator would run it: a WebSocket server
 * (Javalin 6) on 127.0.0.1 and a free port, path {@code /media}, that Voxgate's bridge
 * connects to per call. It checks that {@code connected}, {@code start}, {@code media},
 * {@code dtmf} and {@code stop} are exactly as Twilio sends them, echoes every caller
 * {@code media} payload back as outbound media (when {@link #echo echoing}), sends a
 * {@code mark} after every burst of {@link #marksEvery} echoed frames, and records the marks
 * that come back. Tests drive the rest through each {@link MediaStream}.
 *
 * <p>Threading: thread-safe; Jetty's threads record, tests read and control from theirs.
 */
public final class FakeMediaStreamsBot implements AutoCloseable {
    private final Javalin app;
    private final List<MediaStream> streams = new CopyOnWriteArrayList<>();
    private final Map<String, MediaStream> bySession = new ConcurrentHashMap<>();
    private volatile boolean echo = true;
    private volatile int marksEvery = 25;

    private FakeMediaStreamsBot() {
        app = Javalin.create(config -> config.showJavalinBanner = false);
        app.ws("/media", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(Duration.ofMinutes(5));
                MediaStream stream = new MediaStream(ctx, this);
                bySession.put(ctx.sessionId(), stream);
                streams.add(stream);
            });
            ws.onMessage(ctx -> bySession.get(ctx.sessionId()).onText(ctx.message()));
            ws.onBinaryMessage(ctx -> bySession.get(ctx.sessionId()).onBinary(ctx.length()));
            ws.onClose(ctx -> {
                MediaStream stream = bySession.get(ctx.sessionId());
                if (stream != null) {
                    stream.onClose(ctx.status());
                }
            });
        });
    }

    /** Starts on 127.0.0.1 and a free port. */
    public static FakeMediaStreamsBot start() {
        FakeMediaStreamsBot bot = new FakeMediaStreamsBot();
        bot.app.start("127.0.0.1", 0);
        return bot;
    }

    /** {@code ws://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "ws://127.0.0.1:" + app.port();
    }

    /** The URL to configure as the bridge bot's {@code bridge.url}. */
    public String url() {
        return baseUrl() + "/media";
    }

    /** Whether caller audio is echoed back (default true). */
    public FakeMediaStreamsBot echo(boolean on) {
        echo = on;
        return this;
    }

    /** Echoed frames per burst, after each of which a mark is sent (default 25, half a second). */
    public FakeMediaStreamsBot marksEvery(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1");
        }
        marksEvery = frames;
        return this;
    }

    boolean echoing() {
        return echo;
    }

    int marksEvery() {
        return marksEvery;
    }

    /** Streams so far, oldest first. */
    public List<MediaStream> streams() {
        return List.copyOf(streams);
    }

    /** Waits for the {@code n}-th stream (1-based) to have received its {@code start}. */
    public MediaStream awaitStarted(int n, Duration timeout) throws InterruptedException {
        if (!MediaStream.await(() -> streams.size() >= n && streams.get(n - 1).start() != null, timeout)) {
            throw new AssertionError("no started stream #" + n + " within " + timeout + "; streams: " + streams.size());
        }
        return streams.get(n - 1);
    }

    @Override
    public void close() {
        app.stop();
    }
}
