package org.voxgate.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One tool call a bot made on a call: which tool, with what arguments, what came back and how
 * long it took.
 *
 * <p>Immutable and thread-safe. {@code (callId, seq)} identifies it: writing the same seq again
 * replaces it, so journal replays are harmless.
 *
 * @param seq           position among the call's tool calls, from 1; never negative
 * @param tool          the tool's name ({@code book_appointment}, a webhook's name, ...)
 * @param argumentsJson the arguments the model gave, as JSON text
 * @param resultJson    the result handed back to the model as JSON text; {@code null} when none
 * @param ok            whether the tool did what was asked (no error object, no exception)
 * @param error         why it did not, or {@code null}
 * @param startedAt     when the call to the tool began
 * @param durationMs    how long it took, never negative
 */
public record ToolCallRecord(int seq, String tool, String argumentsJson, String resultJson, boolean ok,
        String error, Instant startedAt, long durationMs) {

    public ToolCallRecord {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative (was " + seq + ")");
        }
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        Objects.requireNonNull(startedAt, "startedAt");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative (was " + durationMs + ")");
        }
        if (error != null && error.length() > 2000) {
            error = error.substring(0, 2000);
        }
    }
}
