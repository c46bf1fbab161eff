package org.voxgate.pipeline.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

/**
 * The tools every voice bot can offer its model on a call: {@code hang_up} (after the reply being
 * spoken has played), {@code transfer_to_human} (blind or warm, to a named target or the bot's
 * operator) and {@code send_dtmf} (digits to an IVR on the far end). Results and errors are
 * JSON objects for the model; bad arguments never throw.
 *
 * <p>Threading: thread-safe (no mutable state); {@link #run} returns quickly (each action only
 * queues work on the call).
 */
public final class BuiltInTools implements Tools {
    static final ToolSpec HANG_UP = new ToolSpec("hang_up",
            "End the call once you have said goodbye. Say your goodbye in the same reply.",
            "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}");
    static final ToolSpec TRANSFER = new ToolSpec("transfer_to_human",
            "Hand the caller to a person. Tell the caller first. Leave target out for the operator on duty.",
            "{\"type\":\"object\",\"properties\":{"
                    + "\"target\":{\"type\":\"string\",\"description\":\"phone number, SIP user or SIP URI\"},"
                    + "\"warm\":{\"type\":\"boolean\",\"description\":\"consult the person before joining the caller\"}"
                    + "},\"additionalProperties\":false}");
    static final ToolSpec SEND_DTMF = new ToolSpec("send_dtmf",
            "Press keys on the phone keypad, for example to navigate an automated menu.",
            "{\"type\":\"object\",\"properties\":{\"digits\":{\"type\":\"string\",\"pattern\":\"^[0-9*#A-D]{1,32}$\"}},"
                    + "\"required\":[\"digits\"],\"additionalProperties\":false}");

    private final CallContext call;
    private final ConversationControl control;
    private final ObjectMapper json = new ObjectMapper();

    public BuiltInTools(CallContext call, ConversationControl control) {
        this.call = call;
        this.control = control;
    }

    /** Built-in tools on every call. */
    public static ToolsFactory factory() {
        return BuiltInTools::new;
    }

    @Override
    public List<ToolSpec> specs() {
        return List.of(HANG_UP, TRANSFER, SEND_DTMF);
    }

    @Override
    public String run(ToolCall toolCall) {
        JsonNode args;
        try {
            String text = toolCall.argumentsJson();
            args = text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            return error("arguments are not JSON: " + e.getOriginalMessage());
        }
        if (!args.isObject()) {
            return error("arguments must be a JSON object");
        }
        return switch (toolCall.name()) {
            case "hang_up" -> {
                control.hangUpAfterReply("bot_hangup");
                yield ok("the call ends after this reply");
            }
            case "transfer_to_human" -> transfer(args);
            case "send_dtmf" -> sendDtmf(args);
            default -> error("no such tool: " + toolCall.name());
        };
    }

    private String transfer(JsonNode args) {
        JsonNode target = args.get("target");
        JsonNode warm = args.get("warm");
        if (target != null && !target.isNull() && !target.isTextual()) {
            return error("target must be a string");
        }
        if (warm != null && !warm.isNull() && !warm.isBoolean()) {
            return error("warm must be true or false");
        }
        String to = target == null || target.isNull() || target.asText().isBlank() ? null : target.asText().strip();
        call.transfer(new TransferRequest(to, warm != null && warm.asBoolean(), control::transferFailed));
        return ok("transferring the caller" + (to == null ? " to the operator" : " to " + to));
    }

    private String sendDtmf(JsonNode args) {
        JsonNode digits = args.get("digits");
        if (digits == null || !digits.isTextual() || !digits.asText().matches("[0-9*#A-D]{1,32}")) {
            return error("digits must be 1-32 of 0-9 * # A-D");
        }
        try {
            call.audio().sendDtmf(digits.asText());
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        return ok("sent " + digits.asText());
    }

    private String ok(String status) {
        ObjectNode n = json.createObjectNode();
        n.put("status", status);
        return n.toString();
    }

    private String error(String message) {
        ObjectNode n = json.createObjectNode();
        n.put("error", message);
        return n.toString();
    }
}
