package org.voxgate.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from one raw mapping of a bot's definition ({@code bots.agents.<name>} or a part
 * of it), with errors that name the full key and unknown keys refused.
 *
 * <p>Immutable; used at start-up only.
 */
final class AgentSettings {
    private final String prefix;
    private final Map<String, Object> values;

    AgentSettings(String prefix, Map<String, Object> values) {
        this.prefix = prefix;
        this.values = values == null ? Map.of() : values;
    }

    /** The full config key of {@code name}. */
    String key(String name) {
        return prefix + "." + name;
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    String string(String name, String fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(key(name) + " must be a single value");
        }
        return v.toString().trim();
    }

    int integer(String name, int min, int max, int fallback) {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new ConfigException(key(name) + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key(name) + " must be a whole number, got '" + text + "'");
        }
    }

    Double decimal(String name, double min, double max) {
        String text = string(name, null);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (value < min || value > max) {
                throw new ConfigException(key(name) + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key(name) + " must be a number, got '" + text + "'");
        }
    }

    boolean bool(String name, boolean fallback) {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key(name) + " must be true or false, got '" + text + "'");
        };
    }

    List<String> strings(String name, List<String> fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list)) {
            throw new ConfigException(key(name) + " must be a list");
        }
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(String.valueOf(item).trim()));
        return out;
    }

    /** A nested mapping (empty when absent). */
    @SuppressWarnings("unchecked")
    AgentSettings section(String name) {
        Object v = values.get(name);
        if (v == null) {
            return new AgentSettings(key(name), Map.of());
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new ConfigException(key(name) + " must be a mapping");
        }
        return new AgentSettings(key(name), (Map<String, Object>) v);
    }

    /** A list of mappings ({@code stt: [{vendor: deepgram}, {vendor: local}]}); a single mapping counts as a list of one. */
    @SuppressWarnings("unchecked")
    List<AgentSettings> sections(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new ConfigException(key(name) + " must be set");
        }
        List<?> items = v instanceof List<?> list ? list : List.of(v);
        if (items.isEmpty()) {
            throw new ConfigException(key(name) + " must name at least one provider");
        }
        List<AgentSettings> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> map)) {
                throw new ConfigException(key(name) + "[" + i + "] must be a mapping with vendor (and model)");
            }
            out.add(new AgentSettings(key(name) + "[" + i + "]", (Map<String, Object>) map));
        }
        return out;
    }

    /** Every scalar entry except {@code skip}, as strings (a provider's vendor options). */
    Map<String, String> options(Set<String> skip) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!skip.contains(k) && v != null) {
                if (v instanceof Map || v instanceof List) {
                    throw new ConfigException(key(k) + " must be a single value");
                }
                out.put(k, v.toString());
            }
        });
        return out;
    }

    /** Refuses keys outside {@code known}. */
    void onlyKeys(Set<String> known) {
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                throw new ConfigException("unknown configuration key: " + key(k) + " (known: " + String.join(", ",
                        new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
