package org.voxgate.fakes.deepgram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.voxgate.fakes.FakeAudio;

/**
 * One {@code /v1/listen} connection: cuts the incoming mu-law audio into utterances by energy
 * in 20 ms frames and answers as Deepgram does (interim Results, a final one with
 * {@code speech_final} after {@code endpointing} ms of silence, {@code UtteranceEnd} after
 * {@code utterance_end_ms}, {@code SpeechStarted} with {@code vad_events}).
 *
 * <p>Threading: every method is synchronized; Jetty's thread and the fake's idle checker both
 * call in, and sends happen under the lock so they stay in order.
 */
final class ListenSession {
    /** RMS (16-bit scale) above which a 20 ms frame counts as speech. */
    private static final double SPEECH_RMS = 500;
    /** An interim result every 200 ms of speech. */
    private static final int INTERIM_FRAMES = 10;

    private enum State { IDLE, SPEAKING, ENDED }

    private final ObjectMapper json;
    private final WsContext ctx;
    private final ListenTraffic traffic;
    private final Supplier<String> script;
    private final String requestId = UUID.randomUUID().toString();
    private final int endpointingFrames;
    private final int utteranceEndFrames;
    private final boolean vadEvents;
    private final boolean interim;
    private final byte[] frame = new byte[FakeAudio.FRAME_BYTES];
    private int frameFill;
    private long framesReceived;
    private State state = State.IDLE;
    private String transcript = "";
    private long utteranceStartFrame;
    private int speechFrames;
    private int silenceFrames;
    private volatile long lastActivityNanos = System.nanoTime();
    private boolean closed;

    ListenSession(ObjectMapper json, WsContext ctx, ListenTraffic traffic, Supplier<String> script) {
        this.json = json;
        this.ctx = ctx;
        this.traffic = traffic;
        this.script = script;
        this.endpointingFrames = Math.max(1, millis(traffic.query().get("endpointing"), 10) / 20);
        int utteranceEnd = millis(traffic.query().get("utterance_end_ms"), 0);
        this.utteranceEndFrames = utteranceEnd <= 0 ? 0 : Math.max(1, utteranceEnd / 20);
        this.vadEvents = "true".equals(traffic.query().get("vad_events"));
        this.interim = "true".equals(traffic.query().get("interim_results"));
    }

    private static int millis(String value, int fallback) {
        if (value == null || value.equals("false")) {
            return fallback;
        }
        return Integer.parseInt(value);
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    long audioBytes() {
        return traffic.audioBytes();
    }

    synchronized void onAudio(byte[] data, int offset, int length) {
        lastActivityNanos = System.nanoTime();
        traffic.audio(length);
        for (int i = 0; i < length; i++) {
            frame[frameFill++] = data[offset + i];
            if (frameFill == frame.length) {
                frameFill = 0;
                framesReceived++;
                step(FakeAudio.rms(frame, 0, frame.length) > SPEECH_RMS);
            }
        }
    }

    synchronized void onText(String text) throws Exception {
        lastActivityNanos = System.nanoTime();
        traffic.text(text);
        String type = json.readTree(text).path("type").asText();
        switch (type) {
            case "KeepAlive" -> { }
            case "Finalize" -> {
                if (state == State.SPEAKING) {
                    results(transcript, true, false, true);
                    state = utteranceEndFrames > 0 ? State.ENDED : State.IDLE;
                } else {
                    results("", true, false, true);
                }
            }
            case "CloseStream" -> {
                if (state == State.SPEAKING) {
                    results(transcript, true, true, false);
                }
                ObjectNode metadata = json.createObjectNode().put("type", "Metadata")
                        .put("transaction_key", "deprecated").put("request_id", requestId).put("sha256", "")
                        .put("created", Instant.now().toString()).put("duration", seconds(framesReceived))
                        .put("channels", 1);
                send(metadata);
                close(1000, "");
            }
            default -> close(1008, "DATA-0000");
        }
    }

    private void step(boolean voiced) {
        if (voiced) {
            silenceFrames = 0;
            if (state != State.SPEAKING) {
                state = State.SPEAKING;
                transcript = script.get();
                utteranceStartFrame = framesReceived - 1;
                speechFrames = 0;
                if (vadEvents) {
                    send(json.createObjectNode().put("type", "SpeechStarted").<ObjectNode>set("channel", channel())
                            .put("timestamp", seconds(utteranceStartFrame)));
                }
            }
            speechFrames++;
            if (interim && speechFrames % INTERIM_FRAMES == 0) {
                String[] words = transcript.split(" ");
                int count = Math.min(words.length, speechFrames / INTERIM_FRAMES);
                results(String.join(" ", java.util.Arrays.copyOf(words, count)), false, false, false);
            }
            return;
        }
        silenceFrames++;
        if (state == State.SPEAKING && silenceFrames >= endpointingFrames) {
            results(transcript, true, true, false);
            state = utteranceEndFrames > 0 ? State.ENDED : State.IDLE;
        } else if (state == State.ENDED && silenceFrames >= utteranceEndFrames) {
            send(json.createObjectNode().put("type", "UtteranceEnd").<ObjectNode>set("channel", channel())
                    .put("last_word_end", seconds(framesReceived - silenceFrames)));
            state = State.IDLE;
        }
    }

    private void results(String text, boolean isFinal, boolean speechFinal, boolean fromFinalize) {
        double start = seconds(utteranceStartFrame);
        ObjectNode alternative = json.createObjectNode().put("transcript", text).put("confidence", 0.98);
        ArrayNode words = alternative.putArray("words");
        String[] split = text.isBlank() ? new String[0] : text.split(" ");
        double duration = Math.max(0.02, seconds(framesReceived) - start);
        for (int i = 0; i < split.length; i++) {
            words.addObject().put("word", split[i].toLowerCase()).put("start", start + duration * i / split.length)
                    .put("end", start + duration * (i + 1) / split.length).put("confidence", 0.98)
                    .put("punctuated_word", split[i]);
        }
        ObjectNode message = json.createObjectNode().put("type", "Results");
        message.putArray("channel_index").add(0).add(1);
        message.put("start", start).put("duration", duration).put("is_final", isFinal)
                .put("speech_final", speechFinal).put("from_finalize", fromFinalize);
        message.putObject("channel").putArray("alternatives").add(alternative);
        ObjectNode meta = message.putObject("metadata").put("request_id", requestId).put("model_uuid", requestId);
        meta.putObject("model_info").put("name", traffic.query().getOrDefault("model", "nova-3"))
                .put("version", "fake").put("arch", "fake");
        send(message);
    }

    private ArrayNode channel() {
        return json.createArrayNode().add(0).add(1);
    }

    private static double seconds(long frames) {
        return frames * 0.02;
    }

    private void send(ObjectNode message) {
        if (closed) {
            return;
        }
        String text = message.toString();
        traffic.sent(text);
        ctx.send(text);
    }

    synchronized void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        traffic.closed(code);
        ctx.closeSession(code, reason);
    }

    /** Drops the TCP connection without a close frame (a network failure, for failover tests). */
    synchronized void drop() {
        if (closed) {
            return;
        }
        closed = true;
        ctx.session.disconnect();
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
