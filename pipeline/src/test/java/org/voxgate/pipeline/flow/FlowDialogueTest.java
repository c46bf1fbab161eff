package org.voxgate.pipeline.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.flow.Dialogue.Step;
import org.voxgate.pipeline.flow.Dialogue.Then;
import org.voxgate.pipeline.guard.GuardrailRules;
import org.voxgate.pipeline.guard.Guardrails;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.Tools;

/** A skillbase flow without a model, at the text level: answers in, steps out. */
class FlowDialogueTest {
    /** Tuesday 24 November 2026, 10:00 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final List<ToolCall> calls = new CopyOnWriteArrayList<>();
    private final Tools calendar = new Tools() {
        @Override public List<ToolSpec> specs() { return List.of(); }
        @Override public String run(ToolCall c) {
            calls.add(c);
            return "{\"booked\":true,\"start\":\"10:00\"}";
        }
    };

    private static final FlowSpec CLINIC = new FlowSpec(FlowSpec.Type.GRAPH, null, List.of(
            StateSpec.of("greet", "Say appointment to book, or press 0 for a person.", List.of(
                    Transition.onKeywords("book", "appointment"), Transition.onDtmf("person", '0'))),
            new StateSpec("book", "", "Which day suits you?", List.of(
                    new SlotSpec("date", SlotType.DATE, true, null),
                    new SlotSpec("people", SlotType.NUMBER, true, "For how many people?")),
                    List.of(), "confirm", null, null),
            new StateSpec("confirm", "", "Booked for {{date}} at {{result.start}} for {{people}}. Goodbye.", List.of(),
                    List.of(), null, new ActionSpec("book_appointment", Map.of("calendar", "main")), End.HANGUP),
            new StateSpec("person", "", "Putting you through.", List.of(), List.of(), null, null, End.TRANSFER)));

    private FlowDialogue dialogue(FlowSpec flow, HandoffPolicy handoff, Guardrails guard) {
        return new FlowDialogue(flow, handoff, calendar, guard, null, "en-US", 3, CLOCK, ZoneId.of("UTC"));
    }

    @Test
    void theGreetingIsSaidOnceBeforeTheFirstStateAndNotOnItsReprompts() {
        FlowDialogue d = dialogue(CLINIC, null, null).withGreeting("Hello, this is the clinic.");
        assertThat(d.start()).isEqualTo(Step.listen(
                "Hello, this is the clinic. Say appointment to book, or press 0 for a person."));
        assertThat(d.onSpeech("banana").say()).doesNotContain("Hello, this is the clinic.");
    }

    @Test
    void keywordsSlotsAndTheActionBookAndTheResultIsSpoken() {
        FlowDialogue d = dialogue(CLINIC, null, null);
        assertThat(d.start()).isEqualTo(Step.listen("Say appointment to book, or press 0 for a person."));
        assertThat(d.expectedPhrases()).containsExactly("appointment");
        assertThat(d.onSpeech("appointment")).isEqualTo(Step.listen("Which day suits you?"));
        assertThat(d.expectedPhrases()).contains("today", "tomorrow", "friday").doesNotContain("lunes");
        assertThat(d.onSpeech("friday")).isEqualTo(Step.listen("For how many people?"));
        assertThat(d.expectedPhrases()).contains("twenty", "three");
        assertThat(calls).isEmpty();
        Step last = d.onSpeech("twenty three");
        assertThat(last).isEqualTo(new Step("Booked for 2026-11-27 at 10:00 for 23. Goodbye.", Then.HANGUP, null, false));
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("book_appointment");
            assertThat(c.argumentsJson()).isEqualTo("{\"date\":\"2026-11-27\",\"people\":\"23\",\"calendar\":\"main\"}");
        });
        assertThat(d.stateId()).isEqualTo("confirm");
    }

    @Test
    void dtmfTransitionsAndDigitsForNumberSlotsAndTransferEnds() {
        FlowDialogue d = dialogue(CLINIC, new HandoffPolicy("sip:desk@pbx", true, List.of(), 0, false, true, ""), null);
        d.start();
        assertThat(d.onDigit('0')).isEqualTo(new Step("Putting you through.", Then.TRANSFER, "sip:desk@pbx", true));
        assertThat(d.onTransferFailed("busy")).as("back to the start")
                .isEqualTo(Step.listen("Say appointment to book, or press 0 for a person."));
        d.onSpeech("appointment");
        d.onSpeech("tomorrow");
        assertThat(d.onDigit('4').then()).isEqualTo(Then.HANGUP);
        assertThat(d.slots()).containsEntry("date", "2026-11-25").containsEntry("people", "4");
    }

    @Test
    void missesRepromptThenHandOverAfterTheConfiguredNumber() {
        HandoffPolicy handoff = new HandoffPolicy(null, false, List.of("operator"), 2, false, true, "One moment.");
        FlowDialogue d = dialogue(CLINIC, handoff, null);
        d.start();
        assertThat(d.onSpeech("banana")).isEqualTo(
                Step.listen("Sorry, I did not catch that. Say appointment to book, or press 0 for a person."));
        assertThat(d.onDigit('7')).isEqualTo(new Step("One moment.", Then.TRANSFER, null, false));
        FlowDialogue again = dialogue(CLINIC, handoff, null);
        again.start();
        assertThat(again.expectedPhrases()).contains("operator", "appointment");
        assertThat(again.onSpeech("operator please").then()).as("handoff keyword").isEqualTo(Then.TRANSFER);
    }

    @Test
    void withoutHandoffMissesAndSilenceEndTheCallAfterMaxAttempts() {
        FlowDialogue d = dialogue(CLINIC, new HandoffPolicy(null, false, List.of(), 0, false, false, ""), null);
        d.start();
        assertThat(d.onNoInput().say()).startsWith("Sorry, I did not hear anything.");
        d.onNoInput();
        assertThat(d.onNoInput()).isEqualTo(new Step("", Then.HANGUP, null, false));
        FlowDialogue m = dialogue(CLINIC, null, null);
        m.start();
        m.onSpeech("what");
        m.onSpeech("what");
        assertThat(m.onSpeech("what").then()).isEqualTo(Then.HANGUP);
    }

    @Test
    void linearFlowsFollowTheListAndYesNoSlotsFillFromWords() {
        FlowSpec survey = new FlowSpec(FlowSpec.Type.LINEAR, null, List.of(
                StateSpec.of("intro", "This is a short survey.", List.of()),
                new StateSpec("q1", "", "Were you happy with the service? Say yes or no.", List.of(
                        new SlotSpec("happy", SlotType.YES_NO, true, null)), List.of(), null, null, null),
                new StateSpec("bye", "", "Thanks, you said {{happy}}. Goodbye.", List.of(), List.of(), null, null,
                        End.HANGUP)));
        FlowDialogue d = dialogue(survey, null, null);
        assertThat(d.start()).isEqualTo(new Step("This is a short survey.", Then.CONTINUE, null, false));
        assertThat(d.next()).isEqualTo(Step.listen("Were you happy with the service? Say yes or no."));
        assertThat(d.onSpeech("yes and no")).as("both: not understood").extracting(Step::say).asString()
                .startsWith("Sorry");
        assertThat(d.onSpeech("no thank you")).isEqualTo(new Step("Thanks, you said no. Goodbye.", Then.HANGUP, null, false));
    }

    @Test
    void spanishWordsFillSlotsAndPrefixesAreSpanish() {
        FlowSpec flow = new FlowSpec(FlowSpec.Type.LINEAR, null, List.of(
                new StateSpec("dia", "", "¿Qué día le viene bien?", List.of(new SlotSpec("dia", SlotType.DATE, true, null)),
                        List.of(), null, null, null),
                new StateSpec("fin", "", "Hasta el {{dia}}.", List.of(), List.of(), null, null, End.HANGUP)));
        FlowDialogue d = new FlowDialogue(flow, null, calendar, null, null, "es-ES", 3, CLOCK, ZoneId.of("UTC"));
        d.start();
        assertThat(d.onSpeech("hola").say()).startsWith("Perdone, no le he entendido.");
        assertThat(d.onSpeech("el miércoles").say()).isEqualTo("Hasta el 2026-11-25.");
    }

    @Test
    void everyWordSaidPassesTheGuardrails() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Guardrails guard = new Guardrails("flow", GuardrailRules.of(List.of("guarantee"), List.of(), "Sorry.", 0), registry);
        FlowSpec flow = new FlowSpec(FlowSpec.Type.GRAPH, null, List.of(
                StateSpec.of("a", "We guarantee a slot today.", List.of())));
        assertThat(dialogue(flow, null, guard).start().say()).isEqualTo("Sorry.");
        assertThat(registry.get("voxgate.bot.replies.blocked").tag("bot", "flow").counter().count()).isEqualTo(1);
    }

    @Test
    void flowsThatNeedAModelAreRefusedNamingTheField() {
        assertThatThrownBy(() -> FlowDialogue.checkRunnable(new FlowSpec(FlowSpec.Type.GRAPH, null, List.of(
                StateSpec.of("a", "Hi", List.of(Transition.onIntent("a", "anything")))))))
                .hasMessage("/flow/states/0/transitions/0/intent: intent transitions need an llm");
        assertThatThrownBy(() -> FlowDialogue.checkRunnable(new FlowSpec(FlowSpec.Type.GRAPH, null, List.of(
                StateSpec.of("a", "Hi", List.of()), StateSpec.of("b", "", List.of())))))
                .hasMessage("/flow/states/1/say: required when the bot has no llm");
        assertThatThrownBy(() -> FlowDialogue.checkRunnable(new FlowSpec(FlowSpec.Type.GRAPH, null, List.of(
                new StateSpec("a", "", "Hi", List.of(new SlotSpec("n", SlotType.TEXT, true, null)), List.of(), null,
                        null, null)))))
                .hasMessageStartingWith("/flow/states/0/slots/0/type: text slots need an llm");
    }
}
