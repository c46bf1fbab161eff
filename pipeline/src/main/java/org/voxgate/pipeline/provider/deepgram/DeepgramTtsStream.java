package org.voxgate.pipeline.provider.deepgram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.codec.G711;
import org.voxgate.pipeline.provider.ProviderAction;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSocket;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;

/**
 * One call's Aura socket. {@link #clear} sends {@code Clear} and, until the matching
 * {@code Cleared} arrives, drops every audio frame and {@code Flushed} (they belong to text
 * given before the clear). Usage is the characters of each {@link #speak}, reported from
 * {@code speak} itself.
 *
 * <p>Threading: any thread; nothing blocks. Audio, {@code onFlushed} and {@code onError}
 * come on the WebSocket's thread (or the connecting thread for a refused connection);
 * {@code onUsage} comes on the thread that calls {@code speak}.
 */
final class DeepgramTtsStream implements TtsStream, ProviderSocket.Handler {
    private static final Logger log = LoggerFactory.getLogger(DeepgramTtsStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String vendor;
    private final TtsListener listener;
    private final ProviderGuard guard;
    private final LazySocket socket;
    /** Clears sent whose {@code Cleared} has not come back yet: audio is stale while above zero. */
    private final AtomicInteger clearsInFlight = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    /** Reused decode buffer; only the WebSocket thread touches it. */
    private short[] pcm = new short[1600];

    DeepgramTtsStream(String vendor, TtsListener listener, ProviderGuard guard) {
        this.vendor = vendor;
        this.listener = listener;
        this.guard = guard;
        this.socket = new LazySocket(vendor, Integer.MAX_VALUE);
    }

    void start(ProviderAction<ProviderSocket> connect) {
        socket.connect(guard, connect, s -> { }, e -> {
            if (!closing.get()) {
                fail(e, false);
            }
        });
    }

    @Override
    public void speak(String text) {
        if (text.isEmpty()) {
            return;
        }
        socket.sendText(JSON.createObjectNode().put("type", "Speak").put("text", text).toString());
        listener.onUsage(text.length());
    }

    @Override
    public void flush() {
        socket.sendText("{\"type\":\"Flush\"}");
    }

    @Override
    public void clear() {
        clearsInFlight.incrementAndGet();
        socket.sendText("{\"type\":\"Clear\"}");
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            socket.end("{\"type\":\"Close\"}", CLOSE_GRACE);
        }
    }

    @Override
    public void onBinary(ByteBuffer data) {
        if (clearsInFlight.get() > 0) {
            return;
        }
        int length = data.remaining();
        if (pcm.length < length) {
            pcm = new short[length];
        }
        int start = data.position();
        for (int i = 0; i < length; i++) {
            pcm[i] = G711.ulawToLinear(data.get(start + i));
        }
        listener.onAudio(pcm, 0, length);
    }

    @Override
    public void onText(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            log.warn("{}: unreadable message ignored: {}", vendor, e.getMessage());
            return;
        }
        switch (message.path("type").asText()) {
            case "Flushed" -> {
                if (clearsInFlight.get() == 0) {
                    listener.onFlushed();
                }
            }
            case "Cleared" -> clearsInFlight.updateAndGet(n -> Math.max(0, n - 1));
            case "Warning" -> log.warn("{}: warning {}: {}", vendor, message.path("code").asText(),
                    message.path("description").asText());
            default -> { } // Metadata: nothing to do
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        if (!closing.get()) {
            fail(new ProviderException(vendor, "speak socket closed by the provider: " + code + " " + reason,
                    code != 1008 && code != 1009), true);
        }
    }

    @Override
    public void onFailure(Throwable error) {
        if (!closing.get()) {
            fail(new ProviderException(vendor, "speak socket broke: " + error, true, error), true);
        }
    }

    private void fail(ProviderException error, boolean established) {
        if (failed.compareAndSet(false, true)) {
            socket.abort();
            if (established) {
                guard.streamFailed(error);
            }
            listener.onError(error);
        }
    }
}
