package org.voxgate.pipeline.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.openai.FakeOpenAiChat;
import org.voxgate.pipeline.provider.Await;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.ChatMessage;
import org.voxgate.pipeline.provider.LlmListener.StopReason;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RecordingLlmListener;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

class OpenAiChatTest {
    private static final String KEY = "sk-test-key";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 50, 10,
            Duration.ofMinutes(1));
    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "The weather in a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

    private final FakeOpenAiChat fake = FakeOpenAiChat.start(KEY);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    private OpenAiChat client(String key, RetryPolicy policy) {
        return new OpenAiChat(ProviderSettings.of("openai", fake.baseUrl(), key, "gpt-4o-mini"), http,
                new ProviderGuard("openai", "llm", policy, registry));
    }

    private static LlmRequest ask(String text) {
        return new LlmRequest("You are a phone agent.", List.of(new ChatMessage.User(text)), List.of(WEATHER), 0.3, 200);
    }

    private double requests(String outcome) {
        return registry.get("voxgate_provider_requests_total").tag("outcome", outcome).counter().count();
    }

    @Test
    void streamsTextInOrderAndReportsTheProvidersUsage() throws Exception {
        fake.enqueue(ScriptedReply.text("Hel", "lo, ", "how can ", "I help?").withUsage(120, 20, 9));

        RecordingLlmListener got = new RecordingLlmListener();
        client(KEY, FAST).stream(ask("Hi"), got);

        got.awaitEnd();
        assertThat(got.texts).containsExactly("Hel", "lo, ", "how can ", "I help?");
        assertThat(got.reason).isEqualTo(StopReason.END_OF_TURN);
        assertThat(got.usage).isEqualTo(TokenUsage.text(120, 20, 9));
        assertThat(got.order).last().isEqualTo("complete");
        JsonNode body = fake.requests().getFirst();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(200);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("messages").toString()).isEqualTo(
                "[{\"role\":\"system\",\"content\":\"You are a phone agent.\"},{\"role\":\"user\",\"content\":\"Hi\"}]");
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(tool.path("function").path("parameters").path("required").get(0).asText()).isEqualTo("city");
        // The client may read the last event before the fake's handler has returned and counted it.
        Await.until("the fake to count its stream complete", () -> fake.completedStreams() == 1);
        assertThat(requests("ok")).isEqualTo(1.0);
    }

    @Test
    void assemblesToolCallsFromFragmentsAndSendsTheResultsBack() throws Exception {
        fake.enqueue(ScriptedReply.text("Let me check.")
                        .withToolCall("call_1", "get_weather", "{\"ci", "ty\": \"Pa", "ris\"}")
                        .withToolCall("call_2", "get_weather", "{\"city\"", ": \"Oslo\"}"),
                ScriptedReply.text("Sunny in Paris, ", "snow in Oslo."));
        OpenAiChat chat = client(KEY, FAST);

        RecordingLlmListener first = new RecordingLlmListener();
        chat.stream(ask("Weather in Paris and Oslo?"), first);
        first.awaitEnd();
        ToolCall paris = new ToolCall("call_1", "get_weather", "{\"city\": \"Paris\"}");
        ToolCall oslo = new ToolCall("call_2", "get_weather", "{\"city\": \"Oslo\"}");
        assertThat(first.toolCalls).containsExactly(paris, oslo);
        assertThat(first.reason).isEqualTo(StopReason.TOOL_CALLS);
        assertThat(first.order).containsExactly("text", "tool", "tool", "complete");

        RecordingLlmListener second = new RecordingLlmListener();
        chat.stream(new LlmRequest("", List.of(new ChatMessage.User("Weather in Paris and Oslo?"),
                new ChatMessage.Assistant("", List.of(paris, oslo)),
                new ChatMessage.ToolResult("call_1", "get_weather", "sunny"),
                new ChatMessage.ToolResult("call_2", "get_weather", "snow")), List.of(WEATHER), null, 100), second);
        second.awaitEnd();
        assertThat(second.text()).isEqualTo("Sunny in Paris, snow in Oslo.");

        JsonNode followUp = fake.requests().get(1);
        assertThat(followUp.has("temperature")).isFalse();
        JsonNode messages = followUp.path("messages");
        assertThat(messages).hasSize(4); // no system message when the prompt is empty
        JsonNode assistant = messages.get(1);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("content").isNull()).isTrue();
        assertThat(assistant.path("tool_calls").get(0).toString()).isEqualTo("{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}");
        assertThat(messages.get(2).toString())
                .isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sunny\"}");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_2");
    }

    @Test
    void aRefusedKeyFailsAtOnceWithoutRetrying() throws Exception {
        RecordingLlmListener got = new RecordingLlmListener();
        client("sk-wrong", FAST).stream(ask("Hi"), got);

        got.awaitEnd();
        assertThat(got.error).isNotNull();
        assertThat(got.error.retryable()).isFalse();
        assertThat(got.error.getMessage()).contains("HTTP 401").contains("Incorrect API key provided")
                .doesNotContain("sk-wrong");
        assertThat(fake.attempts()).isEqualTo(1);
        assertThat(requests("failed")).isEqualTo(1.0);
    }

    @Test
    void serviceUnavailableTwiceThenSucceedsThroughTheRetries() throws Exception {
        fake.failNext(2, 503);
        fake.enqueue(ScriptedReply.text("Back again."));

        RecordingLlmListener got = new RecordingLlmListener();
        client(KEY, FAST).stream(ask("Hi"), got);

        got.awaitEnd();
        assertThat(got.error).isNull();
        assertThat(got.text()).isEqualTo("Back again.");
        assertThat(fake.attempts()).isEqualTo(3);
        assertThat(requests("ok")).isEqualTo(1.0);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndStopsCallingTheProvider() throws Exception {
        RetryPolicy once = new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 50, 4, Duration.ofMinutes(5));
        OpenAiChat chat = client(KEY, once);
        fake.failNext(100, 503);
        for (int i = 0; i < 4; i++) {
            RecordingLlmListener got = new RecordingLlmListener();
            chat.stream(ask("Hi"), got);
            got.awaitEnd();
            assertThat(got.error.getMessage()).contains("HTTP 503");
            assertThat(got.error.retryable()).isTrue();
        }

        RecordingLlmListener refused = new RecordingLlmListener();
        chat.stream(ask("Hi"), refused);
        refused.awaitEnd();
        assertThat(refused.error.getMessage()).contains("circuit open");
        assertThat(fake.attempts()).isEqualTo(4);
        assertThat(requests("rejected")).isEqualTo(1.0);
    }

    @Test
    void cancelStopsDeliveriesAndClosesTheConnection() throws Exception {
        fake.delayBetweenEvents(Duration.ofMillis(20));
        fake.enqueue(ScriptedReply.words("one two three four five six seven eight nine ten ".repeat(20)));

        RecordingLlmListener got = new RecordingLlmListener();
        Cancellable stream = client(KEY, FAST).stream(ask("Count"), got);
        got.awaitFirstText();
        stream.cancel();
        int deliveredAtCancel = got.order.size();

        Await.until("the fake sees the client close the stream", () -> fake.streamsClosedByClient() == 1);
        assertThat(got.order).hasSize(deliveredAtCancel);
        assertThat(got.endings()).isZero();
        assertThat(fake.completedStreams()).isZero();
        stream.cancel(); // idempotent
    }

    @Test
    void anErrorObjectMidStreamEndsTheCompletionWithARetryableError() throws Exception {
        // role chunk + two text chunks, then OpenAI's {error:{...}} object
        fake.enqueue(ScriptedReply.text("Sure, ", "the ", "answer is").breakingAfter(3, ScriptedReply.Break.ERROR_EVENT));

        RecordingLlmListener got = new RecordingLlmListener();
        client(KEY, FAST).stream(ask("Hi"), got);

        got.awaitEnd();
        assertThat(got.texts).containsExactly("Sure, ", "the ");
        assertThat(got.error.getMessage()).contains("server_error");
        assertThat(got.error.retryable()).isTrue();
        assertThat(got.endings()).isEqualTo(1);
        assertThat(registry.get("voxgate_provider_stream_failures_total").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aDroppedConnectionMidStreamIsAStreamFailure() throws Exception {
        fake.enqueue(ScriptedReply.text("Sure, ", "the ", "answer is").breakingAfter(2, ScriptedReply.Break.DROP));

        RecordingLlmListener got = new RecordingLlmListener();
        client(KEY, FAST).stream(ask("Hi"), got);

        got.awaitEnd();
        // The fake flushed "Sure, " before cutting the connection, but the JDK client may see the
        // cut before it hands over the bytes that preceded it: what is delivered is a prefix of
        // what was sent, never more, and the stream always ends in a retryable failure.
        assertThat(got.texts).isIn(java.util.List.of(), java.util.List.of("Sure, "));
        assertThat(got.error).isNotNull();
        assertThat(got.error.retryable()).isTrue();
        assertThat(registry.get("voxgate_provider_stream_failures_total").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aStreamThatFallsSilentFailsAfterTheIdleTimeout() throws Exception {
        fake.delayBetweenEvents(Duration.ofSeconds(2));
        fake.enqueue(ScriptedReply.text("Hello ", "there"));
        OpenAiChat chat = new OpenAiChat(new ProviderSettings("openai", fake.baseUrl(), KEY, "gpt-4o-mini", null,
                Duration.ofMillis(150), null), http, new ProviderGuard("openai", "llm", FAST, registry));

        RecordingLlmListener got = new RecordingLlmListener();
        chat.stream(ask("Hi"), got);

        got.awaitEnd();
        assertThat(got.error.getMessage()).contains("sent nothing for 150 ms");
        assertThat(got.error.retryable()).isTrue();
        assertThat(got.texts).isEmpty();
        assertThat(registry.get("voxgate_provider_stream_failures_total").counter().count()).isEqualTo(1.0);
    }

    @Test
    void keepsMultiByteTextIntactAndMapsATruncatedReply() throws Exception {
        fake.enqueue(ScriptedReply.text("Grüße aus ", "東京 ", "\uD83D\uDE00 und").withStopReason("length"));

        RecordingLlmListener got = new RecordingLlmListener();
        client(KEY, FAST).stream(ask("Hi"), got);

        got.awaitEnd();
        assertThat(got.text()).isEqualTo("Grüße aus 東京 \uD83D\uDE00 und");
        assertThat(got.reason).isEqualTo(StopReason.MAX_TOKENS);
    }
}
