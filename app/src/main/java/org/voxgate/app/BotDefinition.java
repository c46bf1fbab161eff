package org.voxgate.app;

import java.util.Map;

/**
 * One operator-defined bot from {@code bots.agents.<name>}: its name, its {@code mode} and the
 * whole raw sub-tree, so each mode's wiring reads the keys it owns ({@code bridge.*} here;
 * {@code cascade} and {@code realtime} are parsed by their own wiring).
 *
 * <p>Immutable (the settings map is an unmodifiable deep copy of the YAML tree).
 *
 * @param name the bot's name, lower case; calls are routed to it like to the built-in bots
 * @param mode {@link #BRIDGE}, {@link #CASCADE} or {@link #REALTIME}
 * @param settings everything under {@code bots.agents.<name>}, {@code mode} included
 */
record BotDefinition(String name, String mode, Map<String, Object> settings) {
    static final String BRIDGE = "bridge";
    static final String CASCADE = "cascade";
    static final String REALTIME = "realtime";

    BotDefinition {
        settings = Map.copyOf(settings);
    }

    /** The config key of one of this bot's settings, for error messages. */
    String key(String relative) {
        return "bots.agents." + name + "." + relative;
    }
}
