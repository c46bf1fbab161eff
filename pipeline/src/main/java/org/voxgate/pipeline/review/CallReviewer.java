package org.voxgate.pipeline.review;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.ChatMessage;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;

/**
 * After a call, asks a language model for a summary and a 1-10 quality rating with reasons,
 * as strict JSON, and parses it into a {@link CallReview}. A model failure or a reply that is
 * not the asked-for JSON fails the review with a {@link ReviewFailedException}; nothing is made up.
 *
 * <p>Threading: thread-safe; {@link #review} returns at once and the future completes on the
 * model client's thread. Ownership: borrows the model; a review that times out or whose future
 * is cancelled cancels its completion.
 */
public final class CallReviewer {
    static final String INSTRUCTIONS = """
            You review phone calls that an AI voice agent handled. Judge how well the agent \
            served the caller: understanding, accuracy, brevity, politeness, and whether the \
            caller got what they called for. Reply with exactly one JSON object and nothing \
            else, no Markdown: {"summary": "<what happened, at most three sentences>", \
            "rating": <whole number from 1 (very poor) to 10 (excellent)>, \
            "reasons": ["<short reason>", ...]}""";
    private static final int MAX_TOKENS = 600;

    private final LanguageModel model;
    private final Duration timeout;

    /**
     * @param model the model that writes the reviews
     * @param timeout how long one review may take before it fails
     */
    public CallReviewer(LanguageModel model, Duration timeout) {
        this.model = Objects.requireNonNull(model, "model");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Reviews one finished call.
     *
     * @param transcript what was said, in order
     * @param outcome how the call ended, e.g. {@code COMPLETED} or {@code CALLER_HUNG_UP}
     * @return completes with the review, or exceptionally with a {@link ReviewFailedException}
     *     (or a {@link java.util.concurrent.TimeoutException} after the timeout)
     */
    public CompletableFuture<CallReview> review(List<TranscriptLine> transcript, String outcome) {
        CompletableFuture<CallReview> result = new CompletableFuture<>();
        if (transcript.isEmpty()) {
            result.completeExceptionally(new ReviewFailedException("nothing was said on the call; no review"));
            return result;
        }
        LlmRequest request = new LlmRequest(INSTRUCTIONS,
                List.of(new ChatMessage.User(prompt(transcript, outcome))), List.of(), 0.0, MAX_TOKENS);
        Cancellable completion = model.stream(request, new Collector(result));
        result.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .whenComplete((review, error) -> {
                    if (error != null) {
                        completion.cancel(); // timed out or given up: stop paying for it
                    }
                });
        return result;
    }

    static String prompt(List<TranscriptLine> transcript, String outcome) {
        StringBuilder text = new StringBuilder("Call outcome: ").append(outcome).append("\n\nTranscript:\n");
        for (TranscriptLine line : transcript) {
            text.append(line.speaker()).append(": ").append(line.text().strip()).append('\n');
        }
        return text.toString();
    }

    /** Gathers the reply and completes the future when the model is done. Model client's thread only. */
    private final class Collector implements LlmListener {
        private final CompletableFuture<CallReview> result;
        private final StringBuilder reply = new StringBuilder();

        Collector(CompletableFuture<CallReview> result) {
            this.result = result;
        }

        @Override
        public void onText(String delta) {
            reply.append(delta);
        }

        @Override
        public void onToolCall(ToolCall call) {
            // no tools are offered; a model that calls one anyway is answered by the parse failing
        }

        @Override
        public void onComplete(StopReason reason, TokenUsage usage) {
            if (reason == StopReason.MAX_TOKENS) {
                result.completeExceptionally(new ReviewFailedException(
                        model.vendor() + " cut the review off at " + MAX_TOKENS + " tokens"));
                return;
            }
            try {
                result.complete(ReviewParser.parse(reply.toString(), usage));
            } catch (ReviewFailedException e) {
                result.completeExceptionally(e);
            }
        }

        @Override
        public void onError(ProviderException error) {
            result.completeExceptionally(new ReviewFailedException("the model failed: " + error.getMessage(), error));
        }
    }
}
