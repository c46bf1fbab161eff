package org.voxgate.pipeline.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowSpecTest {
    private static StateSpec state(String id, Transition... t) {
        return StateSpec.of(id, "Say " + id, List.of(t));
    }

    @Test
    void startDefaultsToTheFirstStateAndLinearFlowsFollowTheList() {
        StateSpec a = state("a");
        StateSpec b = new StateSpec("b", "", "", List.of(), List.of(), "d", null, null);
        StateSpec c = state("c");
        StateSpec d = state("d");
        FlowSpec flow = new FlowSpec(FlowSpec.Type.LINEAR, null, List.of(a, b, c, d));
        assertThat(flow.start()).isEqualTo("a");
        assertThat(flow.following(a)).isEqualTo("b");
        assertThat(flow.following(b)).as("explicit next").isEqualTo("d");
        assertThat(flow.following(d)).isNull();
        FlowSpec graph = new FlowSpec(FlowSpec.Type.GRAPH, "c", List.of(a, c));
        assertThat(graph.following(a)).isNull();
    }

    @Test
    void referencesToMissingStatesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new FlowSpec(FlowSpec.Type.GRAPH, null,
                List.of(state("a", Transition.onKeywords("nowhere", "go")))))
                .hasMessage("state 'a' transition target 'nowhere' is not a state of the flow");
        assertThatThrownBy(() -> new FlowSpec(FlowSpec.Type.GRAPH, "x", List.of(state("a"))))
                .hasMessage("start 'x' is not a state of the flow");
        assertThatThrownBy(() -> new FlowSpec(FlowSpec.Type.LINEAR, null,
                List.of(new StateSpec("a", "", "", List.of(), List.of(), "zz", null, null))))
                .hasMessage("state 'a' next 'zz' is not a state of the flow");
        assertThatThrownBy(() -> new FlowSpec(FlowSpec.Type.GRAPH, null, List.of(state("a"), state("a"))))
                .hasMessage("state id 'a' appears twice");
        assertThatThrownBy(() -> new FlowSpec(FlowSpec.Type.GRAPH, null, List.of()))
                .hasMessageContaining("at least one state");
    }

    @Test
    void recordsCheckTheirOwnFields() {
        assertThatThrownBy(() -> new Transition("a", List.of("x"), "1", null)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new Transition("a", List.of(), null, null)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> Transition.onDtmf("a", 'x')).hasMessageContaining("dtmf must be one key");
        assertThatThrownBy(() -> state("Bad Id")).hasMessageContaining("state id must match");
        assertThatThrownBy(() -> new SlotSpec("Date", SlotType.DATE, true, null)).hasMessageContaining("slot name");
        assertThatThrownBy(() -> new ActionSpec("Book!", Map.of())).hasMessageContaining("action tool");
        assertThatThrownBy(() -> StateSpec.of("a", "", List.of(Transition.onDtmf("b", '1'), Transition.onDtmf("c", '1'))))
                .hasMessageContaining("dtmf '1' leads to two states");
        assertThatThrownBy(() -> new HandoffPolicy(null, false, List.of(), -1, false, true, null))
                .hasMessageContaining("afterMisunderstandings");
        SlotSpec dup = new SlotSpec("day", SlotType.DATE, true, null);
        assertThatThrownBy(() -> new FlowSpec(FlowSpec.Type.GRAPH, null, List.of(
                new StateSpec("a", "", "", List.of(dup), List.of(), null, null, null),
                new StateSpec("b", "", "", List.of(dup), List.of(), null, null, null))))
                .hasMessage("slot 'day' is collected by two states");
    }

    @Test
    void slotTypesCheckAndCanonicaliseValues() {
        assertThat(SlotType.DATE.canonical("2026-11-24")).contains("2026-11-24");
        assertThat(SlotType.DATE.canonical("next tuesday")).isEmpty();
        assertThat(SlotType.DATE.canonical("2026-02-30")).isEmpty();
        assertThat(SlotType.TIME.canonical("9:30")).contains("09:30");
        assertThat(SlotType.TIME.canonical("25:00")).isEmpty();
        assertThat(SlotType.NUMBER.canonical("2.50")).contains("2.5");
        assertThat(SlotType.NUMBER.canonical("two")).isEmpty();
        assertThat(SlotType.PHONE.canonical("+44 (20) 7946-0958")).contains("+442079460958");
        assertThat(SlotType.PHONE.canonical("call me")).isEmpty();
        assertThat(SlotType.YES_NO.canonical("Yes.")).contains("yes");
        assertThat(SlotType.YES_NO.canonical("Sí")).contains("yes");
        assertThat(SlotType.YES_NO.canonical("nope")).contains("no");
        assertThat(SlotType.YES_NO.canonical("maybe")).isEmpty();
        assertThat(SlotType.fromName("yes_no")).isEqualTo(SlotType.YES_NO);
        assertThat(SlotType.fromName("colour")).isNull();
    }

    @Test
    void sayTemplatesFillSlotsAndActionResultsAndNeverReadBraces() {
        var result = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        result.putObject("booking").put("start", "10:00");
        assertThat(SayTemplate.fill("Booked {{ date }} at {{result.booking.start}}{{missing}}.",
                Map.of("date", "2026-11-24"), result)).isEqualTo("Booked 2026-11-24 at 10:00.");
        assertThat(SayTemplate.fill("At {{result.start}} for {{name}}", Map.of(), null)).isEqualTo("At for");
    }

    @Test
    void wordsMatchWholeWordsIgnoringCaseAndAccents() {
        assertThat(Words.longestMatch("I'd like to BOOK, please", List.of("book", "book a table"))).isEqualTo("book");
        assertThat(Words.longestMatch("booking", List.of("book"))).isNull();
        assertThat(Words.longestMatch("Quiero hablar con un operadór", List.of("operador"))).isEqualTo("operador");
        assertThat(Words.longestMatch("speak to a real person now", List.of("person", "real person"))).isEqualTo("real person");
    }
}
