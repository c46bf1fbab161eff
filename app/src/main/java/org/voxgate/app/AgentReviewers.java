package org.voxgate.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.review.CallReviewer;

/**
 * Chooses the model that reviews each bot's calls, from {@code bots.agents.<name>.review}:
 * <ul>
 *   <li>absent or {@code true}: a cascade bot's first {@code llm} entry (vendor, model and
 *       options); a realtime bot has no chat model of its own, so it is not reviewed;</li>
 *   <li>{@code {vendor: openai, model: gpt-4o-mini, ...}}: that language model (any other key is
 *       passed to the vendor client as an option, like an {@code llm} entry's);</li>
 *   <li>{@code false}: the bot's calls are not reviewed.</li>
 * </ul>
 * Bridge bots are never reviewed (Voxgate does not hear what their bot says as text). With
 * {@code review.enabled: false} no reviewer is made at all. Errors name the key.
 *
 * <p>Stateless; used once at start-up.
 */
final class AgentReviewers {
    private static final Logger LOG = LoggerFactory.getLogger(AgentReviewers.class);
    /** Keys that are not vendor options (phrases belongs to a cascade provider entry). */
    private static final Set<String> MODEL_KEYS = Set.of("vendor", "model", "phrases");

    private AgentReviewers() {}

    static Map<String, PostCallReviews.Reviewer> build(List<BotDefinition> agents, ProviderCatalog catalog,
            ReviewConfig config) {
        Map<String, PostCallReviews.Reviewer> out = new LinkedHashMap<>();
        if (!config.enabled()) {
            return out;
        }
        for (BotDefinition agent : agents) {
            if (agent.mode().equals(BotDefinition.BRIDGE)) {
                continue;
            }
            AgentSettings bot = new AgentSettings("bots.agents." + agent.name(), agent.settings());
            AgentSettings choice = choose(agent, bot);
            if (choice == null) {
                continue;
            }
            String vendor = choice.string("vendor", "").toLowerCase(Locale.ROOT);
            if (vendor.isEmpty()) {
                throw new ConfigException(choice.key("vendor") + " must be set");
            }
            String key = choice.key("vendor").replace(".vendor", "");
            LanguageModel model = catalog.languageModel(key, vendor, choice.string("model", ""),
                    choice.options(MODEL_KEYS));
            out.put(agent.name(), new PostCallReviews.Reviewer(new CallReviewer(model, config.timeout()), model));
            LOG.info("bot {}: calls reviewed by {}/{}", agent.name(), vendor, model.model());
        }
        return out;
    }

    /** The settings of the bot's review model, or null when its calls are not reviewed. */
    private static AgentSettings choose(BotDefinition agent, AgentSettings bot) {
        Object review = agent.settings().get("review");
        if (review instanceof Map<?, ?>) {
            return bot.section("review");
        }
        if (!bot.bool("review", true)) {
            return null;
        }
        if (agent.mode().equals(BotDefinition.CASCADE)) {
            return bot.sections("llm").getFirst();
        }
        if (review != null) {
            throw new ConfigException(bot.key("review") + ": a realtime bot has no chat model to review with;"
                    + " name one: {vendor: openai, model: gpt-4o-mini}");
        }
        return null;
    }
}
