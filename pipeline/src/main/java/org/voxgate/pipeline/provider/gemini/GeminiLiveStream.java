package org.voxgate.pipeline.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.audio.Resampler;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSocket;
import org.voxgate.pipeline.provider.RealtimeListener;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.RealtimeStream;
import org.voxgate.pipeline.provider.ToolCall;

/**
 * One call's Gemini Live conversation. A connection attempt is the WebSocket plus
 * {@code setup} answered by {@code setupComplete}: Gemini refuses a bad key or setup by closing
 * the socket (1007/1008) after the handshake, so that close counts as a non-retryable failed
 * attempt. Until {@code setupComplete}, caller audio waits in a bounded backlog.
 *
 * <p>Threading: {@link #sendAudio} from the call's pipeline thread (it owns the 8-&gt;16 kHz
 * resampler), the rest from any thread; nothing blocks. Server messages arrive on the socket's
 * thread. Ownership: the stream owns its socket; {@link #close} releases it.
 */
final class GeminiLiveStream implements RealtimeStream {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiLiveStream.class);
    private static final int BACKLOG_LIMIT = 500;

    private final String vendor;
    private final String model;
    private final RealtimeSession session;
    private final RealtimeListener listener;
    private final ProviderGuard guard;
    private final GeminiServerMessages messages;
    private final ArrayDeque<String> backlog = new ArrayDeque<>();
    private final Resampler up = new Resampler(8000, 16000);
    private short[] wide = new short[0];
    private byte[] bytes = new byte[0];
    private ProviderSocket socket;
    private volatile boolean closed;

    GeminiLiveStream(String vendor, String model, RealtimeSession session, RealtimeListener listener,
            ProviderGuard guard) {
        this.vendor = vendor;
        this.model = model;
        this.session = session;
        this.listener = listener;
        this.guard = guard;
        this.messages = new GeminiServerMessages(vendor, listener);
    }

    /** Connects and sets up (retrying through the guard); blocks, so it runs on a virtual thread. */
    void connect(HttpClient http, URI uri, Duration timeout) {
        ProviderSocket ready;
        try {
            ready = guard.call(() -> attempt(http, uri, timeout));
        } catch (ProviderException e) {
            if (!closed) {
                listener.onError(e);
            }
            return;
        }
        synchronized (this) {
            socket = ready;
            if (!session.greeting().isEmpty()) {
                ready.sendText(GeminiSetup.greeting(session.greeting()));
            }
            while (!backlog.isEmpty()) {
                ready.sendText(backlog.pollFirst());
            }
        }
        if (closed) {
            ready.close();
        }
    }

    private ProviderSocket attempt(HttpClient http, URI uri, Duration timeout) throws ProviderException {
        Attempt attempt = new Attempt();
        ProviderSocket candidate = ProviderSocket.connect(http, vendor, uri, Map.of(), timeout, attempt);
        candidate.sendText(GeminiSetup.setup(model, session));
        try {
            attempt.setupComplete.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return candidate;
        } catch (ExecutionException e) {
            throw (ProviderException) e.getCause();
        } catch (TimeoutException e) {
            candidate.abort();
            throw new ProviderException(vendor, "no setupComplete within " + timeout.toMillis() + " ms", true, e);
        } catch (InterruptedException e) {
            candidate.abort();
            Thread.currentThread().interrupt();
            throw new ProviderException(vendor, "interrupted while setting up", false, e);
        }
    }

    private synchronized void send(String message) {
        if (closed) {
            return;
        }
        if (socket != null) {
            socket.sendText(message);
            return;
        }
        if (backlog.size() >= BACKLOG_LIMIT) {
            backlog.pollFirst(); // still setting up: the oldest audio is the least useful
        }
        backlog.addLast(message);
    }

    @Override
    public void sendAudio(short[] pcm, int offset, int length) {
        int max = up.maxOutputLength(length);
        if (wide.length < max) {
            wide = new short[max];
            bytes = new byte[max * 2];
        }
        int n = up.process(pcm, offset, length, wide, 0);
        for (int i = 0; i < n; i++) {
            bytes[2 * i] = (byte) wide[i];
            bytes[2 * i + 1] = (byte) (wide[i] >> 8);
        }
        String data = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, 2 * n));
        send("{\"realtimeInput\":{\"audio\":{\"data\":\"" + data + "\",\"mimeType\":\"audio/pcm;rate=16000\"}}}");
    }

    /**
     * Nothing to send: with {@code START_OF_ACTIVITY_INTERRUPTS} Gemini has already stopped the
     * reply when it reports {@code interrupted}, and its conversation has no item to truncate
     * (it keeps only what it generated before the interruption).
     */
    @Override
    public void interrupt(long playedMillis) {
    }

    @Override
    public void sendToolResult(ToolCall call, String resultJson) {
        send(GeminiSetup.toolResponse(call, resultJson));
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

    private void broken(ProviderException error) {
        if (!closed) {
            closed = true;
            guard.streamFailed(error);
            listener.onError(error);
        }
    }

    /** One connection attempt's handler: waits for {@code setupComplete}, then serves the stream. */
    private final class Attempt implements ProviderSocket.Handler {
        final CompletableFuture<Void> setupComplete = new CompletableFuture<>();

        @Override
        public void onText(String text) {
            JsonNode message;
            try {
                message = GeminiSetup.JSON.readTree(text);
            } catch (Exception e) {
                LOG.warn("{} live: unreadable server message ignored: {}", vendor, e.getMessage());
                return;
            }
            if (message.has("setupComplete")) {
                setupComplete.complete(null);
            } else if (setupComplete.isDone()) {
                messages.onMessage(message);
            }
        }

        @Override
        public void onBinary(ByteBuffer data) {
            onText(StandardCharsets.UTF_8.decode(data).toString()); // Gemini sends JSON in binary frames too
        }

        @Override
        public void onClosed(int code, String reason) {
            boolean refused = code == 1007 || code == 1008;
            ProviderException error = new ProviderException(vendor, "live socket closed: " + code + " " + reason, !refused);
            if (!setupComplete.completeExceptionally(error)) {
                broken(error);
            }
        }

        @Override
        public void onFailure(Throwable cause) {
            ProviderException error = new ProviderException(vendor, "live socket failed: " + cause, true, cause);
            if (!setupComplete.completeExceptionally(error)) {
                broken(error);
            }
        }
    }
}
