package org.voxgate.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.voxgate.pipeline.bridge.TwilioBridgeConfig;

/**
 * Reads {@code bots.agents}: a mapping from bot name to {@code {mode: bridge | cascade |
 * realtime, ...}}. Validates the name and the mode for every bot, and the whole of a bridge
 * bot ({@code bridge.url} a ws:// or wss:// URL, {@code bridge.parameters} a mapping of
 * scalars); a bad value stops start-up with a message naming the key.
 *
 * <p>Stateless; called once at start-up.
 */
final class BotDefinitions {
    private BotDefinitions() {}

    static List<BotDefinition> parse(ConfigTree tree) {
        List<BotDefinition> out = new ArrayList<>();
        for (String rawName : tree.keysUnder("bots.agents")) {
            String name = rawName.toLowerCase(Locale.ROOT);
            String key = "bots.agents." + rawName;
            if (!name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw new ConfigException(key + ": a bot name is letters, digits, - and _ (at most 64), got '" + rawName + "'");
            }
            Map<String, Object> settings = tree.mapping(key);
            Object mode = settings.get("mode");
            String m = mode == null ? "" : mode.toString().trim().toLowerCase(Locale.ROOT);
            if (!List.of(BotDefinition.BRIDGE, BotDefinition.CASCADE, BotDefinition.REALTIME).contains(m)) {
                throw new ConfigException(key + ".mode must be one of bridge, cascade, realtime, got '"
                        + (mode == null ? "" : mode) + "'");
            }
            BotDefinition definition = new BotDefinition(name, m, settings);
            if (m.equals(BotDefinition.BRIDGE)) {
                bridge(definition); // validated now, so a bad URL stops start-up rather than a call
            }
            out.add(definition);
        }
        return List.copyOf(out);
    }

    /** The bridge settings of a {@code mode: bridge} bot; errors name the key. */
    static TwilioBridgeConfig bridge(BotDefinition bot) {
        Object section = bot.settings().get("bridge");
        if (!(section instanceof Map<?, ?> bridge)) {
            throw new ConfigException(bot.key("bridge") + " must be a mapping with url (mode bridge)");
        }
        Object url = bridge.get("url");
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(bot.key("bridge.url") + " must be set to the bot's ws:// or wss:// URL");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Object params = bridge.get("parameters");
        if (params != null) {
            if (!(params instanceof Map<?, ?> map)) {
                throw new ConfigException(bot.key("bridge.parameters") + " must be a mapping of names to values");
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                    throw new ConfigException(bot.key("bridge.parameters." + e.getKey()) + " must be a single value");
                }
                parameters.put(e.getKey().toString(), e.getValue() == null ? "" : e.getValue().toString());
            }
        }
        for (Object k : bridge.keySet()) {
            if (!k.equals("url") && !k.equals("parameters")) {
                throw new ConfigException("unknown configuration key: " + bot.key("bridge." + k));
            }
        }
        try {
            return TwilioBridgeConfig.of(bot.name(), url.toString(), parameters);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(bot.key("bridge.url") + ": " + e.getMessage(), e);
        }
    }
}
