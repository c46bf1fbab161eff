package org.voxgate.pipeline.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tool a flow state runs once it is complete (its required slots filled), skillbase
 * {@code flow.states[].action}. The call's arguments are the fixed {@code arguments} plus every
 * collected slot value under its slot name (a fixed argument wins over a slot of the same name).
 *
 * <p>Threading: immutable.
 *
 * @param tool the tool's name as the bot's {@link org.voxgate.pipeline.tools.Tools} know it
 * @param arguments fixed arguments: strings, numbers, booleans, lists and maps (JSON values)
 */
public record ActionSpec(String tool, Map<String, Object> arguments) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ActionSpec {
        Objects.requireNonNull(tool, "action tool");
        if (!tool.matches("[a-z_][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("action tool must match [a-z_][a-z0-9_]*, was '" + tool + "'");
        }
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** The call's arguments as JSON text: the slots, then the fixed arguments over them. */
    public String argumentsJson(Map<String, String> slots) {
        ObjectNode n = JSON.createObjectNode();
        slots.forEach(n::put);
        arguments.forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
        return n.toString();
    }
}
