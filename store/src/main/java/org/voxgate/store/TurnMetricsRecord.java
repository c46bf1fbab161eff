package org.voxgate.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The latency figures of one conversational turn, as stored. Immutable.
 *
 * <p>Marks are the absolute times of the turn's moments, {@code null} when not seen; the
 * {@code *Ms} parts, {@code null} when not measured, add up to {@code voiceToVoiceMs} (their
 * definition is in the pipeline's {@code TurnMetrics}).
 *
 * @param seq turn number in the call, from 1
 * @param endedAt when the turn ended
 * @param interruptions times the caller spoke over the bot (false alarms included)
 * @param falseInterruptions of those, the false alarms
 * @param callerText what the caller said, never null
 * @param botText what the bot said, never null
 */
public record TurnMetricsRecord(int seq, Instant userSpeechStartAt, Instant userSpeechEndAt, Instant endOfTurnAt,
        Instant sttFinalAt, Instant llmFirstTokenAt, Instant llmDoneAt, Instant ttsFirstByteAt,
        Instant firstBotAudioAt, Instant endedAt, Long endpointingMs, Long sttMs, Long llmMs, Long ttsMs,
        Long sendMs, Long voiceToVoiceMs, int interruptions, int falseInterruptions, String callerText,
        String botText) {

    public TurnMetricsRecord {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative (was " + seq + ")");
        }
        if (falseInterruptions < 0 || falseInterruptions > interruptions) {
            throw new IllegalArgumentException("false interruptions must be within 0.." + interruptions
                    + " (was " + falseInterruptions + ")");
        }
        Objects.requireNonNull(endedAt, "endedAt");
        callerText = callerText == null ? "" : callerText;
        botText = botText == null ? "" : botText;
    }

    /** Whether the caller cut the bot off for real at least once. */
    public boolean interrupted() {
        return interruptions > falseInterruptions;
    }
}
