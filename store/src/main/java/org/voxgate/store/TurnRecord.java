package org.voxgate.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One utterance in a call: what the caller or the bot said, and when.
 *
 * <p>Immutable and thread-safe. {@code seq} orders turns within a call and, together with the
 * call id, identifies the turn: writing the same {@code (callId, seq)} twice replaces it rather
 * than adding a second one.
 *
 * @param seq       position in the call, starting at 0 or 1 as the caller prefers; never negative
 * @param speaker   {@code "caller"} or {@code "bot"}
 * @param text      what was said (transcript), never {@code null}
 * @param startedAt when the utterance began
 * @param endedAt   when it ended
 */
public record TurnRecord(int seq, String speaker, String text, Instant startedAt, Instant endedAt) {

    private static final Set<String> SPEAKERS = Set.of("caller", "bot");

    public TurnRecord {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative (was " + seq + ")");
        }
        if (!SPEAKERS.contains(speaker)) {
            throw new IllegalArgumentException("speaker must be caller or bot (was " + speaker + ")");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
