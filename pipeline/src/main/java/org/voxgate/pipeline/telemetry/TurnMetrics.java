package org.voxgate.pipeline.telemetry;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The measured timeline of one finished turn. Immutable.
 *
 * <p><b>How the parts are defined.</b> The chain is USER_SPEECH_END, END_OF_TURN, STT_FINAL,
 * LLM_FIRST_TOKEN, TTS_FIRST_BYTE, FIRST_BOT_AUDIO. Every mark's offset from USER_SPEECH_END is
 * taken in whole milliseconds (rounded down); each {@link TurnPart} is the difference between
 * the offset of its end mark and that of the latest earlier mark of the chain that was seen.
 * A part whose end mark is missing is {@code null} and its time is folded into the next part
 * that was seen (a realtime turn has no STT_FINAL and no TTS_FIRST_BYTE: its LLM part runs
 * from END_OF_TURN, its send part from LLM_FIRST_TOKEN). Because the differences telescope, the
 * non-null parts add up to {@link #voiceToVoiceMs()} exactly whenever that is known. Marks that
 * came out of order (a final transcript before the end-of-turn decision) give a zero or
 * negative part, never a wrong total.
 *
 * @param seq turn number in the call, from 1
 * @param marks the absolute time of each mark seen in the turn (first time wins)
 * @param parts milliseconds of each part; a part is absent when its end mark was not seen or
 *     USER_SPEECH_END was not
 * @param voiceToVoiceMs FIRST_BOT_AUDIO minus USER_SPEECH_END, {@code null} when either is missing
 * @param interruptions times the caller spoke over the bot in this turn (false alarms included)
 * @param falseInterruptions those of them that were false alarms (the bot resumed)
 * @param callerText what the caller said, never null
 * @param botText what the bot said, never null
 * @param endedAt when the turn ended
 */
public record TurnMetrics(int seq, Map<TurnMark, Instant> marks, Map<TurnPart, Long> parts,
        Long voiceToVoiceMs, int interruptions, int falseInterruptions, String callerText, String botText,
        Instant endedAt) {

    public TurnMetrics {
        marks = Collections.unmodifiableMap(marks.isEmpty() ? new EnumMap<>(TurnMark.class) : new EnumMap<>(marks));
        parts = Collections.unmodifiableMap(parts.isEmpty() ? new EnumMap<>(TurnPart.class) : new EnumMap<>(parts));
        callerText = callerText == null ? "" : callerText;
        botText = botText == null ? "" : botText;
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** The part in milliseconds, or {@code null} when it was not measured. */
    public Long part(TurnPart part) {
        return parts.get(part);
    }

    /** When the mark was seen in this turn, or {@code null}. */
    public Instant mark(TurnMark mark) {
        return marks.get(mark);
    }

    /** Whether the caller cut in for real at least once in this turn. */
    public boolean interrupted() {
        return interruptions > falseInterruptions;
    }

    /**
     * Splits a turn's raw nanosecond marks into its parts as the class comment defines them.
     *
     * @param nanos the nanosecond time of each mark seen
     * @return the parts (empty when USER_SPEECH_END is missing)
     */
    static Map<TurnPart, Long> parts(Map<TurnMark, Long> nanos) {
        Map<TurnPart, Long> parts = new EnumMap<>(TurnPart.class);
        Long origin = nanos.get(TurnMark.USER_SPEECH_END);
        if (origin == null) {
            return parts;
        }
        long previousOffsetMs = 0;
        for (TurnPart part : TurnPart.values()) {
            Long at = nanos.get(part.end());
            if (at == null) {
                continue; // folded into the next part that was seen
            }
            long offsetMs = Math.floorDiv(at - origin, 1_000_000L);
            parts.put(part, offsetMs - previousOffsetMs);
            previousOffsetMs = offsetMs;
        }
        return parts;
    }

    /** FIRST_BOT_AUDIO minus USER_SPEECH_END in whole ms (rounded down), or {@code null}. */
    static Long voiceToVoice(Map<TurnMark, Long> nanos) {
        Long start = nanos.get(TurnMark.USER_SPEECH_END);
        Long end = nanos.get(TurnMark.FIRST_BOT_AUDIO);
        return start == null || end == null ? null : Math.floorDiv(end - start, 1_000_000L);
    }
}
