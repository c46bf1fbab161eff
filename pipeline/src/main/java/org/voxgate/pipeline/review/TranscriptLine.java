package org.voxgate.pipeline.review;

import java.util.Objects;

/**
 * One thing said on a call, for the post-call review. Immutable.
 *
 * @param speaker who said it, as the transcript names them (e.g. {@code caller}, {@code agent})
 * @param text what was said
 */
public record TranscriptLine(String speaker, String text) {
    public TranscriptLine {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
    }
}
