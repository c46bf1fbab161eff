package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.ConversationControl;
import org.voxgate.pipeline.tools.Tools;
import org.voxgate.pipeline.tools.ToolsFactory;

/** A skillbase bot's tools on a call: only the listed built-ins, its own tools, and transfers to its handoff. */
class SkillbaseToolsTest {
    /** The call as the bot sees it: keeps what the bot asked of it. */
    private static final class Call implements CallContext {
        final List<TransferRequest> transfers = new CopyOnWriteArrayList<>();

        @Override public String callId() { return "c-1"; }
        @Override public String caller() { return "alice"; }
        @Override public String callee() { return "desk"; }
        @Override public AudioChannel audio() { throw new IllegalStateException("no audio in this test"); }
        @Override public Clock clock() { return Clock.systemUTC(); }
        @Override public void hangup(String reason) { }
        @Override public void transfer(TransferRequest request) { transfers.add(request); }
        @Override public void recordTurn(Speaker speaker, String text, Instant start, Instant end) { }
    }

    private static final class Control implements ConversationControl {
        final List<String> hangups = new CopyOnWriteArrayList<>();

        @Override public void hangUpAfterReply(String reason) { hangups.add(reason); }
        @Override public void transferFailed(String reason) { }
    }

    private static AgentBuilder builder() {
        ProvidersConfig providers = VoxgateConfig.from(ConfigTree.load(null, Map.of())).providers();
        return new AgentBuilder(new ProviderCatalog(providers, Map.of(), new SimpleMeterRegistry(), null),
                new SimpleMeterRegistry(), AgentTools.BUILT_INS_ONLY);
    }

    @Test
    void onlyTheListedBuiltInsAndTheBotsOwnToolsAreOfferedAndRun() {
        // the webhook points at a closed loopback port: it is offered and run, and fails as a result
        ToolChoice choice = new ToolChoice(Set.of("hang_up"), List.of(SkillbaseSpecsTest.doc(
                "{type: webhook, name: lookup_order, url: \"http://127.0.0.1:9/hook\", timeoutMs: 500, retries: 0}")));
        Call call = new Call();
        Control control = new Control();
        Tools tools = builder().tools("desk", choice).create(call, control);
        assertThat(tools.specs()).extracting(ToolSpec::name).containsExactly("hang_up", "lookup_order");
        assertThat(tools.run(new ToolCall("1", "send_dtmf", "{\"digits\":\"1\"}"))).contains("no such tool");
        assertThat(tools.run(new ToolCall("2", "transfer_to_human", "{}"))).contains("no such tool");
        assertThat(call.transfers).isEmpty();
        assertThat(tools.run(new ToolCall("3", "lookup_order", "{\"order\":\"42\"}"))).doesNotContain("no such tool")
                .contains("error");
        assertThat(tools.run(new ToolCall("4", "hang_up", "{}"))).contains("status");
        assertThat(control.hangups).containsExactly("bot_hangup");
    }

    @Test
    void aYamlAgentKeepsEveryBuiltInTool() {
        Tools tools = builder().tools("a", ToolChoice.ALL_BUILT_INS).create(new Call(), new Control());
        assertThat(tools.specs()).extracting(ToolSpec::name)
                .containsExactlyInAnyOrder("hang_up", "transfer_to_human", "send_dtmf");
    }

    @Test
    void transfersWithoutATargetGoToTheBotsHandoffWarmWhenItIsWarm() {
        Call call = new Call();
        CallContext seen = new HandoffCallContext(call, new Handoff("sip:desk@pbx.example", true));
        Tools tools = builder().tools("desk", new ToolChoice(Set.of("transfer_to_human"), List.of()))
                .create(seen, new Control());
        tools.run(new ToolCall("1", "transfer_to_human", "{}"));
        tools.run(new ToolCall("2", "transfer_to_human", "{\"target\":\"bob\"}"));
        assertThat(call.transfers).extracting(TransferRequest::target).containsExactly("sip:desk@pbx.example", "bob");
        assertThat(call.transfers).extracting(TransferRequest::warm).containsExactly(true, true);

        Call plain = new Call();
        new HandoffCallContext(plain, Handoff.OPERATOR).transfer(new TransferRequest(null, false, r -> { }));
        assertThat(plain.transfers.get(0).target()).isNull(); // the node's bots.operator decides
        assertThat(plain.transfers.get(0).warm()).isFalse();
    }
}
