package org.voxgate.pipeline.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.openai.FakeOpenAiChat;
import org.voxgate.pipeline.flow.ActionSpec;
import org.voxgate.pipeline.flow.FlowConversation;
import org.voxgate.pipeline.flow.FlowSpec;
import org.voxgate.pipeline.flow.HandoffPolicy;
import org.voxgate.pipeline.flow.SlotSpec;
import org.voxgate.pipeline.flow.SlotType;
import org.voxgate.pipeline.flow.StateSpec;
import org.voxgate.pipeline.flow.Transition;
import org.voxgate.pipeline.guard.GuardrailRules;
import org.voxgate.pipeline.guard.Guardrails;
import org.voxgate.pipeline.provider.Await;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.provider.openai.OpenAiChat;
import org.voxgate.pipeline.tools.Tools;

/**
 * A flow bot on the real OpenAI client against the loopback fake of its wire protocol: the model's
 * streamed {@code set_slot} and {@code go_to_state} calls drive the flow, and the state's part
 * of the prompt and the flow's tools reach the provider in the request.
 */
class FlowOpenAiTest {
    private static final String KEY = "sk-flow";
    private final FakeOpenAiChat fake = FakeOpenAiChat.start(KEY);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CascadeHarness h = new CascadeHarness();
    private final List<ToolCall> booked = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    @Test
    void theModelsToolCallsFillTheSlotRunTheActionAndMoveTheFlow() throws Exception {
        FlowSpec flow = new FlowSpec(FlowSpec.Type.GRAPH, "book", List.of(
                new StateSpec("book", "Find the day for the appointment.", "", List.of(
                        new SlotSpec("date", SlotType.DATE, true, "Which day?")),
                        List.of(Transition.onIntent("faq", "the caller asks about opening hours")), null,
                        new ActionSpec("book_appointment", Map.of("calendar", "main")), null),
                new StateSpec("faq", "Answer questions about opening hours.", "", List.of(), List.of(), null, null,
                        null)));
        Tools calendar = new Tools() {
            @Override public List<ToolSpec> specs() { return List.of(); }
            @Override public String run(ToolCall c) {
                booked.add(c);
                return "{\"booked\":true}";
            }
        };
        OpenAiChat llm = new OpenAiChat(ProviderSettings.of("openai", fake.baseUrl(), KEY, "gpt-4o-mini"), http,
                new ProviderGuard("openai", "llm", new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 50, 10,
                        Duration.ofMinutes(1)), new SimpleMeterRegistry()));
        fake.enqueue(
                ScriptedReply.text(new String[0]).withToolCall("c1", "set_slot", "{\"name\":\"date\",", "\"value\":\"2026-11-24\"}"),
                ScriptedReply.text(new String[0]).withToolCall("c2", "go_to_state", "{\"state\":\"faq\"}"),
                ScriptedReply.words("You are booked for Tuesday."));
        h.open(CascadeHarness.settings("", false), (call, control) -> calendar,
                FlowConversation.factory(flow, HandoffPolicy.DEFAULT, "en-US",
                        new Guardrails("clinic", GuardrailRules.NONE, new SimpleMeterRegistry()), null),
                h.stt, llm, h.tts);

        h.ask("Tuesday the twenty fourth, please.");
        Await.until("the model's reply is spoken", () -> {
            h.run();
            return String.join("", h.tts.spoken).contains("You are booked for Tuesday.");
        });

        assertThat(booked).singleElement().extracting(ToolCall::argumentsJson)
                .isEqualTo("{\"date\":\"2026-11-24\",\"calendar\":\"main\"}");
        List<JsonNode> requests = fake.requests();
        assertThat(requests).hasSize(3);
        JsonNode first = requests.getFirst();
        assertThat(first.at("/messages/0/content").asText()).contains("Current step: book. Goal: Find the day");
        assertThat(first.get("tools").findValuesAsText("name")).contains("set_slot", "go_to_state");
        assertThat(requests.get(1).toString()).contains("actionResult");
        assertThat(requests.get(2).at("/messages/0/content").asText()).contains("Current step: faq")
                .contains("Collected so far: date=2026-11-24;");
    }
}
