package org.voxgate.app;

import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.prompt.PromptBuilder;

/**
 * A bot built from one stored skillbase version: the running bot of its mode, the version it
 * was built from (recorded on its calls), its per-call rules, and its handoff, applied to every
 * transfer it asks for.
 *
 * <p>Thread-safe: immutable; {@link #open} may be called for many calls at once.
 */
final class SkillbaseBot implements Bot {
    private final Bot bot;
    private final int version;
    private final CallRules rules;
    private final Handoff handoff;
    private final PromptBuilder prompt;

    SkillbaseBot(Bot bot, int version, CallRules rules, Handoff handoff, PromptBuilder prompt) {
        this.bot = bot;
        this.version = version;
        this.rules = rules;
        this.handoff = handoff;
        this.prompt = prompt;
    }

    @Override
    public String name() {
        return bot.name();
    }

    @Override
    public BotSession open(CallContext call) {
        return bot.open(new HandoffCallContext(call, handoff));
    }

    /** The skillbase version this bot runs. */
    int version() {
        return version;
    }

    CallRules rules() {
        return rules;
    }

    Handoff handoff() {
        return handoff;
    }

    /**
     * The bot's system prompt, before any caller context: a call's prompt is
     * {@code prompt().withCallerContext(profileSummary).build()}.
     */
    PromptBuilder prompt() {
        return prompt;
    }

    /** The bot of the skillbase's mode, without the handoff wrapper. */
    Bot inner() {
        return bot;
    }
}
