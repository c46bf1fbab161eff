package org.voxgate.pipeline.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.guard.GuardrailRules;

class SkillbasePartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void theContractsExampleBecomesRecords() throws Exception {
        JsonNode doc = json("""
                {'flow': {'type': 'graph', 'start': 'greet', 'states': [
                  {'id': 'greet', 'prompt': 'Find out what they want.', 'say': 'Say appointment or operator.',
                   'slots': [{'name': 'date', 'type': 'date', 'required': true, 'prompt': 'Which day suits you?'}],
                   'transitions': [{'to': 'book', 'keywords': ['appointment', 'book']}, {'to': 'handoff', 'dtmf': '0'},
                                   {'to': 'book', 'intent': 'the caller wants a slot'}],
                   'action': {'tool': 'book_appointment', 'arguments': {'calendar': 'main'}}},
                  {'id': 'book', 'say': 'Booked.', 'end': 'hangup'},
                  {'id': 'handoff', 'say': 'One moment.', 'end': 'transfer'}]},
                 'handoff': {'target': 'sip:desk@pbx.example', 'mode': 'warm', 'keywords': ['human'],
                   'afterMisunderstandings': 2, 'onNegativeSentiment': true, 'message': 'Putting you through.'},
                 'guardrails': {'bannedPhrases': ['guarantee'], 'patterns': ['\\\\b\\\\d{13,19}\\\\b'],
                   'blockedReply': 'Sorry.', 'maxReplyChars': 600}}""");
        FlowSpec flow = SkillbaseParts.flow(doc.get("flow"));
        assertThat(flow.type()).isEqualTo(FlowSpec.Type.GRAPH);
        StateSpec greet = flow.state("greet");
        assertThat(greet.slots()).containsExactly(new SlotSpec("date", SlotType.DATE, true, "Which day suits you?"));
        assertThat(greet.transitions()).containsExactly(Transition.onKeywords("book", "appointment", "book"),
                Transition.onDtmf("handoff", '0'), Transition.onIntent("book", "the caller wants a slot"));
        assertThat(greet.action()).isEqualTo(new ActionSpec("book_appointment", Map.of("calendar", "main")));
        assertThat(flow.state("book").end()).isEqualTo(End.HANGUP);
        assertThat(flow.state("handoff").end()).isEqualTo(End.TRANSFER);
        assertThat(SkillbaseParts.handoff(doc.get("handoff"))).isEqualTo(new HandoffPolicy("sip:desk@pbx.example", true,
                List.of("human"), 2, true, true, "Putting you through."));
        GuardrailRules rules = SkillbaseParts.guardrails(doc.get("guardrails"));
        assertThat(rules.bannedPhrases()).containsExactly("guarantee");
        assertThat(rules.patterns()).singleElement().extracting(java.util.regex.Pattern::pattern)
                .isEqualTo("\\b\\d{13,19}\\b");
        assertThat(rules.maxReplyChars()).isEqualTo(600);
        assertThat(SkillbaseParts.flow(doc.get("absent"))).isNull();
        assertThat(SkillbaseParts.handoff(null)).isEqualTo(HandoffPolicy.DEFAULT);
        assertThat(SkillbaseParts.guardrails(null)).isEqualTo(GuardrailRules.NONE);
    }

    @Test
    void refusalsNameThePartAtFault() throws Exception {
        assertThatThrownBy(() -> SkillbaseParts.flow(json(
                "{'states': [{'id': 'a', 'slots': [{'name': 'Bad', 'type': 'date'}]}]}")))
                .hasMessageStartingWith("/flow/states/0/slots/0: slot name must match");
        assertThatThrownBy(() -> SkillbaseParts.flow(json(
                "{'states': [{'id': 'a', 'slots': [{'name': 'x', 'type': 'colour'}]}]}")))
                .hasMessageStartingWith("/flow/states/0/slots/0/type:");
        assertThatThrownBy(() -> SkillbaseParts.flow(json(
                "{'states': [{'id': 'a', 'transitions': [{'to': 'a', 'dtmf': '1', 'intent': 'x'}]}]}")))
                .hasMessageStartingWith("/flow/states/0/transitions/0: transition to 'a' needs exactly one");
        assertThatThrownBy(() -> SkillbaseParts.flow(json(
                "{'states': [{'id': 'a', 'transitions': [{'to': 'b', 'keywords': ['x']}]}]}")))
                .hasMessage("/flow: state 'a' transition target 'b' is not a state of the flow");
        assertThatThrownBy(() -> SkillbaseParts.flow(json("{'states': [{'id': 'a', 'end': 'explode'}]}")))
                .hasMessage("/flow/states/0/end: must be hangup or transfer");
        assertThatThrownBy(() -> SkillbaseParts.guardrails(json("{'patterns': ['(']}")))
                .hasMessageStartingWith("/guardrails/patterns/0: not a valid regular expression");
        assertThatThrownBy(() -> SkillbaseParts.handoff(json("{'afterMisunderstandings': 99}")))
                .hasMessageStartingWith("/handoff: handoff afterMisunderstandings must be 0-20");
    }
}
