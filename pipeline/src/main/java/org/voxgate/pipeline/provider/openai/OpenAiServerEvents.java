package org.voxgate.pipeline.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.codec.G711;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.RealtimeListener;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;

/**
 * Turns OpenAI Realtime server events, GA or beta names alike, into {@link RealtimeListener}
 * calls, and keeps what a barge-in needs: whether a response is in progress and which
 * assistant item is playing with how much of its audio has arrived.
 *
 * <p>Threading: {@link #onEvent} on the socket's thread, one event at a time;
 * {@link #takeInterruptTarget} from any thread. The state is guarded by {@code this}; the
 * listener is called outside the lock.
 */
final class OpenAiServerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiServerEvents.class);
    /** Error codes after which the session is of no further use. */
    private static final Set<String> FATAL = Set.of("session_expired", "invalid_api_key", "insufficient_quota",
            "account_deactivated");

    /**
     * Errors that are a race, not a fault: with server VAD's {@code interrupt_response} the server
     * may cancel the reply itself just before the client's own {@code response.cancel} (sent
     * because the reply was in progress when the caller cut in) arrives.
     */
    private static final Set<String> EXPECTED = Set.of("response_cancel_not_active");

    /** What {@code interrupt} acts on. */
    record InterruptTarget(boolean responseInProgress, String itemId, long audioMillis) {}

    private final String vendor;
    private final RealtimeListener listener;
    private final Runnable sessionCreated;
    private boolean responseInProgress;
    private String playingItem;
    /** The item the caller cut off: its deltas still in flight must not be played. */
    private String interruptedItem;
    private long playingAudioMillis;
    private final Map<String, String> functionNames = new HashMap<>();
    /** Beta: arguments complete before the item that names the function; call_id to arguments. */
    private final Map<String, String> unnamedCalls = new HashMap<>();
    private short[] pcm = new short[0];

    OpenAiServerEvents(String vendor, RealtimeListener listener, Runnable sessionCreated) {
        this.vendor = vendor;
        this.listener = listener;
        this.sessionCreated = sessionCreated;
    }

    void onEvent(JsonNode event) {
        String type = event.path("type").asText();
        switch (type) {
            case "session.created" -> sessionCreated.run();
            case "input_audio_buffer.speech_started" -> listener.onSpeechStarted();
            case "input_audio_buffer.speech_stopped" -> listener.onSpeechStopped();
            case "conversation.item.input_audio_transcription.completed" ->
                    listener.onUserTranscript(event.path("transcript").asText());
            case "response.created" -> {
                synchronized (this) {
                    responseInProgress = true;
                }
                listener.onResponseStarted();
            }
            case "response.output_item.added", "response.output_item.done" -> item(event.path("item"));
            case "response.output_audio.delta", "response.audio.delta" -> audio(event);
            case "response.output_audio_transcript.delta", "response.audio_transcript.delta" ->
                    listener.onResponseTranscript(event.path("delta").asText());
            case "response.function_call_arguments.done" -> toolCall(event);
            case "response.done" -> done(event.path("response"));
            case "error" -> error(event.path("error"));
            default -> { } // session.updated, committed, item added/created, content parts, rate limits...
        }
    }

    private void item(JsonNode item) {
        if (!"function_call".equals(item.path("type").asText()) || !item.hasNonNull("name")) {
            return;
        }
        String callId = item.path("call_id").asText();
        String name = item.path("name").asText();
        String arguments;
        synchronized (this) {
            functionNames.put(callId, name); // beta names the function only in the item
            arguments = unnamedCalls.remove(callId);
        }
        if (arguments != null) {
            listener.onToolCall(new ToolCall(callId, name, arguments));
        }
    }

    private void audio(JsonNode event) {
        byte[] ulaw = Base64.getDecoder().decode(event.path("delta").asText());
        String item = event.path("item_id").asText();
        synchronized (this) {
            if (item.equals(interruptedItem)) {
                return;
            }
            if (!item.equals(playingItem)) {
                playingItem = item;
                playingAudioMillis = 0;
            }
            playingAudioMillis += ulaw.length / 8; // 8 kHz mu-law: 8 bytes per millisecond
        }
        if (pcm.length < ulaw.length) {
            pcm = new short[ulaw.length];
        }
        G711.decodeUlaw(ulaw, 0, pcm, 0, ulaw.length);
        listener.onAudio(pcm, 0, ulaw.length);
    }

    private void toolCall(JsonNode event) {
        String callId = event.path("call_id").asText();
        String arguments = event.path("arguments").asText("{}");
        String name;
        synchronized (this) {
            name = event.hasNonNull("name") ? event.path("name").asText() : functionNames.remove(callId);
            if (name == null) {
                unnamedCalls.put(callId, arguments); // called when response.output_item.done names it
                return;
            }
        }
        listener.onToolCall(new ToolCall(callId, name, arguments));
    }

    private void done(JsonNode response) {
        synchronized (this) {
            responseInProgress = false;
        }
        JsonNode usage = response.path("usage");
        JsonNode in = usage.path("input_token_details");
        JsonNode out = usage.path("output_token_details");
        TokenUsage tokens = new TokenUsage(in.path("text_tokens").asLong(), in.path("audio_tokens").asLong(),
                in.path("cached_tokens").asLong(), out.path("text_tokens").asLong(), out.path("audio_tokens").asLong());
        listener.onResponseDone("cancelled".equals(response.path("status").asText()), tokens);
    }

    private void error(JsonNode error) {
        String code = error.path("code").asText("");
        if (EXPECTED.contains(code)) {
            LOG.debug("{} realtime: {} ({})", vendor, code, error.path("message").asText());
            return;
        }
        LOG.warn("{} realtime error {} / {}: {}", vendor, error.path("type").asText(), code, error.path("message").asText());
        if (FATAL.contains(code)) {
            listener.onError(new ProviderException(vendor, "realtime session error " + code + ": "
                    + error.path("message").asText(), false));
        }
    }

    /**
     * What the caller's barge-in should cancel and truncate; forgets the playing item so a
     * second barge-in does not truncate it again.
     */
    synchronized InterruptTarget takeInterruptTarget() {
        InterruptTarget target = new InterruptTarget(responseInProgress, playingItem, playingAudioMillis);
        if (playingItem != null) {
            interruptedItem = playingItem;
        }
        playingItem = null;
        playingAudioMillis = 0;
        return target;
    }
}
