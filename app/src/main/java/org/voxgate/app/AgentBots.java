package org.voxgate.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.bridge.TwilioBridgeBot;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.RetryPolicy;

/**
 * Builds the bots of {@code bots.agents}: each {@code mode: bridge} bot becomes a
 * {@link TwilioBridgeBot} with its own {@link ProviderGuard} (retries, a circuit per bot,
 * metrics tagged {@code vendor=bridge-<name>}) and one shared HTTP client. {@code cascade} and
 * {@code realtime} definitions are parsed and kept but have no wiring yet: they are logged
 * and not routable.
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
        return build(agents, existing, metrics, catalog, new AgentTools(null, catalog::environment));
    }

    /** As above, with {@code tools} giving agents their configured tools (bookings, webhooks). */
    static List<Bot> build(List<BotDefinition> agents, List<Bot> existing, MeterRegistry metrics,
            ProviderCatalog catalog, AgentTools tools) {
        List<Bot> out = new ArrayList<>();
        HttpClient http = null;
        for (BotDefinition agent : agents) {
            if (existing.stream().anyMatch(b -> b.name().toLowerCase(Locale.ROOT).equals(agent.name()))) {
                throw new ConfigException("bots.agents." + agent.name() + ": the name is taken by a built-in bot");
            }
            if (agent.mode().equals(BotDefinition.CASCADE)) {
                out.add(CascadeAgents.build(agent, catalog, tools));
                LOG.info("bot {}: cascade (speech-to-text, language model, text-to-speech)", agent.name());
                continue;
            }
            if (agent.mode().equals(BotDefinition.REALTIME)) {
                out.add(RealtimeAgents.build(agent, catalog, tools));
                LOG.info("bot {}: realtime speech-to-speech", agent.name());
                continue;
            }
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            }
            ProviderGuard guard = new ProviderGuard("bridge-" + agent.name(), "bridge", RetryPolicy.DEFAULT, metrics);
            TwilioBridgeBot bot = new TwilioBridgeBot(BotDefinitions.bridge(agent), http, guard,
                    Thread.ofVirtual().name("bridge-" + agent.name() + "-", 0).factory());
            LOG.info("bot {}: bridge to {}", agent.name(), bot.config().url().getHost() + ":" + bot.config().url().getPort()
                    + bot.config().url().getPath());
            out.add(bot);
        }
        return out;
    }
}
