package org.voxgate.pipeline.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of a state's {@code say} text: {@code {{name}}} is the collected slot
 * {@code name}; {@code {{result.a.b}}} is field {@code a.b} of the JSON result of the last state
 * action run on the call (for example {@code {{result.start}}} of a booking). A placeholder with
 * no value becomes empty, so a bot never reads out braces.
 *
 * <p>Threading: stateless.
 */
public final class SayTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_.]+)\\s*}}");

    private SayTemplate() {}

    /** @param result the last action's result, or {@code null} */
    public static String fill(String template, Map<String, String> slots, JsonNode result) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), slots, result)));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\s{2,}", " ").strip();
    }

    private static String value(String key, Map<String, String> slots, JsonNode result) {
        if (!key.startsWith("result.")) {
            return slots.getOrDefault(key, "");
        }
        JsonNode node = result;
        for (String part : key.substring("result.".length()).split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText();
    }
}
