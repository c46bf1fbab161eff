package org.voxgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.voxgate.store.ToolCallRecord;

/**
 * The {@code toolCalls} array of a call's detail: the stored JSON texts of arguments and
 * results are shown as JSON, not as strings inside strings.
 *
 * <p>Stateless.
 */
final class ToolCallsJson {
    private ToolCallsJson() {}

    static ArrayNode of(List<ToolCallRecord> calls, ObjectMapper json) {
        ArrayNode array = json.createArrayNode();
        for (ToolCallRecord c : calls) {
            ObjectNode n = array.addObject();
            n.put("seq", c.seq());
            n.put("tool", c.tool());
            n.set("arguments", parsed(c.argumentsJson(), json));
            n.set("result", parsed(c.resultJson(), json));
            n.put("ok", c.ok());
            n.put("error", c.error());
            n.put("startedAt", c.startedAt().toString());
            n.put("durationMs", c.durationMs());
        }
        return array;
    }

    private static JsonNode parsed(String text, ObjectMapper json) {
        if (text == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text); // stored as the tool gave it
        }
    }
}
