package org.voxgate.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.voxgate.pipeline.cost.CallCost;
import org.voxgate.pipeline.outcome.CallOutcome;
import org.voxgate.pipeline.telemetry.CallLatencySummary;
import org.voxgate.pipeline.telemetry.TurnMetrics;
import org.voxgate.pipeline.telemetry.TurnPart;

/**
 * The conversation's Prometheus meters: {@code voxgate_turn_voice_to_voice_seconds} and
 * {@code voxgate_turn_part_seconds{part}} (histograms with percentile buckets, one sample per
 * measured turn), {@code voxgate_turn_interruptions_total{kind=real|false}},
 * {@code voxgate_dead_air_total}, {@code voxgate_call_cost_usd_total{component}} and
 * {@code voxgate_calls_by_outcome_total{outcome}}.
 *
 * <p>A part that came out negative (a final transcript before the end-of-turn decision) is
 * recorded as 0: it took no time on the way to the caller. Cost is a double here, for
 * dashboards only; the exact figures are in the store.
 *
 * <p>Thread-safe (Micrometer meters are); one per node, shared by every call.
 */
final class ConversationMetrics {
    private final MeterRegistry registry;
    private final Timer voiceToVoice;
    private final Map<TurnPart, Timer> parts = new EnumMap<>(TurnPart.class);
    private final Counter realInterruptions;
    private final Counter falseInterruptions;
    private final Counter deadAir;
    private final Map<CallOutcome, Counter> byOutcome = new EnumMap<>(CallOutcome.class);
    private final Map<String, Counter> costByComponent = new ConcurrentHashMap<>();

    ConversationMetrics(MeterRegistry registry) {
        this.registry = registry;
        voiceToVoice = Timer.builder("voxgate.turn.voice_to_voice").publishPercentileHistogram()
                .description("End of the caller's speech to the first packet of the bot's answer").register(registry);
        for (TurnPart part : TurnPart.values()) {
            parts.put(part, Timer.builder("voxgate.turn.part").publishPercentileHistogram()
                    .description("The parts voice-to-voice latency adds up from").tag("part", part.label())
                    .register(registry));
        }
        realInterruptions = interruptions("real");
        falseInterruptions = interruptions("false");
        deadAir = Counter.builder("voxgate.dead.air")
                .description("Times the bot stayed silent too long while the caller waited").register(registry);
        for (CallOutcome outcome : CallOutcome.values()) {
            byOutcome.put(outcome, Counter.builder("voxgate.calls.by.outcome").description("Calls ended, by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (String component : new String[] {"stt", "llm", "tts", "realtime", PostCallReviews.COMPONENT}) {
            cost(component);
        }
    }

    private Counter interruptions(String kind) {
        return Counter.builder("voxgate.turn.interruptions").description("Times the caller spoke over the bot")
                .tag("kind", kind).register(registry);
    }

    private Counter cost(String component) {
        return costByComponent.computeIfAbsent(component, c -> Counter.builder("voxgate.call.cost.usd")
                .description("What calls cost, in US dollars, by component").tag("component", c).register(registry));
    }

    /** One finished turn's latency figures. */
    void turn(TurnMetrics turn) {
        if (turn.voiceToVoiceMs() != null) {
            voiceToVoice.record(Duration.ofMillis(Math.max(0, turn.voiceToVoiceMs())));
        }
        turn.parts().forEach((part, ms) -> parts.get(part).record(Duration.ofMillis(Math.max(0, ms))));
    }

    /** A post-call review's cost, which lands after the call's end. */
    void reviewed(CallCost cost) {
        for (Map.Entry<String, BigDecimal> e : cost.byComponent().entrySet()) {
            cost(e.getKey()).increment(e.getValue().doubleValue());
        }
    }

    /** A call's end: its outcome, counts and cost. */
    void callEnded(CallOutcome outcome, CallLatencySummary summary, CallCost cost) {
        byOutcome.get(outcome).increment();
        realInterruptions.increment(summary.interruptions() - summary.falseInterruptions());
        falseInterruptions.increment(summary.falseInterruptions());
        deadAir.increment(summary.deadAir());
        for (Map.Entry<String, BigDecimal> e : cost.byComponent().entrySet()) {
            cost(e.getKey()).increment(e.getValue().doubleValue());
        }
    }
}
