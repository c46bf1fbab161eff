package org.voxgate.pipeline.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The JSON the flow's tools read and answer the model with: arguments parsed leniently (a bad
 * argument is an error object for the model, never an exception) and results that describe the
 * step the flow is now in.
 *
 * <p>Threading: stateless.
 */
final class FlowToolReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FlowToolReplies() {}

    /** The arguments object, or {@code null} when they are not a JSON object. */
    static JsonNode arguments(String text) {
        try {
            JsonNode args = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            return args.isObject() ? args : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A scalar argument as text, or {@code null}. */
    static String text(JsonNode args, String field) {
        JsonNode n = args.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    static ObjectNode status(String status) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", status);
        return n;
    }

    static String error(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", message);
        return n.toString();
    }

    /**
     * Adds where the flow now is: the state, the action's result, the words to say verbatim, the
     * slots still missing, and whether the call ends after the reply.
     */
    static ObjectNode describe(ObjectNode out, StateSpec state, Map<String, String> slots, JsonNode lastResult,
            JsonNode actionResult) {
        out.put("state", state.id());
        if (actionResult != null) {
            out.set("actionResult", actionResult);
        }
        if (!state.say().isEmpty()) {
            out.put("sayVerbatim", SayTemplate.fill(state.say(), slots, lastResult));
        }
        List<String> missing = state.slots().stream().filter(s -> s.required() && !slots.containsKey(s.name()))
                .map(SlotSpec::name).toList();
        out.set("missingSlots", JSON.valueToTree(missing));
        if (state.end() != null) {
            out.put("then", state.end() == End.HANGUP ? "the call ends after your reply"
                    : "the caller is transferred after your reply");
        }
        return out;
    }
}
