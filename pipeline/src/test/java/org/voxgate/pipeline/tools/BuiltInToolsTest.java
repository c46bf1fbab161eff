package org.voxgate.pipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.offline.FakeAudioChannel;
import org.voxgate.pipeline.offline.SteppedClock;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

class BuiltInToolsTest {
    private final SteppedClock clock = new SteppedClock();
    private final FakeAudioChannel audio = new FakeAudioChannel(clock);
    private final List<TransferRequest> transfers = new ArrayList<>();
    private final List<String> control = new ArrayList<>();

    private final CallContext call = new CallContext() {
        @Override public String callId() { return "c"; }
        @Override public String caller() { return "a"; }
        @Override public String callee() { return "b"; }
        @Override public AudioChannel audio() { return audio; }
        @Override public Clock clock() { return clock; }
        @Override public void hangup(String reason) { control.add("immediate hangup " + reason); }
        @Override public void transfer(TransferRequest request) { transfers.add(request); }
        @Override public void recordTurn(Speaker speaker, String text, Instant start, Instant end) {}
    };

    private final BuiltInTools tools = new BuiltInTools(call, new ConversationControl() {
        @Override public void hangUpAfterReply(String reason) { control.add("after reply " + reason); }
        @Override public void transferFailed(String reason) { control.add("transfer failed " + reason); }
    });

    private String run(String name, String args) {
        return tools.run(new ToolCall("id1", name, args));
    }

    @Test
    void specsAreValidJsonSchemas() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(tools.specs()).extracting(ToolSpec::name).containsExactly("hang_up", "transfer_to_human", "send_dtmf");
        for (ToolSpec s : tools.specs()) {
            assertThat(json.readTree(s.parametersSchema()).get("type").asText()).isEqualTo("object");
        }
    }

    @Test
    void hangUpWaitsForTheReplyToPlay() {
        assertThat(run("hang_up", "{}")).contains("\"status\"");
        assertThat(control).containsExactly("after reply bot_hangup");
    }

    @Test
    void transferCarriesTargetWarmFlagAndReportsFailureBack() {
        assertThat(run("transfer_to_human", "{\"target\":\"+420123\",\"warm\":true}")).contains("+420123");
        assertThat(run("transfer_to_human", "")).contains("operator");
        assertThat(transfers).hasSize(2);
        assertThat(transfers.get(0).target()).isEqualTo("+420123");
        assertThat(transfers.get(0).warm()).isTrue();
        assertThat(transfers.get(1).target()).isNull();
        assertThat(transfers.get(1).warm()).isFalse();
        transfers.get(0).listener().onTransferFailed("no answer");
        assertThat(control).containsExactly("transfer failed no answer");
    }

    @Test
    void sendDtmfSendsValidDigitsOnly() {
        assertThat(run("send_dtmf", "{\"digits\":\"12#\"}")).contains("sent 12#");
        assertThat(audio.sentDigits()).isEqualTo("12#");
        assertThat(run("send_dtmf", "{\"digits\":\"12x\"}")).contains("\"error\"");
        assertThat(run("send_dtmf", "{}")).contains("\"error\"");
        assertThat(audio.sentDigits()).isEqualTo("12#");
    }

    @Test
    void badArgumentsAndUnknownToolsGiveJsonErrors() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(run("send_dtmf", "{not json")).has("error")).isTrue();
        assertThat(json.readTree(run("transfer_to_human", "[1]")).has("error")).isTrue();
        assertThat(json.readTree(run("transfer_to_human", "{\"warm\":\"yes\"}")).has("error")).isTrue();
        assertThat(json.readTree(run("book_table", "{}")).get("error").asText()).contains("book_table");
        assertThat(transfers).isEmpty();
    }
}
