package org.voxgate.pipeline.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One step of a dialogue: what the bot says, and where each expected answer (a spoken phrase
 * or a DTMF digit) leads. A state with neither answers must either continue to
 * {@code autoNext} once its prompt has been played, hang up, or transfer the caller (then
 * {@code autoNext} is where the dialogue resumes if the transfer fails).
 *
 * <p>Threading: immutable.
 *
 * @param phrases expected spoken answers (lower case words) to the id of the next state,
 *     in the order they are tried
 * @param digits DTMF digits to the id of the next state
 * @param autoNext state entered as soon as the prompt has been played, or {@code null}
 * @param hangup whether the call ends after this prompt
 * @param transfer how the caller is handed to the bot's operator after this prompt, if at all
 */
record FlowState(String id, String prompt, Map<String, String> phrases, Map<Character, String> digits,
        String autoNext, boolean hangup, Transfer transfer) {

    /** Whether and how a state hands the caller over once its prompt has been played. */
    enum Transfer {
        NONE,
        /** The caller is sent on at once; the bot leaves. */
        BLIND,
        /** The operator is called first; the caller is joined to them once they answer. */
        WARM
    }

    /** A state that does not transfer. */
    FlowState(String id, String prompt, Map<String, String> phrases, Map<Character, String> digits,
            String autoNext, boolean hangup) {
        this(id, prompt, phrases, digits, autoNext, hangup, Transfer.NONE);
    }

    FlowState {
        phrases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phrases));
        digits = Map.copyOf(digits);
        boolean answers = !phrases.isEmpty() || !digits.isEmpty();
        if (hangup && (answers || autoNext != null)) {
            throw new IllegalArgumentException("state " + id + " hangs up, so it cannot expect answers");
        }
        if (!hangup && !answers && autoNext == null) {
            throw new IllegalArgumentException("state " + id + " has no answers, no autoNext and no hangup");
        }
        java.util.Objects.requireNonNull(transfer, "transfer");
        if (transfer != Transfer.NONE && (hangup || answers || autoNext == null)) {
            throw new IllegalArgumentException("state " + id
                    + " transfers, so it expects no answers and needs autoNext for a failed transfer");
        }
    }

    /** Whether the bot waits for the caller in this state. */
    boolean listens() {
        return !hangup && transfer == Transfer.NONE && autoNext == null;
    }

    /** The grammar for this state: every expected phrase. */
    List<String> expectedPhrases() {
        return new ArrayList<>(phrases.keySet());
    }

    /**
     * Where recognised text leads: an exact phrase match first, else the longest expected
     * phrase found as whole words inside the text.
     *
     * @return the next state id, or {@code null} if the text matches nothing
     */
    String nextForSpeech(String text) {
        String words = " " + normalise(text) + " ";
        if (words.isBlank()) {
            return null;
        }
        String exact = phrases.get(words.trim());
        if (exact != null) {
            return exact;
        }
        String best = null;
        int bestLength = 0;
        for (Map.Entry<String, String> e : phrases.entrySet()) {
            String phrase = normalise(e.getKey());
            if (phrase.length() > bestLength && words.contains(" " + phrase + " ")) {
                best = e.getValue();
                bestLength = phrase.length();
            }
        }
        return best;
    }

    /** @return the next state id for a key press, or {@code null} if it is not expected */
    String nextForDigit(char digit) {
        return digits.get(digit);
    }

    private static String normalise(String text) {
        return String.join(" ", Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z']+"))
                .filter(w -> !w.isEmpty()).toList());
    }
}
