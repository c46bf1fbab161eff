package org.voxgate.pipeline.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.flow.ActionSpec;
import org.voxgate.pipeline.flow.End;
import org.voxgate.pipeline.flow.FlowDialogue;
import org.voxgate.pipeline.flow.FlowSpec;
import org.voxgate.pipeline.flow.HandoffPolicy;
import org.voxgate.pipeline.flow.SlotSpec;
import org.voxgate.pipeline.flow.SlotType;
import org.voxgate.pipeline.flow.StateSpec;
import org.voxgate.pipeline.flow.Transition;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.Tools;

/** A skillbase flow without a model on the offline dialogue engine: espeak-ng speaks, DTMF answers. */
class FlowDialogEngineTest {
    private static final OfflineBotConfig CONFIG = OfflineBotConfig.defaults();
    private final FakeCallContext call = new FakeCallContext();
    private final List<ToolCall> booked = new CopyOnWriteArrayList<>();

    private static final FlowSpec FLOW = new FlowSpec(FlowSpec.Type.GRAPH, null, List.of(
            StateSpec.of("greet", "Press 1 to book, or 0 for a person.", List.of(
                    Transition.onDtmf("book", '1'), Transition.onDtmf("person", '0'))),
            new StateSpec("book", "", "For how many people? Press a digit.", List.of(
                    new SlotSpec("people", SlotType.NUMBER, true, null)), List.of(), "done", null, null),
            new StateSpec("done", "", "Booked for {{people}} at {{result.start}}. Goodbye.", List.of(), List.of(), null,
                    new ActionSpec("book_appointment", Map.of()), End.HANGUP),
            new StateSpec("person", "", "Please hold.", List.of(), List.of(), null, null, End.TRANSFER)));

    private DialogEngine engine() {
        Tools tools = new Tools() {
            @Override public List<ToolSpec> specs() { return List.of(); }
            @Override public String run(ToolCall c) {
                booked.add(c);
                return "{\"start\":\"ten a.m.\"}";
            }
        };
        FlowDialogue dialogue = new FlowDialogue(FLOW, new HandoffPolicy(null, true, List.of(), 0, false, true, ""),
                tools, null, null, "en-US", 3, call.clock, ZoneId.of("UTC"));
        return new DialogEngine(dialogue, call, OfflineTestEngines.espeak(), null, null, CONFIG, reason -> { });
    }

    private void playOut(DialogEngine engine) {
        call.clock.advanceMillis(call.audio.queuedPlaybackMillis());
        engine.onTick();
    }

    @Test
    void digitsWalkTheFlowTheActionBooksAndTheBotHangsUpAfterSayingTheResult() {
        DialogEngine engine = engine();
        engine.start();
        assertThat(engine.stateId()).isEqualTo("greet");
        playOut(engine);
        engine.onDtmf('1');
        playOut(engine);
        engine.onDtmf('4');
        assertThat(booked).singleElement().extracting(ToolCall::argumentsJson).isEqualTo("{\"people\":\"4\"}");
        assertThat(engine.stateId()).isEqualTo("done");
        playOut(engine);
        call.clock.advance(CONFIG.hangupGrace());
        engine.onTick();
        assertThat(call.hangups).containsExactly("bot_hangup");
        assertThat(call.turns(Speaker.BOT)).extracting(FakeCallContext.Turn::text).containsExactly(
                "Press 1 to book, or 0 for a person.", "For how many people? Press a digit.",
                "Booked for 4 at ten a.m.. Goodbye.");
        assertThat(call.audio.playCount()).isEqualTo(3);
    }

    @Test
    void aTransferStateHandsOverWarmAfterItsWords() {
        DialogEngine engine = engine();
        engine.start();
        playOut(engine);
        engine.onDtmf('0');
        assertThat(call.transfers).isEmpty();
        playOut(engine);
        assertThat(call.transfers).singleElement().satisfies(t -> {
            assertThat(t.warm()).isTrue();
            assertThat(t.target()).isNull();
        });
    }
}
