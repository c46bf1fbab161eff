package org.voxgate.pipeline.provider.deepgram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.codec.G711;
import org.voxgate.pipeline.provider.ProviderAction;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSocket;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.SttStream;

/**
 * One call's Deepgram listen socket. Turn ends are de-duplicated: {@code speech_final} and
 * {@code UtteranceEnd} each end the turn, whichever comes first after words were heard; the
 * other is dropped. Interim results with an empty transcript are not passed on; final ones
 * always are (a {@code Finalize} is always answered). A close other than the one we asked for
 * (1008 {@code DATA}, 1009 {@code BIG}, 1011 {@code NET}, a dropped connection) is reported
 * once to {@link ProviderGuard#streamFailed} and {@link SttListener#onError}; there is no
 * reconnect here, a failover chain moves on.
 *
 * <p>Threading: {@link #sendAudio} from the call's pipeline thread, the rest from any thread;
 * nothing blocks but {@link #close}. Listener events come on the WebSocket's thread, one at a
 * time. Usage is reported once: Deepgram's {@code Metadata.duration}, or, if the stream ends
 * without it, the seconds of audio this client sent. {@link #close} waits for that report (at
 * most {@link #USAGE_WAIT}), because the call's cost is totalled as soon as its pipeline has
 * closed its streams: usage arriving later would be lost.
 */
final class DeepgramSttStream implements SttStream, ProviderSocket.Handler {
    private static final Logger log = LoggerFactory.getLogger(DeepgramSttStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ten seconds of 8 kHz mu-law held while connecting. */
    private static final int MAX_PENDING_BYTES = 80_000;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);
    /** How long {@link #close} waits for the usage report (Metadata answers CloseStream in milliseconds). */
    static final Duration USAGE_WAIT = Duration.ofSeconds(1);

    private final String vendor;
    private final SttListener listener;
    private final ProviderGuard guard;
    private final Duration keepAlive;
    private final LazySocket socket;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean usageReported = new AtomicBoolean();
    /** Down once usage was reported, or once there will be none (the connection never came up). */
    private final java.util.concurrent.CountDownLatch usageDone = new java.util.concurrent.CountDownLatch(1);
    /** Mu-law bytes given to the socket: the usage when the stream ends without Metadata. */
    private final java.util.concurrent.atomic.AtomicLong audioBytes = new java.util.concurrent.atomic.AtomicLong();
    /** Words were heard since the last end of turn; only the listener thread touches it. */
    private boolean turnOpen;

    DeepgramSttStream(String vendor, SttListener listener, ProviderGuard guard, Duration keepAlive) {
        this.vendor = vendor;
        this.listener = listener;
        this.guard = guard;
        this.keepAlive = keepAlive;
        this.socket = new LazySocket(vendor, MAX_PENDING_BYTES);
    }

    void start(ProviderAction<ProviderSocket> connect) {
        socket.connect(guard, connect, s -> s.keepAlive(keepAlive, "{\"type\":\"KeepAlive\"}"), this::connectFailed);
    }

    @Override
    public void sendAudio(short[] pcm, int offset, int length) {
        byte[] ulaw = new byte[length];
        G711.encodeUlaw(pcm, offset, ulaw, 0, length);
        audioBytes.addAndGet(length);
        socket.sendBinary(ByteBuffer.wrap(ulaw));
    }

    @Override
    public void finalizeTurn() {
        socket.sendText("{\"type\":\"Finalize\"}");
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            socket.end("{\"type\":\"CloseStream\"}", CLOSE_GRACE);
            try {
                usageDone.await(USAGE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void connectFailed(ProviderException error) {
        usageDone.countDown(); // nothing was streamed: no usage to wait for
        if (!closing.get()) {
            fail(error, false);
        }
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
            case "Results" -> results(message);
            case "UtteranceEnd" -> endOfTurn();
            case "SpeechStarted" -> listener.onSpeechStarted();
            case "Metadata" -> {
                if (usageReported.compareAndSet(false, true)) {
                    listener.onUsage(message.path("duration").asDouble(0));
                    usageDone.countDown();
                }
            }
            default -> log.debug("{}: ignored message type {}", vendor, message.path("type").asText());
        }
    }

    private void results(JsonNode message) {
        String transcript = message.path("channel").path("alternatives").path(0).path("transcript").asText("");
        boolean isFinal = message.path("is_final").asBoolean(false);
        if (!transcript.isBlank()) {
            turnOpen = true;
        }
        if (isFinal || !transcript.isBlank()) {
            listener.onTranscript(transcript, isFinal);
        }
        if (message.path("speech_final").asBoolean(false)) {
            endOfTurn();
        }
    }

    private void endOfTurn() {
        if (turnOpen) {
            turnOpen = false;
            listener.onEndOfTurn();
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        if (closing.get()) {
            reportOwnCount();
            return; // we asked for the end; whatever the provider closes with now is no failure
        }
        boolean retryable = code != 1008 && code != 1009;
        fail(new ProviderException(vendor, "stream closed by the provider: " + code + " " + reason, retryable), true);
    }

    @Override
    public void onFailure(Throwable error) {
        if (closing.get()) {
            reportOwnCount();
            return;
        }
        fail(new ProviderException(vendor, "stream broke: " + error, true, error), true);
    }

    private void fail(ProviderException error, boolean established) {
        if (!failed.compareAndSet(false, true)) {
            return;
        }
        socket.abort();
        if (established) {
            guard.streamFailed(error);
            reportOwnCount();
        }
        listener.onError(error);
    }

    /** The stream ended without Metadata: bill what we sent, the closest count there is. */
    private void reportOwnCount() {
        if (usageReported.compareAndSet(false, true)) {
            listener.onUsage(audioBytes.get() / 8000.0);
            usageDone.countDown();
        }
    }
}
