package org.voxgate.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.cost.CallCost;
import org.voxgate.pipeline.cost.CallCostMeter;
import org.voxgate.pipeline.cost.PricingTable;
import org.voxgate.pipeline.outcome.CallOutcome;
import org.voxgate.pipeline.outcome.OutcomeClassifier;
import org.voxgate.pipeline.review.TranscriptLine;
import org.voxgate.pipeline.telemetry.CallLatencySummary;
import org.voxgate.pipeline.telemetry.LatencyStats;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.pipeline.telemetry.TurnMetrics;
import org.voxgate.pipeline.telemetry.TurnPart;
import org.voxgate.pipeline.telemetry.TurnRecorder;
import org.voxgate.sip.CallSummary;
import org.voxgate.store.CallAnalysis;
import org.voxgate.store.CallCostLine;
import org.voxgate.store.TurnMetricsRecord;

/**
 * One call's conversation telemetry: the {@link TurnRecorder} and {@link CallCostMeter} its bot
 * reports to, the reason the bot gave when it hung up, what was said (for the post-call
 * review), and, at the end, the {@link CallAnalysis} written with the call record.
 *
 * <p>Thread-safe: the recorder and meter are; the bot's reason is an atomic reference; the
 * transcript is guarded by its own lock. Owned by {@link BotCallHandler} from answer to end.
 */
final class CallTelemetry {
    private final TurnRecorder turns;
    private final CallCostMeter cost;
    private final AtomicReference<String> botReason = new AtomicReference<>();
    private final List<TranscriptLine> transcript = new ArrayList<>();

    CallTelemetry(Clock clock, PricingTable prices, ConversationMetrics metrics) {
        this.turns = new TurnRecorder(clock, System::nanoTime, metrics::turn, deadAir -> { });
        this.cost = new CallCostMeter(prices);
    }

    TurnRecorder turns() {
        return turns;
    }

    CallCostMeter cost() {
        return cost;
    }

    /** One finished turn of the conversation, in the order the bot recorded them. */
    void said(CallContext.Speaker speaker, String text) {
        if (text == null || text.isBlank()) {
            return; // a turn with nothing said tells the reviewer nothing
        }
        TranscriptLine line = new TranscriptLine(speaker == CallContext.Speaker.CALLER ? "caller" : "agent", text);
        synchronized (transcript) {
            transcript.add(line);
        }
    }

    /** What was said so far, in order (a copy). */
    List<TranscriptLine> transcript() {
        synchronized (transcript) {
            return List.copyOf(transcript);
        }
    }

    /** The bot hung up saying why (for example {@code voicemail}); the first reason wins. */
    void botHungUp(String reason) {
        botReason.compareAndSet(null, reason);
    }

    /** The call's outcome, as {@link OutcomeClassifier} reads its summary and the bot's reason. */
    static CallOutcome outcome(CallSummary summary, String botReason) {
        return OutcomeClassifier.classify(summary.endReason().code(),
                summary.outcome() == null ? null : summary.outcome().name(), summary.sipStatus(),
                summary.answeredAt() != null, botReason);
    }

    /** The figures of a call that never had a bot (unanswered, or a transfer's second leg). */
    static Ending withoutBot(CallSummary summary) {
        CallOutcome outcome = outcome(summary, null);
        CallLatencySummary latency = CallLatencySummary.of(List.of(), 0, 0, 0);
        return new Ending(outcome, latency, CallCost.ZERO, analysis(outcome, latency, CallCost.ZERO, List.of()));
    }

    /** This call's figures now that it has ended (call after its bot was stopped). */
    Ending end(CallSummary summary) {
        // a turn cut short by the hang-up was never ended by its engine: keep its marks
        turns.turnEnded("", "", System.nanoTime());
        CallOutcome outcome = outcome(summary, botReason.get());
        CallLatencySummary latency = turns.summary();
        CallCost callCost = cost.cost();
        return new Ending(outcome, latency, callCost, analysis(outcome, latency, callCost, turns.turns()));
    }

    /** What {@link #end} measured, and its stored form. */
    record Ending(CallOutcome outcome, CallLatencySummary latency, CallCost cost, CallAnalysis analysis) {
    }

    private static CallAnalysis analysis(CallOutcome outcome, CallLatencySummary latency, CallCost cost,
            List<TurnMetrics> turnMetrics) {
        LatencyStats v2v = latency.voiceToVoice();
        boolean measured = v2v.count() > 0;
        List<CallCostLine> lines = cost.lines().stream().map(l -> new CallCostLine(l.component(), l.vendor(),
                l.model(), l.quantity(), l.unit(), l.amount(), l.priced())).toList();
        return new CallAnalysis(outcome.name(), cost.total(), lines, measured ? v2v.minMs() : null,
                measured ? v2v.avgMs() : null, measured ? v2v.maxMs() : null, measured ? v2v.p95Ms() : null,
                latency.interruptions(), latency.falseInterruptions(), latency.deadAir(),
                turnMetrics.stream().map(CallTelemetry::record).toList());
    }

    private static TurnMetricsRecord record(TurnMetrics t) {
        return new TurnMetricsRecord(t.seq(), t.mark(TurnMark.USER_SPEECH_START), t.mark(TurnMark.USER_SPEECH_END),
                t.mark(TurnMark.END_OF_TURN), t.mark(TurnMark.STT_FINAL), t.mark(TurnMark.LLM_FIRST_TOKEN),
                t.mark(TurnMark.LLM_DONE), t.mark(TurnMark.TTS_FIRST_BYTE), t.mark(TurnMark.FIRST_BOT_AUDIO),
                t.endedAt(), t.part(TurnPart.ENDPOINTING), t.part(TurnPart.STT), t.part(TurnPart.LLM),
                t.part(TurnPart.TTS), t.part(TurnPart.SEND), t.voiceToVoiceMs(), t.interruptions(),
                t.falseInterruptions(), t.callerText(), t.botText());
    }
}
