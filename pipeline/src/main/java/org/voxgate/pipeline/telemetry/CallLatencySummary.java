package org.voxgate.pipeline.telemetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A call's latency figures over its turns, with its interruption and dead-air counts. Immutable.
 *
 * @param turns turns recorded
 * @param voiceToVoice over the turns whose voice-to-voice latency was measured
 * @param parts per part, over the turns where that part was measured
 * @param interruptions times the caller spoke over the bot (false alarms included)
 * @param falseInterruptions those that were false alarms
 * @param deadAir dead-air events
 */
public record CallLatencySummary(int turns, LatencyStats voiceToVoice, Map<TurnPart, LatencyStats> parts,
        int interruptions, int falseInterruptions, int deadAir) {

    public CallLatencySummary {
        parts = Collections.unmodifiableMap(parts.isEmpty() ? new EnumMap<>(TurnPart.class) : new EnumMap<>(parts));
    }

    /** Aggregates {@code turns}; the interruption counts include those outside any turn. */
    public static CallLatencySummary of(List<TurnMetrics> turns, int interruptions, int falseInterruptions,
            int deadAir) {
        List<Long> v2v = new ArrayList<>();
        Map<TurnPart, List<Long>> byPart = new EnumMap<>(TurnPart.class);
        for (TurnMetrics t : turns) {
            if (t.voiceToVoiceMs() != null) {
                v2v.add(t.voiceToVoiceMs());
            }
            t.parts().forEach((part, ms) -> byPart.computeIfAbsent(part, p -> new ArrayList<>()).add(ms));
        }
        Map<TurnPart, LatencyStats> parts = new EnumMap<>(TurnPart.class);
        byPart.forEach((part, values) -> parts.put(part, LatencyStats.of(values)));
        return new CallLatencySummary(turns.size(), LatencyStats.of(v2v), parts, interruptions,
                falseInterruptions, deadAir);
    }

    /** The statistics of one part ({@link LatencyStats#EMPTY} when it was never measured). */
    public LatencyStats part(TurnPart part) {
        return parts.getOrDefault(part, LatencyStats.EMPTY);
    }
}
