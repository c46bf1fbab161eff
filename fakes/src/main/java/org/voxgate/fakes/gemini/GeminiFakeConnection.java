package org.voxgate.fakes.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.util.Base64;
import org.voxgate.fakes.realtime.ReplyScript;
import org.voxgate.fakes.realtime.SpeechTurns;
import org.voxgate.fakes.realtime.Tone;

/**
 * One client's session with {@link FakeGeminiLive}.
 *
 * <p>Threading: messages arrive on Jetty's thread for this socket, the reply runs on a virtual
 * thread; both send and change state under {@code this}.
 */
final class GeminiFakeConnection {
    static final ObjectMapper JSON = new ObjectMapper();

    private final WsContext ctx;
    private final boolean authorized;
    private final FakeGeminiLive fake;
    private final SpeechTurns turns = new SpeechTurns(16000, 500);
    private boolean setUp;
    private boolean binaryNext = true;
    private long userAudioMillis;
    private int calls;
    private String pendingCall;
    private GeminiFakeReply active;

    GeminiFakeConnection(WsContext ctx, boolean authorized, FakeGeminiLive fake) {
        this.ctx = ctx;
        this.authorized = authorized;
        this.fake = fake;
    }

    /** Sends one message, alternately as a binary frame of UTF-8 JSON and as text. */
    synchronized void send(ObjectNode message) {
        fake.recordSent(message);
        if (binaryNext) {
            ctx.send(FakeGeminiLive.utf8(message.toString()));
        } else {
            ctx.send(message.toString());
        }
        binaryNext = !binaryNext;
    }

    synchronized void onMessage(String text) {
        if (!authorized) {
            ctx.closeSession(1007, "API key not valid. Please pass a valid API key.");
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            ctx.closeSession(1007, "Invalid JSON payload received.");
            return;
        }
        fake.record(message);
        if (!setUp) {
            setup(message.path("setup"));
        } else if (message.has("realtimeInput")) {
            realtimeInput(message.get("realtimeInput"));
        } else if (message.has("toolResponse")) {
            toolResponse(message.get("toolResponse"));
        } else if (!message.has("clientContent")) {
            ctx.closeSession(1007, "Request contains an invalid argument.");
        }
    }

    private void setup(JsonNode setup) {
        if (setup.isMissingNode() || !setup.path("model").asText().startsWith("models/")) {
            ctx.closeSession(1007, "Request contains an invalid argument.");
            return;
        }
        setUp = true;
        turns.silenceMillis(setup.path("realtimeInputConfig").path("automaticActivityDetection")
                .path("silenceDurationMs").asInt(500));
        ObjectNode complete = JSON.createObjectNode();
        complete.putObject("setupComplete");
        send(complete);
    }

    private void realtimeInput(JsonNode input) {
        JsonNode audio = input.has("audio") ? input.get("audio") : input.path("mediaChunks").path(0);
        if (audio.isMissingNode()) {
            return;
        }
        if (!"audio/pcm;rate=16000".equals(audio.path("mimeType").asText())) {
            ctx.closeSession(1007, "Unsupported audio mime type: " + audio.path("mimeType").asText());
            return;
        }
        short[] pcm = Tone.fromLittleEndian(Base64.getDecoder().decode(audio.path("data").asText()));
        userAudioMillis += pcm.length / 16;
        switch (turns.feed(pcm)) {
            case SPEECH_STARTED -> {
                if (active != null) {
                    active.stop();
                    active = null;
                    ObjectNode interrupted = JSON.createObjectNode();
                    interrupted.putObject("serverContent").put("interrupted", true);
                    send(interrupted);
                }
            }
            case SPEECH_STOPPED -> turnEnded();
            case NONE -> { }
        }
    }

    private void turnEnded() {
        ObjectNode heard = JSON.createObjectNode();
        heard.putObject("serverContent").putObject("inputTranscription").put("text", fake.script().userTranscript());
        send(heard);
        ReplyScript script = fake.script();
        if (script.toolName() != null) {
            pendingCall = "function-call-" + (++calls);
            ObjectNode call = JSON.createObjectNode();
            ObjectNode function = call.putObject("toolCall").putArray("functionCalls").addObject()
                    .put("id", pendingCall).put("name", script.toolName());
            try {
                function.set("args", JSON.readTree(script.toolArguments()));
            } catch (Exception e) {
                throw new IllegalArgumentException("bad scripted arguments", e);
            }
            send(call);
            return;
        }
        reply(script);
    }

    private void toolResponse(JsonNode response) {
        JsonNode answer = response.path("functionResponses").path(0);
        if (pendingCall == null || !pendingCall.equals(answer.path("id").asText())) {
            ctx.closeSession(1007, "Request contains an invalid argument.");
            return;
        }
        pendingCall = null;
        reply(fake.script());
    }

    private void reply(ReplyScript script) {
        active = new GeminiFakeReply(this, script);
        Thread.ofVirtual().name("fake-gemini-reply").start(active);
    }

    synchronized void finished(GeminiFakeReply reply) {
        if (active == reply) {
            active = null;
        }
    }

    /** The usage Gemini reports with a finished turn. */
    synchronized ObjectNode usage(long outputMillis, String transcript) {
        long promptAudio = userAudioMillis * 32 / 1000;
        long promptText = 20;
        long responseAudio = outputMillis * 32 / 1000;
        long responseText = (transcript.length() + 3) / 4;
        ObjectNode usage = JSON.createObjectNode().put("promptTokenCount", promptAudio + promptText)
                .put("responseTokenCount", responseAudio + responseText)
                .put("totalTokenCount", promptAudio + promptText + responseAudio + responseText);
        usage.putArray("promptTokensDetails").add(detail("TEXT", promptText)).add(detail("AUDIO", promptAudio));
        usage.putArray("responseTokensDetails").add(detail("AUDIO", responseAudio)).add(detail("TEXT", responseText));
        return usage;
    }

    private static ObjectNode detail(String modality, long count) {
        return JSON.createObjectNode().put("modality", modality).put("tokenCount", count);
    }

    synchronized void closed() {
        if (active != null) {
            active.stop();
        }
    }
}
