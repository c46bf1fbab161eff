package org.voxgate.pipeline.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.codec.G711;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSocket;
import org.voxgate.pipeline.provider.RealtimeListener;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.RealtimeStream;
import org.voxgate.pipeline.provider.ToolCall;

/**
 * One call's OpenAI Realtime conversation over WebSocket.
 *
 * <p>Until the server's {@code session.created} has been answered with {@code session.update}
 * (the audio format must be set before the first append), outgoing events wait in a bounded
 * backlog; the oldest audio is dropped beyond {@value #BACKLOG_LIMIT} events (10 s).
 *
 * <p>Threading: {@link #sendAudio} from the call's pipeline thread, the rest from any thread;
 * nothing blocks (sends are queued by {@link ProviderSocket}). Server events arrive on the
 * socket's thread. Ownership: the stream owns its socket; {@link #close} releases it.
 */
final class OpenAiRealtimeStream implements RealtimeStream, ProviderSocket.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiRealtimeStream.class);
    private static final int BACKLOG_LIMIT = 500;

    private final String vendor;
    private final RealtimeSession session;
    private final RealtimeListener listener;
    private final ProviderGuard guard;
    private final OpenAiSessionConfig config;
    private final OpenAiServerEvents events;
    private final ArrayDeque<String> backlog = new ArrayDeque<>();
    private ProviderSocket socket;
    private boolean configured;
    private volatile boolean closed;
    private byte[] ulaw = new byte[160];

    OpenAiRealtimeStream(String vendor, RealtimeSession session, RealtimeListener listener, ProviderGuard guard,
            OpenAiSessionConfig config) {
        this.vendor = vendor;
        this.session = session;
        this.listener = listener;
        this.guard = guard;
        this.config = config;
        this.events = new OpenAiServerEvents(vendor, listener, this::sessionCreated);
    }

    /** Connects (retrying through the guard); blocks, so it runs on a virtual thread of its own. */
    void connect(HttpClient http, URI uri, Map<String, String> headers, Duration timeout) {
        ProviderSocket connected;
        try {
            connected = guard.call(() -> ProviderSocket.connect(http, vendor, uri, headers, timeout, this));
        } catch (ProviderException e) {
            if (!closed) {
                listener.onError(e);
            }
            return;
        }
        synchronized (this) {
            socket = connected;
            flush();
        }
        if (closed) {
            connected.close();
        }
    }

    /** The server opened the session: configure it first, then greet, then what waited. */
    private synchronized void sessionCreated() {
        if (configured) {
            return;
        }
        configured = true;
        if (!session.greeting().isEmpty()) {
            backlog.addFirst(config.greeting(session.greeting()));
        }
        backlog.addFirst(config.sessionUpdate(session));
        flush();
    }

    private void flush() {
        if (socket != null && configured) {
            while (!backlog.isEmpty()) {
                socket.sendText(backlog.pollFirst());
            }
        }
    }

    private synchronized void send(String event) {
        if (closed) {
            return;
        }
        if (socket != null && configured) {
            socket.sendText(event);
            return;
        }
        if (backlog.size() >= BACKLOG_LIMIT) {
            backlog.pollFirst(); // still connecting: the oldest audio is the least useful
        }
        backlog.addLast(event);
    }

    @Override
    public void sendAudio(short[] pcm, int offset, int length) {
        if (ulaw.length < length) {
            ulaw = new byte[length];
        }
        G711.encodeUlaw(pcm, offset, ulaw, 0, length);
        String audio = Base64.getEncoder().encodeToString(length == ulaw.length ? ulaw
                : java.util.Arrays.copyOf(ulaw, length));
        send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + audio + "\"}");
    }

    @Override
    public void interrupt(long playedMillis) {
        OpenAiServerEvents.InterruptTarget target = events.takeInterruptTarget();
        if (target.responseInProgress()) {
            send("{\"type\":\"response.cancel\"}");
        }
        if (target.itemId() != null) {
            // never past the audio received: the API rejects a truncate longer than the item
            long end = Math.max(0, Math.min(playedMillis, target.audioMillis()));
            send(config.truncate(target.itemId(), end));
        }
    }

    @Override
    public void sendToolResult(ToolCall call, String resultJson) {
        send(config.toolOutput(call.id(), resultJson));
        send("{\"type\":\"response.create\"}");
    }

    @Override
    public void close() {
        ProviderSocket open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            backlog.clear();
            open = socket;
        }
        if (open != null) {
            open.close();
        }
    }

    @Override
    public void onText(String text) {
        JsonNode event;
        try {
            event = OpenAiSessionConfig.JSON.readTree(text);
        } catch (Exception e) {
            LOG.warn("{} realtime: unreadable server event ignored: {}", vendor, e.getMessage());
            return;
        }
        events.onEvent(event);
    }

    @Override
    public void onClosed(int code, String reason) {
        if (!closed) {
            broken(new ProviderException(vendor, "realtime socket closed by the server: " + code + " " + reason,
                    code != 1008));
        }
    }

    @Override
    public void onFailure(Throwable error) {
        if (!closed) {
            broken(new ProviderException(vendor, "realtime socket failed: " + error, true, error));
        }
    }

    private void broken(ProviderException error) {
        closed = true;
        guard.streamFailed(error);
        listener.onError(error);
    }
}
