package org.voxgate.pipeline.turn;

/**
 * The caller's words in the current turn: the final segments so far plus the latest interim
 * guess of the segment still open.
 *
 * <p>Threading: not thread-safe; owned by one call's engine.
 */
public final class TurnTranscript {
    private final StringBuilder finals = new StringBuilder();
    private String interim = "";
    private long lastFinalNanos = -1;

    /** Adds a transcript piece: a final one is appended, an interim one replaces the last interim. */
    public void add(String text, boolean isFinal, long nanos) {
        String t = text == null ? "" : text.strip();
        if (isFinal) {
            if (!t.isEmpty()) {
                if (!finals.isEmpty()) {
                    finals.append(' ');
                }
                finals.append(t);
            }
            interim = "";
            lastFinalNanos = nanos;
        } else {
            interim = t;
        }
    }

    /** Everything heard: finals, then the open interim. */
    public String text() {
        if (interim.isEmpty()) {
            return finals.toString();
        }
        return finals.isEmpty() ? interim : finals + " " + interim;
    }

    /** True when an interim guess is newer than the last final (the provider still holds words). */
    public boolean hasOpenInterim() {
        return !interim.isEmpty();
    }

    /** True when the finals end a sentence (. ! ?) and nothing newer is pending. */
    public boolean endsSentence() {
        if (hasOpenInterim() || finals.isEmpty()) {
            return false;
        }
        char c = finals.charAt(finals.length() - 1);
        return c == '.' || c == '!' || c == '?' || c == '\u3002';
    }

    public boolean isEmpty() {
        return finals.isEmpty() && interim.isEmpty();
    }

    /** When the last final arrived, or -1. */
    public long lastFinalNanos() {
        return lastFinalNanos;
    }

    public void clear() {
        finals.setLength(0);
        interim = "";
        lastFinalNanos = -1;
    }
}
