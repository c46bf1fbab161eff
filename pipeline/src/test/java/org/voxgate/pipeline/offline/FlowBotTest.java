package org.voxgate.pipeline.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.flow.ActionSpec;
import org.voxgate.pipeline.flow.End;
import org.voxgate.pipeline.flow.FlowSpec;
import org.voxgate.pipeline.flow.HandoffPolicy;
import org.voxgate.pipeline.flow.SlotSpec;
import org.voxgate.pipeline.flow.SlotType;
import org.voxgate.pipeline.flow.StateSpec;
import org.voxgate.pipeline.flow.Transition;
import org.voxgate.pipeline.guard.GuardrailRules;
import org.voxgate.pipeline.guard.Guardrails;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.Tools;

/**
 * A skillbase bot without a model as the application runs it: built by {@link OfflineBots#flowBot},
 * its own session thread, espeak-ng speaking, digits through the channel's listener. The call's
 * clock moves only when the test moves it; waits are for conditions.
 */
class FlowBotTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final OfflineBotConfig DTMF_ONLY = OfflineBotConfig.defaults()
            .withPocketsphinxLibrary(Path.of("/nonexistent/libpocketsphinx.so.3"));

    private final FakeCallContext call = new FakeCallContext();
    private final List<Thread> sessionThreads = new CopyOnWriteArrayList<>();
    private final ThreadFactory threads = runnable -> {
        Thread thread = Thread.ofVirtual().name("flow-bot-test").unstarted(runnable);
        sessionThreads.add(thread);
        return thread;
    };
    private final List<ToolCall> actions = new CopyOnWriteArrayList<>();
    private final List<String> blocked = new CopyOnWriteArrayList<>();
    private BotSession session;

    private static final FlowSpec FLOW = new FlowSpec(FlowSpec.Type.LINEAR, null, List.of(
            new StateSpec("ask", "", "How many people? Press a digit.", List.of(
                    new SlotSpec("people", SlotType.NUMBER, true, null)),
                    List.of(Transition.onDtmf("person", '0')), null, null, null),
            new StateSpec("done", "", "Booked for {{people}}, we guarantee it. Goodbye.", List.of(), List.of(), null,
                    new ActionSpec("book_appointment", Map.of("calendar", "main")), End.HANGUP),
            new StateSpec("person", "", "Please hold.", List.of(), List.of(), null, null, End.TRANSFER)));

    @AfterEach
    void stopSession() throws InterruptedException {
        if (session != null) {
            session.stop();
        }
        for (Thread thread : sessionThreads) {
            thread.join(DEADLINE.toMillis());
            assertThat(thread.isAlive()).as("session thread ended").isFalse();
        }
    }

    private Bot bot(String language) {
        Tools tools = new Tools() {
            @Override public List<ToolSpec> specs() { return List.of(); }
            @Override public String run(ToolCall c) {
                actions.add(c);
                return "{\"booked\":true}";
            }
        };
        Guardrails guard = new Guardrails("survey", GuardrailRules.of(List.of("guarantee"), List.of(),
                "Thank you. Goodbye.", 0), new SimpleMeterRegistry());
        return OfflineBots.create(DTMF_ONLY, threads).flowBot("survey", language, FLOW,
                new HandoffPolicy("sip:desk@pbx.example", false, List.of(), 0, false, true, ""),
                (c, control) -> tools, guard, c -> (rule, matched, text) -> blocked.add(matched), ZoneId.of("UTC"));
    }

    @Test
    void digitsFillTheSlotTheActionRunsAndTheGuardedGoodbyeIsSpokenBeforeTheHangUp() {
        Bot bot = bot("en-US");
        assertThat(bot.name()).isEqualTo("survey");
        session = bot.open(call);
        await(() -> call.audio.playCount() == 1, "question played");
        call.clock.advanceMillis(call.audio.queuedPlaybackMillis());
        await(() -> call.turns(Speaker.BOT).size() == 1, "question recorded");
        call.audio.pressDigit('3');
        await(() -> call.audio.playCount() == 2, "goodbye played");
        assertThat(actions).singleElement().extracting(ToolCall::argumentsJson)
                .isEqualTo("{\"people\":\"3\",\"calendar\":\"main\"}");
        assertThat(blocked).containsExactly("guarantee");
        call.clock.advanceMillis(call.audio.queuedPlaybackMillis());
        await(() -> call.turns(Speaker.BOT).size() == 2, "goodbye recorded");
        call.clock.advance(DTMF_ONLY.hangupGrace());
        await(() -> !call.hangups.isEmpty(), "hung up");
        assertThat(call.hangups).containsExactly("bot_hangup");
        assertThat(call.turns(Speaker.BOT)).extracting(FakeCallContext.Turn::text)
                .containsExactly("How many people? Press a digit.", "Thank you. Goodbye.");
    }

    @Test
    void aSpanishBotSpeaksWithTheSpanishVoiceAndTransfersOnItsKey() {
        session = bot("es-ES").open(call);
        await(() -> call.audio.playCount() == 1, "question played");
        call.clock.advanceMillis(call.audio.queuedPlaybackMillis());
        await(() -> call.turns(Speaker.BOT).size() == 1, "question recorded");
        call.audio.pressDigit('0');
        await(() -> call.audio.playCount() == 2, "hold message played");
        call.clock.advanceMillis(call.audio.queuedPlaybackMillis());
        await(() -> !call.transfers.isEmpty(), "transferred");
        assertThat(call.transfers.getFirst().target()).isEqualTo("sip:desk@pbx.example");
    }

    @Test
    void aFlowThatNeedsAModelIsRefusedWhenTheBotIsBuilt() {
        FlowSpec needsModel = new FlowSpec(FlowSpec.Type.GRAPH, null, List.of(
                StateSpec.of("a", "", List.of())));
        OfflineBots bots = OfflineBots.create(DTMF_ONLY, threads);
        assertThatThrownBy(() -> bots.flowBot("x", "en", needsModel, null, (c, control) -> Tools.NONE, null, null,
                ZoneId.of("UTC"))).hasMessage("/flow/states/0/say: required when the bot has no llm");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
