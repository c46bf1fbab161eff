package org.voxgate.pipeline.tools;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished tool call as the call's record keeps it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tool          the tool's name
 * @param argumentsJson the model's arguments as JSON text ({@code {}} when it gave none)
 * @param resultJson    what the model was given back, JSON text
 * @param ok            false when the result is an error object or the tool threw
 * @param error         the error message, or {@code null}
 * @param startedAt     when the tool started (call clock)
 * @param durationMs    how long it ran
 */
public record ToolCallLog(String tool, String argumentsJson, String resultJson, boolean ok, String error,
        Instant startedAt, long durationMs) {

    public ToolCallLog {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
