package org.voxgate.app;

import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;

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

    SkillbaseBot(Bot bot, int version, CallRules rules, Handoff handoff) {
        this.bot = bot;
        this.version = version;
        this.rules = rules;
        this.handoff = handoff;
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

    /** The bot of the skillbase's mode, without the handoff wrapper. */
    Bot inner() {
        return bot;
    }
}
