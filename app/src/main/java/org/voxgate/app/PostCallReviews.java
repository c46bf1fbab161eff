package org.voxgate.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.cost.CallCost;
import org.voxgate.pipeline.cost.CallCostMeter;
import org.voxgate.pipeline.cost.PricingTable;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.review.CallReview;
import org.voxgate.pipeline.review.CallReviewer;
import org.voxgate.pipeline.review.TranscriptLine;
import org.voxgate.store.CallAnalysis;
import org.voxgate.store.CallCostLine;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;

/**
 * Post-call reviews: once a bot's call has been recorded, asks the bot's review model for a
 * summary and a 1-10 rating with reasons ({@link CallReviewer}) and stores them with the call
 * ({@link CallRecordWriter#reviewAdded}; the reasons as a JSON array of texts).
 *
 * <p>The review's own tokens are priced with the call's pricing table as cost lines of
 * component {@value #COMPONENT} and added to the call's cost: the call's analysis is queued
 * again with those lines and the new total (the writer applies writes in order, and the upsert
 * is idempotent, so the record written at hang-up is simply completed).
 *
 * <p>Threading: {@link #start} returns at once; each review runs on its own thread from the
 * factory (virtual threads in production), after the call record was queued, so a review never
 * delays the record. A review that fails (model error, a reply that is not the JSON review,
 * timeout) is logged and stores nothing; the call record stands as written. Thread-safe;
 * immutable after construction. Borrows the writer and the models.
 */
final class PostCallReviews {
    /** The cost component of a review's tokens. */
    static final String COMPONENT = "review";
    private static final Logger LOG = LoggerFactory.getLogger(PostCallReviews.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The model that reviews one bot's calls. */
    record Reviewer(CallReviewer reviewer, LanguageModel model) {
        Reviewer {
            Objects.requireNonNull(reviewer, "reviewer");
            Objects.requireNonNull(model, "model");
        }
    }

    private final Map<String, Reviewer> byBot;
    private final CallRecordWriter writer;
    private final Clock clock;
    private final ThreadFactory threads;
    private final Consumer<CallCost> costMetrics;

    /**
     * @param byBot the reviewer of each bot that has one, by lower-case bot name
     * @param costMetrics told each stored review's cost (the Prometheus cost counter)
     */
    PostCallReviews(Map<String, Reviewer> byBot, CallRecordWriter writer, Clock clock, ThreadFactory threads,
            Consumer<CallCost> costMetrics) {
        this.byBot = Map.copyOf(byBot);
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.costMetrics = Objects.requireNonNull(costMetrics, "costMetrics");
    }

    /** Whether calls of this bot are reviewed. */
    boolean reviews(String bot) {
        return bot != null && byBot.containsKey(bot.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Reviews a call whose record (with its analysis) has just been queued.
     *
     * @param call the record as queued at the end of the call
     * @param transcript what was said, in order
     * @param prices what the review's tokens cost
     * @return completes with {@code true} once the review and its cost are queued, {@code false}
     *     when there is none (no reviewer, nothing said, or the review failed); never exceptionally
     */
    CompletableFuture<Boolean> start(CallRecord call, List<TranscriptLine> transcript, PricingTable prices) {
        Reviewer reviewer = call.bot() == null ? null : byBot.get(call.bot().toLowerCase(java.util.Locale.ROOT));
        if (reviewer == null) {
            return CompletableFuture.completedFuture(false);
        }
        if (transcript.isEmpty()) {
            LOG.info("call {}: nothing was said, no review", call.callId());
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        threads.newThread(() -> done.complete(review(reviewer, call, List.copyOf(transcript), prices))).start();
        return done;
    }

    private boolean review(Reviewer reviewer, CallRecord call, List<TranscriptLine> transcript, PricingTable prices) {
        String outcome = call.analysis() != null ? call.analysis().outcome() : String.valueOf(call.endReason());
        String model = reviewer.model().vendor() + "/" + reviewer.model().model();
        CallReview review;
        try {
            review = reviewer.reviewer().review(transcript, outcome).get();
        } catch (ExecutionException e) {
            LOG.warn("call {}: the post-call review by {} failed; the call is kept without one: {}", call.callId(),
                    model, e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("call {}: the post-call review by {} was interrupted (shutting down)", call.callId(), model);
            return false;
        }
        try {
            CallCost cost = cost(reviewer.model(), review, prices);
            if (call.analysis() != null && !cost.lines().isEmpty()) {
                writer.callUpdated(call.withAnalysis(withCost(call.analysis(), cost)));
            }
            writer.reviewAdded(call.callId(), new org.voxgate.store.CallReview(review.summary(), review.rating(),
                    JSON.writeValueAsString(review.reasons()), clock.instant()));
            costMetrics.accept(cost);
            LOG.info("call {}: reviewed by {}, rating {}/10, cost {} USD", call.callId(), model, review.rating(),
                    cost.total().toPlainString());
            return true;
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("call {}: the post-call review by {} could not be stored: {}", call.callId(), model, e.toString());
            return false;
        }
    }

    /** The review's tokens priced like the call's, as {@value #COMPONENT} lines. */
    private static CallCost cost(LanguageModel model, CallReview review, PricingTable prices) {
        CallCostMeter meter = new CallCostMeter(prices);
        meter.languageModel(model.vendor(), model.model(), review.usage());
        CallCost priced = meter.cost();
        return new CallCost(priced.total(), priced.lines().stream().map(l -> new org.voxgate.pipeline.cost.CostLine(
                COMPONENT, l.vendor(), l.model(), l.quantity(), l.unit(), l.amount(), l.priced())).toList(),
                priced.warnings());
    }

    /** The call's analysis with the review's cost lines appended and the total made their sum. */
    private static CallAnalysis withCost(CallAnalysis a, CallCost review) {
        List<CallCostLine> lines = new ArrayList<>(a.costLines());
        for (var l : review.lines()) {
            lines.add(new CallCostLine(l.component(), l.vendor(), l.model(), l.quantity(), l.unit(), l.amount(),
                    l.priced()));
        }
        BigDecimal total = lines.stream().map(CallCostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CallAnalysis(a.outcome(), total, lines, a.voiceToVoiceMinMs(), a.voiceToVoiceAvgMs(),
                a.voiceToVoiceMaxMs(), a.voiceToVoiceP95Ms(), a.interruptions(), a.falseInterruptions(),
                a.deadAirCount(), a.turns());
    }
}
