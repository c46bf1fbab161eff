package org.voxgate.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.bridge.TwilioBridgeBot;

/**
 * Builds the bots of {@code bots.agents}: each definition is read into its {@link AgentSpec}
 * ({@link CascadeAgents}, {@link RealtimeAgents}, {@link BotDefinitions#bridge}) and made by
 * one {@link AgentBuilder}, the same one stored skillbases go through. A bridge bot gets its own
 * {@code ProviderGuard} (retries, a circuit per bot, metrics tagged {@code vendor=bridge-<name>}).
 *
 * <p>Called once at start-up, on the main thread.
 */
final class AgentBots {
    private static final Logger LOG = LoggerFactory.getLogger(AgentBots.class);

    private AgentBots() {}

    /**
     * @param existing the built-in bots, whose names an agent may not take
     * @throws ConfigException naming the key when an agent reuses a built-in bot's name
     */
    static List<Bot> build(List<BotDefinition> agents, List<Bot> existing, MeterRegistry metrics,
            ProviderCatalog catalog) {
        return build(agents, existing, metrics, catalog, AgentTools.BUILT_INS_ONLY);
    }

    /** As above, with {@code tools} making agents' own tools (bookings, webhooks). */
    static List<Bot> build(List<BotDefinition> agents, List<Bot> existing, MeterRegistry metrics,
            ProviderCatalog catalog, AgentTools tools) {
        AgentBuilder builder = new AgentBuilder(catalog, metrics, tools);
        List<Bot> out = new ArrayList<>();
        for (BotDefinition agent : agents) {
            if (existing.stream().anyMatch(b -> b.name().toLowerCase(Locale.ROOT).equals(agent.name()))) {
                throw new ConfigException("bots.agents." + agent.name() + ": the name is taken by a built-in bot");
            }
            if (agent.mode().equals(BotDefinition.CASCADE)) {
                out.add(built(agent, () -> builder.build(CascadeAgents.spec(agent), CascadeAgents.keys(agent))));
                LOG.info("bot {}: cascade (speech-to-text, language model, text-to-speech)", agent.name());
                continue;
            }
            if (agent.mode().equals(BotDefinition.REALTIME)) {
                out.add(built(agent, () -> builder.build(RealtimeAgents.spec(agent), RealtimeAgents.keys(agent))));
                LOG.info("bot {}: realtime speech-to-speech", agent.name());
                continue;
            }
            TwilioBridgeBot bot = builder.bridge(new AgentSpec.Bridge(BotDefinitions.bridge(agent)));
            LOG.info("bot {}: bridge to {}", agent.name(), bot.config().url().getHost() + ":" + bot.config().url().getPort()
                    + bot.config().url().getPath());
            out.add(bot);
        }
        return out;
    }

    /** A tool entry that cannot be made is a configuration error naming the agent's {@code tools} key. */
    private static Bot built(BotDefinition agent, java.util.function.Supplier<Bot> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            // The message starts with the entry's JSON Pointer (/tools/1/type: ...).
            throw new ConfigException(agent.key("tools") + ": " + e.getMessage(), e);
        }
    }
}
