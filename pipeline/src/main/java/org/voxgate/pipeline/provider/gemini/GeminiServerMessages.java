package org.voxgate.pipeline.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.audio.Resampler;
import org.voxgate.pipeline.provider.RealtimeListener;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;

/**
 * Turns Gemini Live server messages into {@link RealtimeListener} calls. Gemini has no
 * speech-started or response-created events: the caller's turn is taken as over (speech
 * stopped, transcript final) when the model's turn begins, and {@code interrupted} is the
 * barge-in signal (the server has already stopped generating).
 *
 * <p>Threading: the socket's thread only, one message at a time (the output resampler and the
 * turn state are not shared).
 */
final class GeminiServerMessages {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiServerMessages.class);

    private final String vendor;
    private final RealtimeListener listener;
    private final Resampler down = new Resampler(24000, 8000);
    private short[] wide = new short[0];
    private short[] narrow = new short[0];
    private final StringBuilder callerText = new StringBuilder();
    private boolean modelTurn;
    private TokenUsage usage = TokenUsage.NONE;

    GeminiServerMessages(String vendor, RealtimeListener listener) {
        this.vendor = vendor;
        this.listener = listener;
    }

    void onMessage(JsonNode message) {
        if (message.has("usageMetadata")) {
            usage = usage(message.get("usageMetadata"));
        }
        if (message.has("serverContent")) {
            content(message.get("serverContent"));
        }
        if (message.has("toolCall")) {
            beginModelTurn();
            for (JsonNode call : message.get("toolCall").path("functionCalls")) {
                listener.onToolCall(new ToolCall(call.path("id").asText(), call.path("name").asText(),
                        call.path("args").isMissingNode() ? "{}" : call.path("args").toString()));
            }
        }
        if (message.has("toolCallCancellation")) {
            LOG.info("{} live: tool calls cancelled {}", vendor, message.get("toolCallCancellation").path("ids"));
        }
        if (message.has("goAway")) {
            LOG.warn("{} live: server will close the connection in {}", vendor, message.get("goAway").path("timeLeft").asText());
        }
    }

    private void content(JsonNode content) {
        if (content.has("inputTranscription")) {
            callerText.append(content.get("inputTranscription").path("text").asText());
        }
        for (JsonNode part : content.path("modelTurn").path("parts")) {
            JsonNode data = part.path("inlineData");
            if (data.path("mimeType").asText().startsWith("audio/pcm")) {
                beginModelTurn();
                audio(Base64.getDecoder().decode(data.path("data").asText()));
            }
        }
        if (content.has("outputTranscription")) {
            beginModelTurn();
            listener.onResponseTranscript(content.get("outputTranscription").path("text").asText());
        }
        if (content.path("interrupted").asBoolean()) {
            listener.onSpeechStarted();
            if (modelTurn) {
                endModelTurn(true);
            }
        }
        if (content.path("turnComplete").asBoolean() && modelTurn) {
            endModelTurn(false);
        }
    }

    private void beginModelTurn() {
        if (modelTurn) {
            return;
        }
        modelTurn = true;
        if (!callerText.isEmpty()) {
            listener.onSpeechStopped();
            listener.onUserTranscript(callerText.toString().trim());
            callerText.setLength(0);
        }
        listener.onResponseStarted();
    }

    private void endModelTurn(boolean cancelled) {
        modelTurn = false;
        down.reset(); // the next reply starts from silence, not from the cut-off tail
        TokenUsage reported = usage;
        usage = TokenUsage.NONE;
        listener.onResponseDone(cancelled, reported);
    }

    /** 24 kHz little-endian PCM from the model, down to the call's 8 kHz. */
    private void audio(byte[] bytes) {
        int samples = bytes.length / 2;
        if (wide.length < samples) {
            wide = new short[samples];
            narrow = new short[down.maxOutputLength(samples)];
        }
        for (int i = 0; i < samples; i++) {
            wide[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        int n = down.process(wide, 0, samples, narrow, 0);
        if (n > 0) {
            listener.onAudio(narrow, 0, n);
        }
    }

    private static TokenUsage usage(JsonNode metadata) {
        long[] prompt = byModality(metadata.path("promptTokensDetails"));
        long[] response = byModality(metadata.path("responseTokensDetails"));
        return new TokenUsage(prompt[0], prompt[1], metadata.path("cachedContentTokenCount").asLong(),
                response[0], response[1]);
    }

    /** [text, audio] token counts of a modality breakdown. */
    private static long[] byModality(JsonNode details) {
        long[] counts = new long[2];
        for (JsonNode d : details) {
            switch (d.path("modality").asText()) {
                case "TEXT" -> counts[0] += d.path("tokenCount").asLong();
                case "AUDIO" -> counts[1] += d.path("tokenCount").asLong();
                default -> { }
            }
        }
        return counts;
    }
}
