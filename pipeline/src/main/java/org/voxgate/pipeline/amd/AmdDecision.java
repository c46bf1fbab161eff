package org.voxgate.pipeline.amd;

import java.util.Objects;

/**
 * One answering-machine decision. Immutable.
 *
 * @param result what answered
 * @param reason why, one of {@code initial_silence}, {@code long_greeting}, {@code too_many_words},
 *     {@code short_greeting_then_silence}, {@code beep}, {@code max_time} (frame detector),
 *     {@code transcript}, {@code transcript_llm} ({@link TranscriptAmd})
 * @param afterMillis audio time from the answer to the decision, counted in 20 ms frames
 */
public record AmdDecision(AmdResult result, String reason, int afterMillis) {
    public AmdDecision {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
        if (afterMillis < 0) {
            throw new IllegalArgumentException("afterMillis must not be negative: " + afterMillis);
        }
    }
}
