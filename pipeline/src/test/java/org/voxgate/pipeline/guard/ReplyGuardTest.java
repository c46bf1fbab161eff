package org.voxgate.pipeline.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyGuardTest {
    private static final String BLOCKED = "Sorry, I can't help with that.";
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> events = new ArrayList<>();
    private final Guardrails guardrails = new Guardrails("clinic", GuardrailRules.of(
            List.of("guarantee", "promise you a full refund"), List.of("\\b\\d{13,19}\\b"), BLOCKED, 0), registry);
    private final GuardListener listener = (rule, matched, text) -> events.add(rule + "|" + matched + "|" + text);

    private double blocked(String rule) {
        var c = registry.find("voxgate.bot.replies.blocked").tag("bot", "clinic").tag("rule", rule).counter();
        return c == null ? 0 : c.count();
    }

    private double replies() {
        return registry.get("voxgate.bot.replies").tag("bot", "clinic").counter().count();
    }

    @Test
    void cleanRepliesPassUnchangedAndAreCounted() {
        ReplyGuard g = guardrails.newReply(listener);
        assertThat(g.pass("We open at nine, ")).isEqualTo("We open at nine, ");
        assertThat(g.pass("every weekday. ")).isEqualTo("every weekday. ");
        assertThat(g.finish()).isEmpty();
        assertThat(g.blocked()).isFalse();
        assertThat(replies()).isEqualTo(1);
        assertThat(blocked("banned_phrase")).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void aBannedPhraseReplacesTheClauseAndEverythingAfterIt() {
        ReplyGuard g = guardrails.newReply(listener);
        assertThat(g.pass("Of course. ")).isEqualTo("Of course. ");
        assertThat(g.pass("I GUARANTEE it works. ")).isEqualTo(BLOCKED + " ");
        assertThat(g.pass("Anything else? ")).isEmpty();
        assertThat(g.finish()).isEmpty();
        assertThat(g.blocked()).isTrue();
        assertThat(blocked("banned_phrase")).isEqualTo(1);
        assertThat(events).containsExactly("banned_phrase|guarantee|Of course. I GUARANTEE it works. ");
        assertThat(guardrails.newReply(listener).pass("It is guaranteed. ")).as("whole words only")
                .isEqualTo("It is guaranteed. ");
    }

    @Test
    void aPhraseSplitOverTwoClausesIsHeldBackAndNeverHalfSpoken() {
        ReplyGuard g = guardrails.newReply(listener);
        String first = g.pass("Don't worry, I can promise you, ");
        assertThat(first).as("the words that may begin the phrase wait").isEqualTo("Don't worry, I can ");
        assertThat(g.pass("a full refund today. ")).isEqualTo(BLOCKED + " ");
        assertThat(g.blocked()).isTrue();
        assertThat(blocked("banned_phrase")).isEqualTo(1);

        ReplyGuard ok = guardrails.newReply(listener);
        assertThat(ok.pass("I can promise you, ")).isEqualTo("I can ");
        assertThat(ok.pass("we will call back. ")).as("released once the phrase did not complete")
                .isEqualTo("promise you, we will call back. ");
        ReplyGuard end = guardrails.newReply(listener);
        assertThat(end.pass("I promise")).isEqualTo("I ");
        assertThat(end.finish()).as("held words spoken at the end of the reply").isEqualTo("promise");
    }

    @Test
    void patternsBlockCardNumbersEvenAcrossClauses() {
        ReplyGuard g = guardrails.newReply(listener);
        assertThat(g.pass("Your card is ")).isEqualTo("Your card is ");
        assertThat(g.pass("4111111111111111, right? ")).isEqualTo(BLOCKED + " ");
        assertThat(blocked("pattern")).isEqualTo(1);
        assertThat(events.getFirst()).startsWith("pattern|\\b\\d{13,19}\\b|");
    }

    @Test
    void fixedTextIsCheckedWholeAndLongRepliesAreCut() {
        assertThat(guardrails.check("We guarantee results.", listener)).isEqualTo(BLOCKED);
        assertThat(guardrails.check("Hello, how can I help?", listener)).isEqualTo("Hello, how can I help?");
        Guardrails shortOnes = new Guardrails("short", GuardrailRules.of(List.of(), List.of(), null, 20), registry);
        ReplyGuard g = shortOnes.newReply(listener);
        assertThat(g.pass("Twelve chars. ")).isEqualTo("Twelve chars. ");
        assertThat(g.pass("And some more words. ")).isEmpty();
        assertThat(g.pass("Short. ")).as("cut: nothing more").isEmpty();
        assertThat(g.blocked()).isFalse();
        assertThat(shortOnes.rules().blockedReply()).isEqualTo(GuardrailRules.DEFAULT_BLOCKED_REPLY);
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> GuardrailRules.of(List.of(), List.of("ok", "(unclosed"), null, 0))
                .hasMessageStartingWith("guardrails/patterns/1: not a valid regular expression");
        assertThatThrownBy(() -> GuardrailRules.of(List.of(), List.of(), null, -5))
                .hasMessageContaining("maxReplyChars");
    }
}
