package org.voxgate.pipeline.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.voxgate.media.codec.G711;

/**
 * Writes the messages Twilio sends on a bidirectional Media Stream, field for field (PROTOCOLS.md
 * §6): {@code connected}, {@code start}, {@code media}, {@code dtmf}, {@code mark} (our echo)
 * and {@code stop}. Every message after {@code connected} carries the next
 * {@code sequenceNumber}; {@code media} carries the next {@code chunk} and a {@code timestamp}
 * in milliseconds since the stream started, taken from the media timeline (20 ms per chunk of
 * 160 samples) so it matches the audio even when frames are delivered late. Numbers are
 * strings, as Twilio sends them.
 *
 * <p>Threading: thread-safe; numbering and sending happen under one lock, so the bot receives
 * sequence numbers in order even when media (media thread), mark echoes (ticker) and digits
 * are written concurrently. The sink must not block (ProviderSocket queues).
 */
final class TwilioStreamWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> sink;
    private final String streamSid;
    private final String accountSid;
    private final String callSid;
    private long sequence;
    private long chunk;
    private long mediaMillis;

    TwilioStreamWriter(Consumer<String> sink, String streamSid, String accountSid, String callSid) {
        this.sink = sink;
        this.streamSid = streamSid;
        this.accountSid = accountSid;
        this.callSid = callSid;
    }

    String streamSid() {
        return streamSid;
    }

    synchronized void connected() {
        ObjectNode m = JSON.createObjectNode().put("event", "connected").put("protocol", "Call").put("version", "1.0.0");
        sink.accept(m.toString());
    }

    synchronized void start(Map<String, String> customParameters) {
        ObjectNode m = numbered("start");
        ObjectNode start = m.putObject("start").put("accountSid", accountSid).put("streamSid", streamSid)
                .put("callSid", callSid);
        start.putArray("tracks").add("inbound");
        ObjectNode params = start.putObject("customParameters");
        customParameters.forEach(params::put);
        start.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
        sink.accept(m.toString());
    }

    /** One frame of caller audio, 8 kHz PCM, sent as base64 μ-law. */
    synchronized void media(short[] pcm, int length) {
        byte[] ulaw = new byte[length];
        G711.encodeUlaw(pcm, 0, ulaw, 0, length);
        ObjectNode m = numbered("media");
        m.putObject("media").put("track", "inbound").put("chunk", Long.toString(++chunk))
                .put("timestamp", Long.toString(mediaMillis)).put("payload", Base64.getEncoder().encodeToString(ulaw));
        mediaMillis += length * 1000L / 8000;
        sink.accept(m.toString());
    }

    synchronized void dtmf(char digit) {
        ObjectNode m = numbered("dtmf");
        m.putObject("dtmf").put("track", "inbound_track").put("digit", String.valueOf(digit));
        sink.accept(m.toString());
    }

    /** The echo of a bot's mark: its audio has been played (or cleared). */
    synchronized void mark(String name) {
        ObjectNode m = numbered("mark");
        m.putObject("mark").put("name", name);
        sink.accept(m.toString());
    }

    synchronized void stop() {
        ObjectNode m = numbered("stop");
        m.putObject("stop").put("accountSid", accountSid).put("callSid", callSid);
        sink.accept(m.toString());
    }

    private ObjectNode numbered(String event) {
        return JSON.createObjectNode().put("event", event).put("sequenceNumber", Long.toString(++sequence))
                .put("streamSid", streamSid);
    }
}
