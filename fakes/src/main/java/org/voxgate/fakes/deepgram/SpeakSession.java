package org.voxgate.fakes.deepgram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxgate.fakes.FakeAudio;

/**
 * One {@code /v1/speak} connection: {@code Speak} text is buffered, {@code Flush} renders it
 * as synthetic mu-law ({@link FakeAudio#voice}) in 20 ms binary frames followed by
 * {@code Flushed}, {@code Clear} stops whatever is being rendered and answers {@code Cleared},
 * {@code Close} closes with 1000 once queued audio is out.
 *
 * <p>Threading: messages arrive on Jetty's thread; rendering and every send run on this
 * session's own single thread, so a {@code Clear} can overtake audio being sent (with a
 * per-chunk delay) and all output stays ordered.
 */
final class SpeakSession {
    private final ObjectMapper json;
    private final WsContext ctx;
    private final SpeakTraffic traffic;
    private final Duration chunkDelay;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    /** Bumped by Clear: rendering of an older epoch stops. */
    private final AtomicInteger epoch = new AtomicInteger();
    private final StringBuilder buffer = new StringBuilder();
    private int flushes;
    private int clears;

    SpeakSession(ObjectMapper json, WsContext ctx, SpeakTraffic traffic, Duration chunkDelay) {
        this.json = json;
        this.ctx = ctx;
        this.traffic = traffic;
        this.chunkDelay = chunkDelay;
        String model = traffic.query().getOrDefault("model", "aura-asteria-en");
        String id = UUID.randomUUID().toString();
        sender.execute(() -> ctx.send(json.createObjectNode().put("type", "Metadata").put("request_id", id)
                .put("model_name", model).put("model_version", "fake").put("model_uuid", id).toString()));
    }

    /** Called on Jetty's thread, one message at a time. */
    void onText(String text) throws Exception {
        traffic.text(text);
        var message = json.readTree(text);
        switch (message.path("type").asText()) {
            case "Speak" -> buffer.append(message.path("text").asText());
            case "Flush" -> {
                String toRender = buffer.toString();
                buffer.setLength(0);
                int sequence = flushes++;
                int myEpoch = epoch.get();
                sender.execute(() -> render(toRender, sequence, myEpoch));
            }
            case "Clear" -> {
                buffer.setLength(0);
                int sequence = clears++;
                epoch.incrementAndGet();
                sender.execute(() -> ctx.send(json.createObjectNode().put("type", "Cleared")
                        .put("sequence_id", sequence).toString()));
            }
            case "Close" -> sender.execute(() -> ctx.closeSession(1000, ""));
            default -> sender.execute(() -> ctx.send(json.createObjectNode().put("type", "Warning")
                    .put("description", "unknown message type").put("code", "UNKNOWN").toString()));
        }
    }

    private void render(String text, int sequence, int myEpoch) {
        if (epoch.get() != myEpoch) {
            return;
        }
        if (!text.isEmpty()) {
            byte[] audio = FakeAudio.voice(text);
            for (int at = 0; at < audio.length; at += FakeAudio.FRAME_BYTES) {
                if (epoch.get() != myEpoch || !ctx.session.isOpen()) {
                    return;
                }
                ctx.send(ByteBuffer.wrap(audio, at, FakeAudio.FRAME_BYTES));
                traffic.audioSent(FakeAudio.FRAME_BYTES);
                pause();
            }
        }
        ctx.send(json.createObjectNode().put("type", "Flushed").put("sequence_id", sequence).toString());
    }

    private void pause() {
        if (chunkDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(chunkDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void closed() {
        epoch.incrementAndGet();
        sender.shutdownNow();
    }
}
