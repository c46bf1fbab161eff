package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.voxgate.pipeline.Bot;

/**
 * Turns a validated skillbase document and its version into a running bot: the real function
 * the bot registry builds stored versions with. Each part of the document is mapped by its own
 * class ({@link SkillbaseSpecs} with {@link SkillbaseVoice}, {@link SkillbasePrompt},
 * {@link SkillbaseTools}; {@link CallRules}; {@link Handoff}), and the bot is made by the same
 * {@link AgentBuilder} as the {@code bots.agents} bots.
 *
 * <p>Not mapped here: flows (a cascade skillbase with a {@code flow}, or without {@code llm},
 * runs on the flow engine, see {@link #flowBot}) and the guardrail filter (the banned phrases
 * reach the prompt; enforcing them on every reply is the flow engine's guardrail stage).
 *
 * <p>Thread-safe: holds only the thread-safe builder.
 */
final class SkillbaseBots {
    private final AgentBuilder builder;

    SkillbaseBots(AgentBuilder builder) {
        this.builder = builder;
    }

    /**
     * @param doc a skillbase the validator accepted
     * @param version its stored version number
     * @throws ConfigException naming the document path when a provider cannot be made (a
     *     missing API key, an unknown vendor)
     * @throws IllegalArgumentException naming the document path for values the runtime refuses
     */
    SkillbaseBot build(JsonNode doc, int version) {
        AgentSpec spec = SkillbaseSpecs.of(doc);
        Bot bot = spec instanceof AgentSpec.Cascade cascade && (cascade.llm().isEmpty() || doc.has("flow"))
                ? flowBot(cascade, doc)
                : builder.build(spec, SkillbaseSpecs.keys(doc));
        return new SkillbaseBot(bot, version, CallRules.of(doc), Handoff.of(doc), SkillbasePrompt.of(doc));
    }

    /** A cascade skillbase that runs a flow: the flow engine's bot. */
    private Bot flowBot(AgentSpec.Cascade spec, JsonNode doc) {
        if (spec.llm().isEmpty()) {
            throw new IllegalStateException("no-LLM flow bots are wired by the flow engine");
        }
        throw new IllegalStateException("LLM-driven flows are wired by the flow engine");
    }
}
