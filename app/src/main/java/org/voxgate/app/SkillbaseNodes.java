package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small typed reads from a validated skillbase document. The validator has already refused
 * wrong types and unknown keys; these reads only supply defaults and keep the mapping code
 * short.
 *
 * <p>Stateless.
 */
final class SkillbaseNodes {
    private SkillbaseNodes() {}

    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static int integer(JsonNode node, String field, int fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asInt();
    }

    static Double decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asBoolean();
    }

    /** A list of strings; absent is empty. */
    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(item -> out.add(item.asText()));
        return out;
    }

    /** A part that may be one object or a list of them (a failover chain); absent is empty. */
    static List<JsonNode> oneOrMany(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** Every scalar field except {@code skip}, as strings (a provider's vendor options). */
    static Map<String, String> scalars(JsonNode node, Set<String> skip) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!skip.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }
}
