package org.voxgate.app;

import java.util.List;
import java.util.Set;
import org.voxgate.pipeline.provider.RealtimeSession;

/**
 * Reads a {@code mode: realtime} bot's definition into its {@link AgentSpec.Realtime}: the speech-to-speech model
 * ({@code realtime: {vendor, model, voice, ...}}), the prompt, greeting and the server VAD's
 * silence window. Errors name the key. {@link AgentBuilder} makes the bot.
 *
 * <p>Stateless; used at start-up.
 */
final class RealtimeAgents {
    private static final Set<String> KEYS = Set.of("mode", "prompt", "greeting", "realtime", "temperature", "silence-ms",
            "review", "tools");
    private static final Set<String> PROVIDER_KEYS = Set.of("vendor", "model", "voice");

    private RealtimeAgents() {}

    /** The neutral form of a {@code mode: realtime} definition; errors name the key. */
    static AgentSpec.Realtime spec(BotDefinition bot) {
        AgentSettings s = new AgentSettings("bots.agents." + bot.name(), bot.settings());
        s.onlyKeys(KEYS);
        if (!s.has("realtime")) {
            throw new ConfigException(s.key("realtime") + " must name the model: {vendor: openai, model: gpt-realtime}");
        }
        AgentSettings p = s.section("realtime");
        String vendor = p.string("vendor", "").toLowerCase(java.util.Locale.ROOT);
        if (vendor.isEmpty()) {
            throw new ConfigException(p.key("vendor") + " must be set");
        }
        RealtimeSession session = new RealtimeSession(s.string("prompt", ""), p.string("voice", ""), List.of(),
                s.decimal("temperature", 0, 2), s.integer("silence-ms", 100, 5000, 500), s.string("greeting", ""));
        return new AgentSpec.Realtime(bot.name(), new ProviderChoice(vendor, p.string("model", ""),
                p.options(PROVIDER_KEYS), List.of()), session, AgentTools.choice(bot));
    }

    /** Error keys in this source's form: {@code bots.agents.<name>.realtime}. */
    static AgentBuilder.Keys keys(BotDefinition bot) {
        return (part, index) -> "bots.agents." + bot.name() + "." + part;
    }
}
