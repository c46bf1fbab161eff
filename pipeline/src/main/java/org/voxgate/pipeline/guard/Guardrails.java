package org.voxgate.pipeline.guard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * A bot's guardrails: its {@link GuardrailRules} and its counters. Every utterance the bot
 * speaks goes through a {@link ReplyGuard} made here, one per reply.
 *
 * <p>Metrics (Micrometer): {@code voxgate_bot_replies_total{bot}} counts replies checked and
 * {@code voxgate_bot_replies_blocked_total{bot,rule}} those blocked, so the harmful-reply rate of
 * a bot is the ratio of the two.
 *
 * <p>Threading: thread-safe; shared by every call of a bot.
 */
public final class Guardrails {
    private final String bot;
    private final GuardrailRules rules;
    private final MeterRegistry registry;
    private final Counter replies;

    public Guardrails(String bot, GuardrailRules rules, MeterRegistry registry) {
        this.bot = Objects.requireNonNull(bot, "bot");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.replies = Counter.builder("voxgate.bot.replies").description("Bot utterances checked by guardrails")
                .tag("bot", bot).register(registry);
    }

    public GuardrailRules rules() {
        return rules;
    }

    /** A guard for one reply of a call; {@code listener} hears of a block. */
    public ReplyGuard newReply(GuardListener listener) {
        return new ReplyGuard(rules, (rule, matched, text) -> {
            Counter.builder("voxgate.bot.replies.blocked").description("Bot utterances blocked by guardrails")
                    .tag("bot", bot).tag("rule", rule).register(registry).increment();
            listener.blocked(rule, matched, text);
        }, replies::increment);
    }

    /** Checks a whole fixed utterance (a greeting, a flow's {@code say}): the text to speak instead. */
    public String check(String text, GuardListener listener) {
        ReplyGuard g = newReply(listener);
        String out = g.pass(text) + g.finish();
        return out.strip();
    }
}
