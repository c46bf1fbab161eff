package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The merged configuration tree: built-in defaults (conf/voxgate.yaml, shipped in the jar),
 * overlaid by the operator's YAML file, overlaid by {@code VOXGATE_*} environment variables.
 * Reads typed values by dotted key and names the key in every error.
 *
 * <p>Immutable after {@link #load}; not thread-confined.
 */
final class ConfigTree {
    private static final String DEFAULTS = "voxgate.yaml";
    private final ObjectNode root;

    private ConfigTree(ObjectNode root) {
        this.root = root;
    }

    /**
     * @param file the operator's YAML file, or null for defaults only
     * @param env environment variables (System.getenv() in production)
     */
    static ConfigTree load(Path file, Map<String, String> env) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode defaults;
        try (InputStream in = ConfigTree.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new ConfigException("built-in defaults " + DEFAULTS + " are missing from the jar");
            }
            defaults = (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read built-in defaults: " + e.getMessage(), e);
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("configuration file not found: " + file);
            }
            try {
                JsonNode overlay = yaml.readTree(file.toFile());
                if (overlay != null && !overlay.isMissingNode() && !overlay.isNull()) {
                    if (!overlay.isObject()) {
                        throw new ConfigException(file + ": the top level must be a mapping of keys");
                    }
                    merge(defaults, (ObjectNode) overlay, "");
                }
            } catch (IOException e) {
                throw new ConfigException(file + " is not valid YAML: " + e.getMessage(), e);
            }
        }
        applyEnvironment(defaults, "", env);
        return new ConfigTree(defaults);
    }

    /** Copies overlay values onto base; a key base does not have is an error (typo guard). */
    private static void merge(ObjectNode base, ObjectNode overlay, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode current = base.get(field.getKey());
            if (current == null) {
                throw new ConfigException("unknown configuration key: " + key);
            }
            if (current.isObject()) {
                if (!field.getValue().isObject()) {
                    throw new ConfigException(key + " must be a mapping");
                }
                if (current.isEmpty()) {
                    // a mapping whose default is {} has free keys (bots.codecs: bot names)
                    base.set(field.getKey(), field.getValue());
                    continue;
                }
                merge((ObjectNode) current, (ObjectNode) field.getValue(), key + ".");
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode node, String prefix, Map<String, String> env) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String key = prefix + name;
            JsonNode value = node.get(name);
            if (value.isObject()) {
                applyEnvironment((ObjectNode) value, key + ".", env);
                continue;
            }
            String override = env.get(envName(key));
            if (override == null) {
                continue;
            }
            if (value.isArray()) {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                for (String item : override.split(",")) {
                    if (!item.isBlank()) {
                        list.add(item.trim());
                    }
                }
                node.set(name, list);
            } else {
                node.set(name, TextNode.valueOf(override));
            }
        }
    }

    /** sip.answer-delay-ms -> VOXGATE_SIP_ANSWER_DELAY_MS */
    static String envName(String key) {
        return "VOXGATE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private JsonNode node(String key) {
        JsonNode node = root;
        for (String part : key.split("\\.")) {
            node = node.get(part);
            if (node == null) {
                throw new ConfigException("missing configuration key: " + key);
            }
        }
        return node;
    }

    String string(String key) {
        JsonNode node = node(key);
        if (!node.isValueNode()) {
            throw new ConfigException(key + " must be a single value");
        }
        return node.isNull() ? "" : node.asText().trim();
    }

    int integer(String key, int min, int max) {
        String text = string(key);
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, got '" + text + "' (" + envName(key) + ")");
        }
        if (value < min || value > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    boolean bool(String key) {
        String text = string(key).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key + " must be true or false, got '" + text + "'");
        };
    }

    List<String> list(String key) {
        JsonNode node = node(key);
        if (!node.isArray()) {
            throw new ConfigException(key + " must be a list");
        }
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(item.asText().trim()));
        return values;
    }

    /** The keys of a mapping ({@code bots.codecs} -> the bot names), in file order. */
    List<String> keysUnder(String key) {
        JsonNode node = node(key);
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new ConfigException(key + " must be a mapping");
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * A mapping's raw contents (nested mappings as maps, lists as lists, scalars as their YAML
     * types), for sections whose shape belongs to someone else ({@code bots.agents.<name>}).
     * Empty for an explicit null.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> mapping(String key) {
        JsonNode node = node(key);
        if (node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ConfigException(key + " must be a mapping");
        }
        return new ObjectMapper().convertValue(node, Map.class);
    }

    /**
     * The raw node at {@code key}, for sections whose own keys may contain dots (model names
     * under {@code pricing}); the caller validates it and names the keys in its errors.
     */
    JsonNode section(String key) {
        return node(key);
    }

    /** Lower-case choice among {@code allowed}. */
    String choice(String key, String... allowed) {
        String value = string(key).toLowerCase(Locale.ROOT);
        for (String option : allowed) {
            if (option.equals(value)) {
                return value;
            }
        }
        throw new ConfigException(key + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }
}
