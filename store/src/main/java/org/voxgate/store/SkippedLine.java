package org.voxgate.store;

/**
 * A contact that was not added, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param line   its line in the upload (0 when it came from no file)
 * @param phone  its number as given
 * @param reason for example {@code duplicate of line 4} or {@code already in the campaign}
 */
public record SkippedLine(int line, String phone, String reason) {

    public SkippedLine {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
    }
}
