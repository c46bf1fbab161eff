package org.voxgate.pipeline.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.flow.ActionSpec;
import org.voxgate.pipeline.flow.End;
import org.voxgate.pipeline.flow.FlowConversation;
import org.voxgate.pipeline.flow.FlowSpec;
import org.voxgate.pipeline.flow.HandoffPolicy;
import org.voxgate.pipeline.flow.SlotSpec;
import org.voxgate.pipeline.flow.SlotType;
import org.voxgate.pipeline.flow.StateSpec;
import org.voxgate.pipeline.flow.Transition;
import org.voxgate.pipeline.guard.GuardrailRules;
import org.voxgate.pipeline.guard.Guardrails;
import org.voxgate.pipeline.provider.ChatMessage;
import org.voxgate.pipeline.provider.LlmListener.StopReason;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.tools.Tools;

/** Flows, handoff and guardrails of a cascade bot, driven through the real engine on the stepped clock. */
class FlowCascadeTest {
    private final CascadeHarness h = new CascadeHarness();
    private final List<ToolCall> botToolCalls = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> blocks = new CopyOnWriteArrayList<>();

    /** The bot's own tools: a booking tool answering like a calendar would. */
    private final Tools bookings = new Tools() {
        @Override public List<ToolSpec> specs() {
            return List.of(new ToolSpec("book_appointment", "Books a slot", "{\"type\":\"object\"}"));
        }
        @Override public String run(ToolCall c) {
            botToolCalls.add(c);
            return "{\"booked\":true,\"start\":\"10:00\"}";
        }
    };

    private static final FlowSpec CLINIC = new FlowSpec(FlowSpec.Type.GRAPH, "greet", List.of(
            new StateSpec("greet", "Find out what the caller wants.", "", List.of(), List.of(
                    Transition.onKeywords("book", "appointment", "book"),
                    Transition.onDtmf("bye", '9'),
                    Transition.onIntent("faq", "the caller asks about opening hours")), null, null, null),
            new StateSpec("book", "Collect the day.", "Which day suits you?",
                    List.of(new SlotSpec("date", SlotType.DATE, true, "Which day?")),
                    List.of(Transition.onIntent("bye", "the caller has nothing else")), null,
                    new ActionSpec("book_appointment", Map.of("calendar", "main")), null),
            new StateSpec("faq", "Answer from the facts.", "", List.of(), List.of(
                    Transition.onIntent("bye", "the caller is done")), null, null, null),
            new StateSpec("bye", "", "Goodbye.", List.of(), List.of(), null, null, End.HANGUP)));

    private void open(FlowSpec flow, HandoffPolicy handoff, GuardrailRules rules) {
        Guardrails guard = new Guardrails("test", rules, registry);
        h.open(CascadeHarness.settings("", false), (call, control) -> bookings,
                FlowConversation.factory(flow, handoff, "en-US", guard,
                        call -> (rule, matched, text) -> blocks.add(rule + ":" + matched)));
    }

    /** The model's turn: optional text, then tool calls (run by the engine), ending the round. */
    private void model(String text, ToolCall... calls) {
        if (!text.isEmpty()) {
            h.llm.last().listener.onText(text);
        }
        for (ToolCall c : calls) {
            h.llm.last().listener.onToolCall(c);
        }
        h.llm.last().listener.onComplete(calls.length > 0 ? StopReason.TOOL_CALLS : StopReason.END_OF_TURN,
                TokenUsage.text(10, 0, 5));
        h.run();
        h.tts.deliver();
        h.run();
    }

    private String lastToolResult() {
        List<ChatMessage> m = h.llm.last().request.messages();
        return ((ChatMessage.ToolResult) m.getLast()).content();
    }

    @Test
    void keywordTransitionSpeaksTheNextStateWithoutTheModelThenTheModelFillsTheSlotAndTheActionBooks() {
        open(CLINIC, HandoffPolicy.DEFAULT, GuardrailRules.NONE);
        h.ask("I want to book an appointment.");
        assertThat(h.llm.completions).as("keyword transition: no model round trip").isEmpty();
        h.tts.deliver();
        h.run();
        assertThat(h.tts.spoken).containsExactly("Which day suits you?");
        h.frames(false, 40);

        h.ask("Tuesday the twenty fourth please.");
        assertThat(h.llm.completions).hasSize(1);
        String system = h.llm.last().request.system();
        assertThat(system).startsWith("You are a test.\n\n## Conversation flow")
                .contains("Current step: book. Goal: Collect the day.")
                .contains("- date (an ISO date yyyy-MM-dd, required): ask \"Which day?\"")
                .contains("- bye: the caller has nothing else");
        assertThat(h.llm.last().request.tools()).extracting(ToolSpec::name)
                .containsExactly("set_slot", "go_to_state", "book_appointment");

        model("", new ToolCall("t1", "set_slot", "{\"name\":\"date\",\"value\":\"next tuesday\"}"));
        assertThat(lastToolResult()).contains("must be an ISO date yyyy-MM-dd");
        assertThat(botToolCalls).isEmpty();
        model("", new ToolCall("t2", "set_slot", "{\"name\":\"date\",\"value\":\"2026-11-24\"}"));
        assertThat(botToolCalls).hasSize(1);
        assertThat(botToolCalls.getFirst().name()).isEqualTo("book_appointment");
        assertThat(botToolCalls.getFirst().argumentsJson()).isEqualTo("{\"date\":\"2026-11-24\",\"calendar\":\"main\"}");
        assertThat(lastToolResult()).contains("\"actionResult\":{\"booked\":true,\"start\":\"10:00\"}")
                .contains("\"missingSlots\":[]");
        model("You are booked for ten. Anything else?");
        h.frames(false, 60);
        assertThat(h.call.hangups).isEmpty();

        h.ask("No that's all.");
        assertThat(h.llm.last().request.system()).contains("Collected so far: date=2026-11-24;")
                .contains("Result of the last action: {\"booked\":true,\"start\":\"10:00\"}");
        model("", new ToolCall("t3", "go_to_state", "{\"state\":\"greet\"}"));
        assertThat(lastToolResult()).as("only the state's transitions").contains("state must be one of [bye]");
        model("", new ToolCall("t4", "go_to_state", "{\"state\":\"bye\"}"));
        assertThat(lastToolResult()).contains("\"sayVerbatim\":\"Goodbye.\"").contains("the call ends after your reply");
        model("Goodbye.");
        assertThat(h.call.hangups).as("not while saying goodbye").isEmpty();
        h.frames(false, 40);
        assertThat(h.call.hangups).containsExactly("bot_hangup");
    }

    @Test
    void aDtmfTransitionCutsTheBotShortAndIsTakenWithoutTheModel() {
        open(CLINIC, HandoffPolicy.DEFAULT, GuardrailRules.NONE);
        h.ask("Hello.");
        h.llm.last().listener.onText("Hello, how can I help you today? We do appointments. ");
        h.run();
        h.tts.deliver();
        h.run();
        h.frames(false, 3); // the reply is playing
        h.call.audio.pressDigit('5');
        h.run();
        assertThat(h.call.interruptions).as("an unknown key does nothing").isEmpty();
        h.call.audio.pressDigit('9');
        h.run();
        assertThat(h.llm.last().cancelled).isTrue();
        assertThat(h.call.interruptions).containsExactly(false);
        h.tts.deliver();
        h.run();
        assertThat(h.tts.spoken.getLast()).isEqualTo("Goodbye.");
        assertThat(h.llm.completions).hasSize(1);
        h.frames(false, 40);
        assertThat(h.call.hangups).containsExactly("bot_hangup");
        assertThat(h.call.turns).extracting(TestCall.Turn::text).contains("[dtmf 9]", "Goodbye.");
    }

    @Test
    void intentTransitionIsTheModelsGoToState() {
        open(CLINIC, HandoffPolicy.DEFAULT, GuardrailRules.NONE);
        h.ask("When are you open?");
        assertThat(h.llm.last().request.system()).contains("- faq: the caller asks about opening hours")
                .doesNotContain("9"); // key presses are not the model's business
        model("", new ToolCall("t1", "go_to_state", "{\"state\":\"faq\"}"));
        assertThat(lastToolResult()).contains("now in step faq");
        assertThat(h.llm.last().request.system()).contains("Current step: faq. Goal: Answer from the facts.");
        model("We open at nine.");
        h.frames(false, 40);
        assertThat(h.call.ended.getLast().botText()).isEqualTo("We open at nine.");
    }

    @Test
    void linearFlowMovesOnWhenTheRequiredSlotsAreFilled() {
        FlowSpec survey = new FlowSpec(FlowSpec.Type.LINEAR, null, List.of(
                new StateSpec("rate", "Ask for a rating from 1 to 5.", "", List.of(
                        new SlotSpec("rating", SlotType.NUMBER, true, null),
                        new SlotSpec("comment", SlotType.TEXT, false, null)), List.of(), null, null, null),
                new StateSpec("recommend", "Ask whether they would recommend us.", "", List.of(
                        new SlotSpec("recommend", SlotType.YES_NO, true, null)), List.of(), null, null, null),
                new StateSpec("thanks", "", "Thank you for your time.", List.of(), List.of(), null, null, End.HANGUP)));
        open(survey, HandoffPolicy.DEFAULT, GuardrailRules.NONE);
        h.ask("Hello.");
        assertThat(h.llm.last().request.system()).contains("Current step: rate").contains("- recommend: once this step is done");
        model("", new ToolCall("a", "set_slot", "{\"name\":\"rating\",\"value\":\"4\"}"));
        assertThat(lastToolResult()).contains("\"state\":\"recommend\"");
        model("Would you recommend us?");
        h.frames(false, 40);
        h.ask("Yes.");
        model("", new ToolCall("b", "set_slot", "{\"name\":\"recommend\",\"value\":\"yes\"}"));
        assertThat(lastToolResult()).contains("\"state\":\"thanks\"").contains("\"sayVerbatim\":\"Thank you for your time.\"");
        model("Thank you for your time.");
        h.frames(false, 40);
        assertThat(h.call.hangups).containsExactly("bot_hangup");
    }

    @Test
    void handoffKeywordSaysTheMessageThenTransfersWithoutTheModel() {
        HandoffPolicy handoff = new HandoffPolicy("sip:desk@pbx.example", true, List.of("human", "operator"), 0, false,
                true, "Let me put you through.");
        open(CLINIC, handoff, GuardrailRules.NONE);
        h.ask("Can I talk to a human please.");
        assertThat(h.llm.completions).isEmpty();
        h.tts.deliver();
        h.run();
        assertThat(h.tts.spoken).containsExactly("Let me put you through.");
        assertThat(h.call.transfers).as("only after the message has played").isEmpty();
        h.frames(false, 40);
        assertThat(h.call.transfers).hasSize(1);
        assertThat(h.call.transfers.getFirst().target()).isEqualTo("sip:desk@pbx.example");
        assertThat(h.call.transfers.getFirst().warm()).isTrue();
    }

    @Test
    void speechOverTheHandoffMessageDoesNotCancelTheTransfer() {
        HandoffPolicy handoff = new HandoffPolicy(null, false, List.of("operator"), 0, false, true,
                "Please hold while I put you through to a colleague.");
        open(CLINIC, handoff, GuardrailRules.NONE);
        h.ask("Operator.");
        h.tts.deliver();
        h.run();
        h.frames(true, 15); // the caller talks over the message
        h.stt.listener().onTranscript("hello are you there", true);
        h.run();
        h.frames(false, 60);
        assertThat(h.call.interruptions).isEmpty();
        assertThat(h.call.transfers).hasSize(1);
        assertThat(h.llm.completions).as("the held words wait for the transfer's outcome").isEmpty();
        h.call.transfers.getFirst().listener().onTransferFailed("busy");
        h.run();
        h.frames(false, 1);
        assertThat(h.llm.completions).hasSize(1);
        assertThat(h.llm.last().request.messages()).extracting(Object::toString).anySatisfy(m ->
                assertThat(m).contains("hello are you there")).anySatisfy(m ->
                assertThat(m).contains("The transfer to a person failed: busy"));
    }

    @Test
    void negativeSentimentHandsOverWhenAskedTo() {
        HandoffPolicy handoff = new HandoffPolicy(null, false, List.of(), 0, true, true, "I will get a colleague.");
        open(null, handoff, GuardrailRules.NONE);
        h.ask("What are your hours?");
        model("Nine to five.");
        h.frames(false, 40);
        h.ask("This is ridiculous, I am not happy.");
        assertThat(h.llm.completions).hasSize(1);
        h.tts.deliver();
        h.run();
        h.frames(false, 40);
        assertThat(h.call.transfers).hasSize(1);
        assertThat(h.call.transfers.getFirst().target()).isNull();
        assertThat(h.call.transfers.getFirst().warm()).isFalse();
    }

    @Test
    void repeatedMisunderstandingsHandOver() {
        HandoffPolicy handoff = new HandoffPolicy(null, false, List.of(), 2, false, true, "Let me get someone.");
        open(CLINIC, handoff, GuardrailRules.NONE);
        h.ask("book.");
        h.tts.deliver();
        h.run();
        h.frames(false, 40);
        h.ask("Mumble mumble.");
        assertThat(h.llm.last().request.tools()).extracting(ToolSpec::name).contains("cannot_help");
        model("Sorry, which day?"); // no slot filled, no move: misunderstood once
        h.frames(false, 40);
        assertThat(h.call.transfers).isEmpty();
        h.ask("Blah.");
        model("", new ToolCall("c", "cannot_help", "{}"));
        model("I did not get that.");
        h.frames(false, 40);
        h.tts.deliver();
        h.run();
        h.frames(false, 40);
        assertThat(h.tts.spoken).contains("Let me get someone.");
        assertThat(h.call.transfers).hasSize(1);
    }

    @Test
    void aBlockedReplyIsNeverSpokenTheModelIsStoppedAndTheBlockIsCountedAndReported() {
        open(null, HandoffPolicy.DEFAULT, GuardrailRules.of(List.of("promise you a full refund"), List.of(),
                "Sorry, I can't help with that.", 0));
        h.ask("Can I get my money back?");
        h.llm.last().listener.onText("Of course, I can promise you");
        h.run();
        h.llm.last().listener.onText(", a full refund today. And more.");
        h.run();
        assertThat(h.llm.last().cancelled).isTrue();
        h.llm.last().listener.onComplete(StopReason.END_OF_TURN, TokenUsage.NONE);
        h.run();
        h.tts.deliver();
        h.run();
        h.frames(false, 60);
        String spoken = String.join("", h.tts.spoken);
        assertThat(spoken).doesNotContain("promise").doesNotContain("refund")
                .isEqualTo("Of course, I can Sorry, I can't help with that. ");
        assertThat(blocks).containsExactly("banned_phrase:promise you a full refund");
        assertThat(registry.get("voxgate.bot.replies.blocked").tag("bot", "test").tag("rule", "banned_phrase")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("voxgate.bot.replies").tag("bot", "test").counter().count()).isEqualTo(1);
        h.ask("Why not?");
        List<ChatMessage> history = new ArrayList<>(h.llm.last().request.messages());
        assertThat(history.get(1)).as("the model remembers what was said, not what it wrote")
                .isEqualTo(new ChatMessage.Assistant("Of course, I can Sorry, I can't help with that.", List.of()));
    }

    @Test
    void theGreetingPassesTheGuardrailsToo() {
        Guardrails guard = new Guardrails("test", GuardrailRules.of(List.of("guarantee"), List.of(), "Hello.", 0), registry);
        h.open(CascadeHarness.settings("Hi, we guarantee the best prices!", false), (call, control) -> Tools.NONE,
                FlowConversation.factory(null, null, "en", guard, null));
        h.tts.deliver();
        h.run();
        assertThat(h.tts.spoken).containsExactly("Hello. ");
    }
}
