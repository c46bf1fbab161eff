package org.voxgate.pipeline.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.anthropic.FakeAnthropic;
import org.voxgate.fakes.llm.ScriptedReply;
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

class AnthropicMessagesTest {
    private static final String KEY = "sk-ant-test";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 50, 10,
            Duration.ofMinutes(1));
    private static final ToolSpec BOOK = new ToolSpec("book_table", "Books a table",
            "{\"type\":\"object\",\"properties\":{\"people\":{\"type\":\"integer\"}}}");

    private final FakeAnthropic fake = FakeAnthropic.start(KEY);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    private AnthropicMessages client(String key) {
        return new AnthropicMessages(ProviderSettings.of("anthropic", fake.baseUrl(), key, "claude-haiku-4-5"), http,
                new ProviderGuard("anthropic", "llm", FAST, registry));
    }

    private static LlmRequest ask(String text) {
        return new LlmRequest("Be brief.", List.of(new ChatMessage.User(text)), List.of(BOOK), 0.5, 300);
    }

    @Test
    void streamsTextInOrderAndCountsCachedInputAsInput() throws Exception {
        fake.enqueue(ScriptedReply.text("Good ", "evening, ", "how many people?").withUsage(1500, 1200, 11));

        RecordingLlmListener got = new RecordingLlmListener();
        client(KEY).stream(ask("A table please"), got);

        got.awaitEnd();
        assertThat(got.texts).containsExactly("Good ", "evening, ", "how many people?");
        assertThat(got.reason).isEqualTo(StopReason.END_OF_TURN);
        // the fake reports input_tokens 300 + cache_read_input_tokens 1200, as Anthropic counts
        assertThat(got.usage).isEqualTo(TokenUsage.text(1500, 1200, 11));
        JsonNode body = fake.requests().getFirst();
        assertThat(body.path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.path("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"A table please\"}]}]");
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("name").asText()).isEqualTo("book_table");
        assertThat(tool.path("input_schema").path("type").asText()).isEqualTo("object");
    }

    @Test
    void assemblesToolUseFromInputJsonDeltasAndSendsTheResultBack() throws Exception {
        fake.enqueue(ScriptedReply.text("Booking it.").withToolCall("toolu_01", "book_table", "{\"peo", "ple\": ", "4}"),
                ScriptedReply.text("Done, ", "table for four."));
        AnthropicMessages claude = client(KEY);

        RecordingLlmListener first = new RecordingLlmListener();
        claude.stream(ask("Table for 4"), first);
        first.awaitEnd();
        ToolCall call = new ToolCall("toolu_01", "book_table", "{\"people\": 4}");
        assertThat(first.toolCalls).containsExactly(call);
        assertThat(first.reason).isEqualTo(StopReason.TOOL_CALLS);
        assertThat(first.order).containsExactly("text", "tool", "complete");

        RecordingLlmListener second = new RecordingLlmListener();
        claude.stream(new LlmRequest("Be brief.", List.of(new ChatMessage.User("Table for 4"),
                new ChatMessage.Assistant("Booking it.", List.of(call)),
                new ChatMessage.ToolResult("toolu_01", "book_table", "confirmed #88"),
                new ChatMessage.User("Thanks")), List.of(BOOK), null, 300), second);
        second.awaitEnd();
        assertThat(second.text()).isEqualTo("Done, table for four.");

        JsonNode messages = fake.requests().get(1).path("messages");
        assertThat(messages).hasSize(3); // the tool result and the next words share one user turn
        assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Booking it.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"book_table\",\"input\":{\"people\":4}}]}");
        assertThat(messages.get(2).toString()).isEqualTo("{\"role\":\"user\",\"content\":["
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"content\":\"confirmed #88\"},"
                + "{\"type\":\"text\",\"text\":\"Thanks\"}]}");
    }

    @Test
    void aRefusedKeyFailsAtOnceWithTheVendorsMessage() throws Exception {
        RecordingLlmListener got = new RecordingLlmListener();
        client("sk-ant-wrong").stream(ask("Hi"), got);

        got.awaitEnd();
        assertThat(got.error.retryable()).isFalse();
        assertThat(got.error.getMessage()).contains("HTTP 401").contains("invalid x-api-key");
        assertThat(fake.attempts()).isEqualTo(1);
    }

    @Test
    void serviceUnavailableTwiceThenSucceeds() throws Exception {
        fake.failNext(2, 503);
        fake.enqueue(ScriptedReply.text("Hello."));

        RecordingLlmListener got = new RecordingLlmListener();
        client(KEY).stream(ask("Hi"), got);

        got.awaitEnd();
        assertThat(got.text()).isEqualTo("Hello.");
        assertThat(fake.attempts()).isEqualTo(3);
    }

    @Test
    void anOverloadedErrorEventEndsTheCompletionWithARetryableError() throws Exception {
        // message_start, ping, content_block_start, one text_delta, then event: error
        fake.enqueue(ScriptedReply.text("Let me ", "see").breakingAfter(4, ScriptedReply.Break.ERROR_EVENT));

        RecordingLlmListener got = new RecordingLlmListener();
        client(KEY).stream(ask("Hi"), got);

        got.awaitEnd();
        assertThat(got.texts).containsExactly("Let me ");
        assertThat(got.error.getMessage()).contains("overloaded_error").contains("Overloaded");
        assertThat(got.error.retryable()).isTrue();
        assertThat(registry.get("voxgate_provider_stream_failures_total").counter().count()).isEqualTo(1.0);
    }

    @Test
    void cancelStopsDeliveriesAndClosesTheConnection() throws Exception {
        fake.delayBetweenEvents(Duration.ofMillis(20));
        fake.enqueue(ScriptedReply.words("and so on ".repeat(100)));

        RecordingLlmListener got = new RecordingLlmListener();
        Cancellable stream = client(KEY).stream(ask("Talk"), got);
        got.awaitFirstText();
        stream.cancel();
        int deliveredAtCancel = got.order.size();

        Await.until("the fake sees the client close the stream", () -> fake.streamsClosedByClient() == 1);
        assertThat(got.order).hasSize(deliveredAtCancel);
        assertThat(got.endings()).isZero();
    }

    @Test
    void mapsAReplyCutOffAtTheTokenLimit() throws Exception {
        fake.enqueue(ScriptedReply.text("It was the best of times, ", "it was").withStopReason("max_tokens"));

        RecordingLlmListener got = new RecordingLlmListener();
        client(KEY).stream(ask("Tell me a story"), got);

        got.awaitEnd();
        assertThat(got.reason).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(got.text()).isEqualTo("It was the best of times, it was");
    }
}
