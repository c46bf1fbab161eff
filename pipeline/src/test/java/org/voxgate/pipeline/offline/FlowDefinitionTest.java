package org.voxgate.pipeline.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowDefinitionTest {
    private final FlowDefinition flow = ReceptionistFlow.definition();

    @Test
    void receptionistPhrasesLeadWhereExpected() {
        FlowState greet = flow.state(ReceptionistFlow.GREET);
        assertThat(greet.nextForSpeech("book an appointment")).isEqualTo(ReceptionistFlow.OFFER);
        assertThat(greet.nextForSpeech("Appointment!")).isEqualTo(ReceptionistFlow.OFFER);
        assertThat(greet.nextForSpeech("um i want an appointment tomorrow")).isEqualTo(ReceptionistFlow.OFFER);
        assertThat(greet.nextForSpeech("goodbye")).isEqualTo(ReceptionistFlow.GOODBYE);
        assertThat(greet.nextForSpeech("")).isNull();
        assertThat(greet.nextForSpeech("weather")).isNull();
        FlowState offer = flow.state(ReceptionistFlow.OFFER);
        assertThat(offer.nextForSpeech("yes please")).isEqualTo(ReceptionistFlow.CONFIRM);
        assertThat(offer.nextForSpeech("no")).isEqualTo(ReceptionistFlow.GOODBYE);
        // Whole words only: "know" is not "no".
        assertThat(offer.nextForSpeech("i know")).isNull();
        assertThat(offer.nextForDigit('1')).isEqualTo(ReceptionistFlow.CONFIRM);
        assertThat(offer.nextForDigit('2')).isEqualTo(ReceptionistFlow.GOODBYE);
        assertThat(offer.nextForDigit('#')).isNull();
        assertThat(flow.state(ReceptionistFlow.CONFIRM).listens()).isFalse();
        assertThat(flow.state(ReceptionistFlow.GOODBYE).hangup()).isTrue();
    }

    @Test
    void brokenFlowsAreRejected() {
        FlowState end = new FlowState("END", "bye", Map.of(), Map.of(), null, true);
        FlowState dangling = new FlowState("A", "hi", Map.of("yes", "NOWHERE"), Map.of(), null, false);
        assertThatThrownBy(() -> FlowDefinition.of("A", "END", "", "", List.of(dangling, end)))
                .hasMessageContaining("NOWHERE");
        assertThatThrownBy(() -> FlowDefinition.of("MISSING", "END", "", "", List.of(end)))
                .hasMessageContaining("initial state");
        assertThatThrownBy(() -> new FlowState("X", "hi", Map.of(), Map.of(), null, false))
                .hasMessageContaining("no answers");
        assertThatThrownBy(() -> new FlowState("X", "hi", Map.of("yes", "END"), Map.of(), null, true))
                .hasMessageContaining("hangs up");
        assertThatThrownBy(() -> FlowDefinition.of("END", "END", "", "", List.of(end, end)))
                .hasMessageContaining("duplicate");
    }
}
