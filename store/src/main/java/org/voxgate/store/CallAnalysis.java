package org.voxgate.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * What a call's conversation measured, written once when the call ends: its business outcome,
 * cost, latency summary, interruption and dead-air counts and (when loaded) its cost lines and
 * per-turn figures. Immutable; the lists are unmodifiable copies.
 *
 * @param outcome {@code COMPLETED}, {@code TRANSFERRED}, {@code CALLER_HUNG_UP}, {@code VOICEMAIL},
 *     {@code NO_ANSWER}, {@code BUSY} or {@code FAILED}
 * @param costTotal US dollars, rounded half up to micro-dollars as the store keeps it
 * @param costLines the exact lines; empty when not loaded (call lists)
 * @param voiceToVoiceMinMs null when no turn measured it (likewise avg, max, p95)
 * @param turns per-turn figures ordered by seq; empty when not loaded (call lists)
 */
public record CallAnalysis(String outcome, BigDecimal costTotal, List<CallCostLine> costLines,
        Long voiceToVoiceMinMs, Double voiceToVoiceAvgMs, Long voiceToVoiceMaxMs, Long voiceToVoiceP95Ms,
        int interruptions, int falseInterruptions, int deadAirCount, List<TurnMetricsRecord> turns) {

    public CallAnalysis {
        Objects.requireNonNull(outcome, "outcome");
        costTotal = Objects.requireNonNull(costTotal, "costTotal").setScale(6, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        costLines = costLines == null ? List.of() : List.copyOf(costLines);
        turns = turns == null ? List.of() : List.copyOf(turns);
    }

    /** A copy with other cost lines and turns (the repository's loading). */
    CallAnalysis withDetails(List<CallCostLine> lines, List<TurnMetricsRecord> turnMetrics) {
        return new CallAnalysis(outcome, costTotal, lines, voiceToVoiceMinMs, voiceToVoiceAvgMs, voiceToVoiceMaxMs,
                voiceToVoiceP95Ms, interruptions, falseInterruptions, deadAirCount, turnMetrics);
    }
}
