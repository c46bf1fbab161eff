package org.voxgate.fakes.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake streaming language-model endpoint on 127.0.0.1 (a free port chosen at start): checks
 * the vendor's auth headers, records each request body, and streams the next
 * {@link ScriptedReply} as server-sent events; it can refuse the next requests with an HTTP
 * error, delay between events (none by default: the zero-latency mode for benchmarks) and
 * break a stream where the reply says. A subclass speaks one vendor's wire format.
 *
 * <p>Threading: thread-safe. Requests are served on Jetty's virtual threads; the scripting
 * methods and the recorded traffic may be used from any thread. Owns its server; {@link #close}
 * stops it.
 */
public abstract class SseFakeServer implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private volatile Javalin app;
    private final Deque<ScriptedReply> replies = new ArrayDeque<>();
    private ScriptedReply always;
    private int failuresLeft;
    private int failureStatus;
    private volatile Duration delay = Duration.ZERO;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger broken = new AtomicInteger();
    private final AtomicInteger clientGone = new AtomicInteger();

    /** A refused request: the status and the vendor's JSON error body. */
    public record Refusal(int status, String body) {}

    protected SseFakeServer(String path) {
        this.path = path;
    }

    /**
     * Starts serving; the subclass's factory calls it once, after construction, so no request
     * reaches a half-built fake.
     */
    protected final void listen() {
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.useVirtualThreads = true;
            config.http.disableCompression();
        }).post(path, this::handle).start("127.0.0.1", 0);
    }

    /** {@code http://127.0.0.1:<port>}: the client's base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Queues replies, one per request, in order. */
    public synchronized void enqueue(ScriptedReply... scripted) {
        replies.addAll(List.of(scripted));
    }

    /** Answers every request with this reply once the queue is empty (benchmarks). */
    public synchronized void replyAlways(ScriptedReply reply) {
        this.always = reply;
    }

    /** Refuses the next {@code times} authorized requests with {@code status} and the vendor's error body. */
    public synchronized void failNext(int times, int status) {
        this.failuresLeft = times;
        this.failureStatus = status;
    }

    /** Waits this long between events ({@link Duration#ZERO}, the default, for none). */
    public void delayBetweenEvents(Duration delay) {
        this.delay = delay;
    }

    /** Bodies of the requests that passed the auth check, in arrival order (refused ones included). */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** Every request that reached the endpoint, refused or not. */
    public int attempts() {
        return attempts.get();
    }

    /** Streams written to their end marker. */
    public int completedStreams() {
        return completed.get();
    }

    /** Streams broken on purpose by the script (error event or dropped connection). */
    public int brokenStreams() {
        return broken.get();
    }

    /** Streams the client closed before the fake had written them out. */
    public int streamsClosedByClient() {
        return clientGone.get();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The vendor's check of the auth and version headers; {@code null} when the request may pass. */
    protected abstract Refusal checkHeaders(Context ctx);

    /** The vendor's JSON error body for an HTTP error. */
    protected abstract String errorBody(int status, String message);

    /** Streams {@code reply} for {@code request} in the vendor's format, end marker included. */
    protected abstract void writeReply(EventSink sink, JsonNode request, ScriptedReply reply) throws IOException;

    /** The vendor's mid-stream error event. */
    protected abstract void writeStreamError(EventSink sink) throws IOException;

    private void handle(Context ctx) {
        attempts.incrementAndGet();
        Refusal refusal = checkHeaders(ctx);
        JsonNode body = null;
        if (refusal == null) {
            try {
                body = JSON.readTree(ctx.body());
            } catch (IOException e) {
                refusal = new Refusal(400, errorBody(400, "We could not parse the JSON body of your request."));
            }
        }
        if (refusal == null && !body.path("stream").asBoolean(false)) {
            refusal = new Refusal(400, errorBody(400, "fake: only stream:true is supported"));
        }
        if (refusal == null) {
            requests.add(body);
            refusal = scriptedFailure();
        }
        ScriptedReply reply = refusal == null ? nextReply() : null;
        if (refusal == null && reply == null) {
            refusal = new Refusal(500, errorBody(500, "fake: no reply scripted for this request"));
        }
        if (refusal != null) {
            ctx.status(refusal.status()).contentType("application/json").result(refusal.body());
            return;
        }
        stream(ctx, body, reply);
    }

    private synchronized Refusal scriptedFailure() {
        if (failuresLeft <= 0) {
            return null;
        }
        failuresLeft--;
        return new Refusal(failureStatus, errorBody(failureStatus, "fake: scripted failure"));
    }

    private synchronized ScriptedReply nextReply() {
        ScriptedReply next = replies.poll();
        return next != null ? next : always;
    }

    private void stream(Context ctx, JsonNode request, ScriptedReply reply) {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        try {
            OutputStream out = response.getOutputStream();
            try {
                writeReply(new EventSink(out, delay, reply.breakAfter()), request, reply);
                completed.incrementAndGet();
            } catch (EventSink.BreakNow scripted) {
                broken.incrementAndGet();
                if (reply.breakMode() == ScriptedReply.Break.ERROR_EVENT) {
                    writeStreamError(new EventSink(out, Duration.ZERO, -1));
                } else {
                    drop(ctx);
                }
            }
        } catch (IOException e) {
            clientGone.incrementAndGet();
        }
    }

    /** Cuts the connection without ending the chunked response, as a crashed server would. */
    private static void drop(Context ctx) {
        org.eclipse.jetty.server.Request.getBaseRequest(ctx.req()).getHttpChannel()
                .abort(new IOException("fake: connection dropped by script"));
    }
}
