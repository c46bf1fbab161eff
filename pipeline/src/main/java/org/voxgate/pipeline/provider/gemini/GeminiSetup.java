package org.voxgate.pipeline.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

/**
 * Builds the client messages of a Gemini Live conversation: {@code setup}, the greeting's
 * {@code clientContent}, and {@code toolResponse}. Every message has exactly one top-level key.
 *
 * <p>Threading: stateless; any thread.
 */
final class GeminiSetup {
    static final ObjectMapper JSON = new ObjectMapper();

    private GeminiSetup() {}

    /** The {@code setup} message: audio out, server VAD whose speech interrupts the model, transcripts both ways. */
    static String setup(String model, RealtimeSession session) {
        ObjectNode message = JSON.createObjectNode();
        ObjectNode setup = message.putObject("setup").put("model", "models/" + model);
        ObjectNode generation = setup.putObject("generationConfig");
        generation.putArray("responseModalities").add("AUDIO");
        if (!session.voice().isEmpty()) {
            generation.putObject("speechConfig").putObject("voiceConfig").putObject("prebuiltVoiceConfig")
                    .put("voiceName", session.voice());
        }
        if (session.temperature() != null) {
            generation.put("temperature", session.temperature());
        }
        setup.putObject("systemInstruction").putArray("parts").addObject().put("text", session.instructions());
        if (!session.tools().isEmpty()) {
            ArrayNode declarations = setup.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolSpec spec : session.tools()) {
                declarations.addObject().put("name", spec.name()).put("description", spec.description())
                        .set("parameters", parse(spec.parametersSchema(), true));
            }
        }
        ObjectNode input = setup.putObject("realtimeInputConfig");
        input.putObject("automaticActivityDetection").put("silenceDurationMs", session.silenceMillis());
        input.put("activityHandling", "START_OF_ACTIVITY_INTERRUPTS");
        setup.putObject("inputAudioTranscription");
        setup.putObject("outputAudioTranscription");
        return message.toString();
    }

    /** A user text turn asking the model to greet the caller. */
    static String greeting(String greeting) {
        ObjectNode message = JSON.createObjectNode();
        ObjectNode content = message.putObject("clientContent");
        content.putArray("turns").addObject().put("role", "user").putArray("parts").addObject()
                .put("text", "Greet the caller by saying exactly this, and nothing else: " + greeting);
        content.put("turnComplete", true);
        return message.toString();
    }

    /** {@code toolResponse} for one call; a result that is not a JSON object is wrapped as {@code {"result": ...}}. */
    static String toolResponse(ToolCall call, String resultJson) {
        JsonNode result = parse(resultJson, false);
        if (!result.isObject()) {
            result = JSON.createObjectNode().set("result", result);
        }
        ObjectNode message = JSON.createObjectNode();
        message.putObject("toolResponse").putArray("functionResponses").addObject().put("id", call.id())
                .put("name", call.name()).set("response", result);
        return message.toString();
    }

    private static JsonNode parse(String text, boolean schema) {
        if (text == null || text.isBlank()) {
            return schema ? JSON.createObjectNode().put("type", "object") : JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            if (schema) {
                throw new IllegalArgumentException("tool parameters are not JSON: " + e.getMessage(), e);
            }
            return JSON.getNodeFactory().textNode(text); // a plain-text tool result
        }
    }
}
