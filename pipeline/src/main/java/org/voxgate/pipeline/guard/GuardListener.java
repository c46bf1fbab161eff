package org.voxgate.pipeline.guard;

/**
 * Told about every reply a guardrail blocked on a call, so the application can record it as a
 * call event.
 *
 * <p>Threading: called on the call's engine thread; must not block.
 */
@FunctionalInterface
public interface GuardListener {
    /**
     * @param rule {@code banned_phrase} or {@code pattern}
     * @param matched the phrase or the pattern that matched (never the caller's data)
     * @param blockedText the text that was not spoken
     */
    void blocked(String rule, String matched, String blockedText);

    GuardListener NONE = (rule, matched, text) -> { };
}
