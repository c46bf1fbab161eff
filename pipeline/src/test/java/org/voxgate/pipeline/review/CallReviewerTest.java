package org.voxgate.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.openai.FakeOpenAiChat;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.openai.OpenAiChat;

class CallReviewerTest {
    private static final List<TranscriptLine> CALL = List.of(
            new TranscriptLine("caller", "Hi, I'd like a table for four tonight."),
            new TranscriptLine("agent", "Sure, at what time?"),
            new TranscriptLine("caller", "Eight."),
            new TranscriptLine("agent", "Booked for four at eight. Anything else?"));

    private final FakeOpenAiChat fake = FakeOpenAiChat.start("sk-review");
    private final HttpClient http = HttpClient.newHttpClient();
    private final CallReviewer reviewer = new CallReviewer(new OpenAiChat(
            ProviderSettings.of("openai", fake.baseUrl(), "sk-review", "gpt-4o-mini"), http,
            new ProviderGuard("openai", "llm", RetryPolicy.DEFAULT, new SimpleMeterRegistry())), Duration.ofSeconds(20));

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    @Test
    void parsesTheModelsJsonReviewStreamedInPieces() throws Exception {
        fake.enqueue(ScriptedReply.text("{\"summary\": \"The caller booked a table ", "for four at eight.\", ",
                "\"rating\": 9, \"reasons\": [\"understood at once\", ", "\"confirmed the booking\"]}")
                .withUsage(180, 0, 42));

        CallReview review = reviewer.review(CALL, "COMPLETED").get(30, TimeUnit.SECONDS);

        assertThat(review.summary()).isEqualTo("The caller booked a table for four at eight.");
        assertThat(review.rating()).isEqualTo(9);
        assertThat(review.reasons()).containsExactly("understood at once", "confirmed the booking");
        assertThat(review.usage()).isEqualTo(TokenUsage.text(180, 0, 42));
        JsonNode messages = fake.requests().getFirst().path("messages");
        assertThat(messages.get(0).path("content").asText()).contains("\"rating\"").contains("JSON");
        assertThat(messages.get(1).path("content").asText()).contains("Call outcome: COMPLETED")
                .contains("caller: Hi, I'd like a table for four tonight.\nagent: Sure, at what time?\n");
        assertThat(fake.requests().getFirst().path("temperature").asDouble()).isZero();
    }

    @Test
    void aMalformedReplyFailsTheReviewInsteadOfInventingOne() {
        fake.enqueue(ScriptedReply.text("I'd rate this call ", "a solid 8 out of 10!"));

        assertThatThrownBy(() -> reviewer.review(CALL, "COMPLETED").get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ReviewFailedException.class)
                .hasMessageContaining("not JSON").hasMessageContaining("a solid 8 out of 10");
    }

    @Test
    void anOutOfRangeRatingFailsTheReview() {
        fake.enqueue(ScriptedReply.text("{\"summary\": \"ok\", \"rating\": 12, \"reasons\": [\"great\"]}"));

        assertThatThrownBy(() -> reviewer.review(CALL, "COMPLETED").get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(ReviewFailedException.class).hasMessageContaining("1 to 10");
    }

    @Test
    void aModelFailureFailsTheReview() {
        fake.failNext(1, 400);

        assertThatThrownBy(() -> reviewer.review(CALL, "COMPLETED").get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(ReviewFailedException.class).hasMessageContaining("HTTP 400");
    }

    @Test
    void anEmptyTranscriptIsNotSentToTheModel() {
        assertThatThrownBy(() -> reviewer.review(List.of(), "NO_ANSWER").get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(ReviewFailedException.class).hasMessageContaining("nothing was said");
        assertThat(fake.attempts()).isZero();
    }
}
