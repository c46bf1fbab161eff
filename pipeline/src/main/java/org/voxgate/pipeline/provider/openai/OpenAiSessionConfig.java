package org.voxgate.pipeline.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.ToolSpec;

/**
 * Builds the client events that set up an OpenAI Realtime conversation: {@code session.update}
 * in the GA shape (nested {@code audio.input}/{@code audio.output}) or the beta shape (flat
 * fields), and the greeting's {@code response.create}. Audio is G.711 mu-law both ways, so the
 * call's 8 kHz audio needs no resampling.
 *
 * <p>Threading: stateless apart from immutable settings; any thread.
 */
final class OpenAiSessionConfig {
    static final ObjectMapper JSON = new ObjectMapper();

    private final boolean beta;
    private final String transcriptionModel;

    OpenAiSessionConfig(boolean beta, String transcriptionModel) {
        this.beta = beta;
        this.transcriptionModel = transcriptionModel;
    }

    /** The {@code session.update} event for {@code session}. */
    String sessionUpdate(RealtimeSession session) {
        ObjectNode event = JSON.createObjectNode().put("type", "session.update");
        ObjectNode s = event.putObject("session");
        ObjectNode vad = JSON.createObjectNode().put("type", "server_vad")
                .put("silence_duration_ms", session.silenceMillis())
                .put("create_response", true).put("interrupt_response", true);
        if (beta) {
            s.putArray("modalities").add("audio").add("text");
            s.put("input_audio_format", "g711_ulaw").put("output_audio_format", "g711_ulaw");
            if (!session.voice().isEmpty()) {
                s.put("voice", session.voice());
            }
            s.set("turn_detection", vad);
            s.putObject("input_audio_transcription").put("model", transcriptionModel);
            if (session.temperature() != null) {
                s.put("temperature", session.temperature()); // GA sessions no longer take a temperature
            }
        } else {
            s.put("type", "realtime");
            s.putArray("output_modalities").add("audio");
            ObjectNode input = s.putObject("audio").putObject("input");
            input.putObject("format").put("type", "audio/pcmu");
            input.set("turn_detection", vad);
            input.putObject("transcription").put("model", transcriptionModel);
            ObjectNode output = ((ObjectNode) s.get("audio")).putObject("output");
            output.putObject("format").put("type", "audio/pcmu");
            if (!session.voice().isEmpty()) {
                output.put("voice", session.voice());
            }
        }
        s.put("instructions", session.instructions());
        s.set("tools", tools(session));
        s.put("tool_choice", "auto");
        return event.toString();
    }

    /** Realtime tools are flat: {@code {type, name, description, parameters}}, unlike Chat Completions. */
    private static ArrayNode tools(RealtimeSession session) {
        ArrayNode tools = JSON.createArrayNode();
        for (ToolSpec spec : session.tools()) {
            ObjectNode tool = tools.addObject().put("type", "function").put("name", spec.name())
                    .put("description", spec.description());
            tool.set("parameters", schema(spec.parametersSchema()));
        }
        return tools;
    }

    static JsonNode schema(String text) {
        try {
            return text == null || text.isBlank() ? JSON.createObjectNode().put("type", "object")
                    : JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("tool parameters are not JSON: " + e.getMessage(), e);
        }
    }

    /** A {@code response.create} that makes the model say {@code greeting} first. */
    String greeting(String greeting) {
        ObjectNode event = JSON.createObjectNode().put("type", "response.create");
        event.putObject("response").put("instructions",
                "Greet the caller by saying exactly this, and nothing else: " + greeting);
        return event.toString();
    }

    /** {@code conversation.item.create} with a function's output. */
    String toolOutput(String callId, String output) {
        ObjectNode event = JSON.createObjectNode().put("type", "conversation.item.create");
        event.putObject("item").put("type", "function_call_output").put("call_id", callId).put("output", output);
        return event.toString();
    }

    /** {@code conversation.item.truncate} of an assistant item at {@code audioEndMillis}. */
    String truncate(String itemId, long audioEndMillis) {
        return JSON.createObjectNode().put("type", "conversation.item.truncate").put("item_id", itemId)
                .put("content_index", 0).put("audio_end_ms", audioEndMillis).toString();
    }
}
