package org.voxgate.app;

import java.util.List;
import java.util.Set;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.RealtimeModel;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.realtime.RealtimeBot;
import org.voxgate.pipeline.tools.ToolsFactory;

/**
 * Builds a {@code mode: realtime} bot from its definition: the speech-to-speech model
 * ({@code realtime: {vendor, model, voice, ...}}), the prompt, greeting and the server VAD's
 * silence window. Errors name the key.
 *
 * <p>Stateless; used at start-up.
 */
final class RealtimeAgents {
    private static final Set<String> KEYS = Set.of("mode", "prompt", "greeting", "realtime", "temperature", "silence-ms",
            "review", "tools");
    private static final Set<String> PROVIDER_KEYS = Set.of("vendor", "model", "voice");

    private RealtimeAgents() {}

    static RealtimeBot build(BotDefinition bot, ProviderCatalog catalog) {
        return build(bot, catalog, new AgentTools(null, name -> null));
    }

    static RealtimeBot build(BotDefinition bot, ProviderCatalog catalog, AgentTools tools) {
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
        RealtimeModel model = catalog.realtime(s.key("realtime"), vendor, p.string("model", ""), p.options(PROVIDER_KEYS));
        RealtimeSession session = new RealtimeSession(s.string("prompt", ""), p.string("voice", ""), List.of(),
                s.decimal("temperature", 0, 2), s.integer("silence-ms", 100, 5000, 500), s.string("greeting", ""));
        ToolsFactory factory = tools.factory(bot);
        return new RealtimeBot(bot.name(), model, session,
                (CallContext call) -> factory.create(call, new AfterPlaybackControl(call)));
    }
}
