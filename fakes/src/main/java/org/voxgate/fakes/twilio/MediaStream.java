package org.voxgate.fakes.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * One Media Stream as the fake bot saw it (one WebSocket connection, one call): every message
 * received, the {@code start} fields, the caller audio, digits, marks it sent and marks echoed
 * back, and every deviation from what Twilio sends ({@link #problems()}). Also the bot's
 * controls: send media, a mark, {@code clear}, anything raw, or hang up.
 *
 * <p>Threading: thread-safe; recorded traffic may be read from any thread while Jetty's thread
 * adds to it.
 */
public final class MediaStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WsContext ws;
    private final FakeMediaStreamsBot bot;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> marksSent = new CopyOnWriteArrayList<>();
    private final List<String> marksEchoed = new CopyOnWriteArrayList<>();
    private final List<String> digits = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream callerAudio = new ByteArrayOutputStream();
    private volatile JsonNode start;
    private volatile String streamSid;
    private volatile boolean stopped;
    private volatile int closeCode = -1;
    private long lastSequence;
    private long lastChunk;
    private long lastTimestamp = -1;
    private int echoed;

    MediaStream(WsContext ws, FakeMediaStreamsBot bot) {
        this.ws = ws;
        this.bot = bot;
    }

    synchronized void onText(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (Exception e) {
            problems.add("not JSON: " + text);
            return;
        }
        received.add(m);
        String event = m.path("event").asText();
        if (received.size() == 1) {
            if (!event.equals("connected") || !m.path("protocol").asText().equals("Call")
                    || !m.path("version").asText().equals("1.0.0")) {
                problems.add("first message is not connected/Call/1.0.0: " + text);
            }
            return;
        }
        checkSequence(m, text);
        switch (event) {
            case "start" -> onStart(m, text);
            case "media" -> onMedia(m, text);
            case "dtmf" -> onDtmf(m, text);
            case "mark" -> marksEchoed.add(m.path("mark").path("name").asText());
            case "stop" -> {
                stopped = true;
                JsonNode stop = m.path("stop");
                if (!stop.path("callSid").asText().equals(start == null ? null : start.path("callSid").asText())
                        || !stop.path("accountSid").asText().equals(start.path("accountSid").asText())) {
                    problems.add("stop does not name the start's accountSid and callSid: " + text);
                }
            }
            default -> problems.add("unexpected event: " + text);
        }
    }

    private void checkSequence(JsonNode m, String text) {
        JsonNode seq = m.path("sequenceNumber");
        if (!seq.isTextual() || Long.parseLong(seq.asText()) != lastSequence + 1) {
            problems.add("sequenceNumber is not the string " + (lastSequence + 1) + ": " + text);
        }
        lastSequence = seq.isTextual() ? Long.parseLong(seq.asText()) : lastSequence + 1;
        if (streamSid != null && !streamSid.equals(m.path("streamSid").asText())) {
            problems.add("streamSid differs from start's: " + text);
        }
    }

    private void onStart(JsonNode m, String text) {
        JsonNode s = m.path("start");
        start = s;
        streamSid = m.path("streamSid").asText();
        boolean ok = streamSid.matches("MZ[0-9a-f]{32}") && streamSid.equals(s.path("streamSid").asText())
                && s.path("accountSid").asText().matches("AC[0-9a-f]{32}")
                && s.path("callSid").asText().matches("CA[0-9a-f]{32}")
                && s.path("tracks").toString().equals("[\"inbound\"]")
                && s.path("customParameters").isObject()
                && s.path("mediaFormat").toString().equals(
                        "{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}");
        if (!ok || lastSequence != 1) {
            problems.add("start is not as Twilio sends it: " + text);
        }
    }

    private void onMedia(JsonNode m, String text) {
        JsonNode media = m.path("media");
        if (start == null) {
            problems.add("media before start: " + text);
        }
        long chunk = media.path("chunk").isTextual() ? Long.parseLong(media.path("chunk").asText()) : -1;
        long timestamp = media.path("timestamp").isTextual() ? Long.parseLong(media.path("timestamp").asText()) : -1;
        if (!media.path("track").asText().equals("inbound") || chunk != lastChunk + 1 || timestamp <= lastTimestamp) {
            problems.add("media track/chunk/timestamp not as Twilio sends them: " + text);
        }
        lastChunk = chunk;
        lastTimestamp = timestamp;
        String payload = media.path("payload").asText();
        byte[] ulaw = Base64.getDecoder().decode(payload);
        callerAudio.writeBytes(ulaw);
        if (bot.echoing()) {
            sendMediaPayload(payload);
            if (++echoed % bot.marksEvery() == 0) {
                sendMark("echo-" + echoed / bot.marksEvery());
            }
        }
    }

    private void onDtmf(JsonNode m, String text) {
        JsonNode dtmf = m.path("dtmf");
        if (!dtmf.path("track").asText().equals("inbound_track") || dtmf.path("digit").asText().length() != 1) {
            problems.add("dtmf not as Twilio sends it: " + text);
        }
        digits.add(dtmf.path("digit").asText());
    }

    /** Twilio sends text frames only; a binary one is a deviation. */
    void onBinary(int length) {
        problems.add("binary frame of " + length + " bytes (Twilio sends text only)");
    }

    void onClose(int code) {
        closeCode = code;
    }

    // ---- the bot's controls ----

    /** Sends μ-law audio to Voxgate as the bot would (no header). */
    public void sendMedia(byte[] ulaw) {
        sendMediaPayload(Base64.getEncoder().encodeToString(ulaw));
    }

    private void sendMediaPayload(String base64) {
        ObjectNode m = outbound("media");
        m.putObject("media").put("payload", base64);
        ws.send(m.toString());
    }

    /** Sends a mark; Voxgate should echo it once the audio before it has played. */
    public void sendMark(String name) {
        marksSent.add(name);
        ObjectNode m = outbound("mark");
        m.putObject("mark").put("name", name);
        ws.send(m.toString());
    }

    /** Sends {@code clear}: Voxgate should drop queued audio and echo pending marks. */
    public void sendClear() {
        ws.send(outbound("clear").toString());
    }

    /** Sends any text frame (malformed messages). */
    public void sendRaw(String text) {
        ws.send(text);
    }

    /** Sends a binary frame, which Twilio refuses (31950). */
    public void sendBinary(byte[] data) {
        ws.send(ByteBuffer.wrap(data));
    }

    /** Closes the socket from the bot's side: the call should end. */
    public void hangUp() {
        ws.closeSession(1000, "bot done");
    }

    private ObjectNode outbound(String event) {
        return JSON.createObjectNode().put("event", event).put("streamSid", streamSid);
    }

    // ---- what was seen ----

    public List<JsonNode> received() { return List.copyOf(received); }

    /** Deviations from Twilio's messages; empty when Voxgate spoke the protocol exactly. */
    public List<String> problems() { return List.copyOf(problems); }

    /** The {@code start} object, or null before it came. */
    public JsonNode start() { return start; }

    public String streamSid() { return streamSid; }

    /** start.customParameters as a map (empty before start). */
    public Map<String, String> customParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode s = start;
        if (s != null) {
            s.path("customParameters").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /** Caller audio received so far, μ-law. */
    public synchronized byte[] callerAudio() { return callerAudio.toByteArray(); }

    public synchronized int mediaReceived() { return (int) lastChunk; }

    public List<String> marksSent() { return new ArrayList<>(marksSent); }

    public List<String> marksEchoed() { return new ArrayList<>(marksEchoed); }

    public List<String> digits() { return new ArrayList<>(digits); }

    /** Whether {@code stop} arrived. */
    public boolean stopped() { return stopped; }

    /** The close code, or -1 while open. */
    public int closeCode() { return closeCode; }

    /** Polls {@code condition} every 10 ms until it holds or {@code timeout} passes. */
    public static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
