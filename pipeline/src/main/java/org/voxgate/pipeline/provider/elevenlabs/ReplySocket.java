package org.voxgate.pipeline.provider.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.voxgate.media.codec.G711;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSocket;

/**
 * One stream-input socket, used for one reply: opened (on a virtual thread, through the
 * guard) before the reply's text arrives, sent the init message, then text, then
 * {@code flush} and {@code {"text":""}}; it ends with {@code isFinal} and the server's close.
 * Messages given while connecting are queued. Decoded audio that arrives while an earlier
 * reply is still playing is kept ({@link #backlog}) by the owning stream.
 *
 * <p>Threading: sends from any thread; socket events come on the WebSocket's thread and are
 * handed to the owning {@link ElevenLabsTtsStream}, which serializes them.
 */
final class ReplySocket implements ProviderSocket.Handler {
    /** Opens a socket for a handler (so tests and the client share one connect path). */
    interface Connector {
        ProviderSocket connect(ProviderSocket.Handler handler) throws ProviderException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String vendor;
    private final ElevenLabsTtsStream owner;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    /** Audio received while an earlier reply was still playing; guarded by the owner's lock. */
    final List<short[]> backlog = new ArrayList<>();
    /** {@code isFinal} received; guarded by the owner's lock. */
    boolean finished;
    private ProviderSocket socket;
    private boolean aborted;
    private volatile String lastError;

    ReplySocket(String vendor, ElevenLabsTtsStream owner) {
        this.vendor = vendor;
        this.owner = owner;
    }

    void connect(ProviderGuard guard, Connector connector, String initMessage) {
        send(initMessage);
        Thread.ofVirtual().name(vendor + "-connect").start(() -> {
            try {
                ProviderSocket connected = guard.call(() -> connector.connect(this));
                synchronized (this) {
                    socket = connected;
                    pending.forEach(connected::sendText);
                    pending.clear();
                    if (aborted) {
                        connected.abort();
                    }
                }
            } catch (ProviderException e) {
                owner.failed(this, e, false);
            }
        });
    }

    synchronized void send(String text) {
        if (socket != null) {
            socket.sendText(text);
        } else if (!aborted) {
            pending.add(text);
        }
    }

    /** Drops the connection now; nothing it still delivers reaches the owner. */
    synchronized void abort() {
        aborted = true;
        pending.clear();
        if (socket != null) {
            socket.abort();
        }
    }

    synchronized boolean aborted() {
        return aborted;
    }

    @Override
    public void onText(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        if (message.hasNonNull("error")) {
            lastError = message.path("error").asText() + ": " + message.path("message").asText();
            return;
        }
        String audio = message.path("audio").asText(null);
        if (audio != null && !audio.isEmpty()) {
            byte[] ulaw = Base64.getDecoder().decode(audio);
            short[] pcm = new short[ulaw.length];
            G711.decodeUlaw(ulaw, 0, pcm, 0, ulaw.length);
            owner.audio(this, pcm);
        }
        if (message.path("isFinal").asBoolean(false) || message.path("is_final").asBoolean(false)) {
            owner.finished(this);
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        if (code == 1000) {
            owner.finished(this);
            return;
        }
        String why = lastError != null ? lastError : reason;
        // 1008 is the endpoint's policy close: a bad message or key will not get better, a timeout might.
        boolean retryable = code != 1008 || (lastError != null && lastError.startsWith("input_timeout_exceeded"));
        owner.failed(this, new ProviderException(vendor, "stream-input closed " + code + " " + why, retryable), true);
    }

    @Override
    public void onFailure(Throwable error) {
        owner.failed(this, new ProviderException(vendor, "stream-input broke: " + error, true, error), true);
    }
}
