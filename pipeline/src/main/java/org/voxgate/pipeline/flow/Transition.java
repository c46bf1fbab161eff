package org.voxgate.pipeline.flow;

import java.util.List;
import java.util.Objects;

/**
 * A way out of a flow state (skillbase {@code flow.states[].transitions[]}), taken when exactly
 * one kind of trigger fires: one of the {@code keywords} in the caller's words (whole words,
 * case-insensitive), the DTMF {@code dtmf} key, or the model deciding the caller's turn fits
 * the {@code intent} description (LLM classification, through the {@code go_to_state} tool).
 *
 * <p>Threading: immutable.
 *
 * @param to the id of the state entered
 * @param keywords words or phrases, or empty
 * @param dtmf one key of {@code 0-9 * # A-D}, or {@code null}
 * @param intent a description of the caller's intent for the model, or {@code null}
 */
public record Transition(String to, List<String> keywords, String dtmf, String intent) {
    public Transition {
        Objects.requireNonNull(to, "transition target");
        keywords = keywords == null ? List.of() : keywords.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        dtmf = dtmf == null || dtmf.isBlank() ? null : dtmf.strip();
        intent = intent == null || intent.isBlank() ? null : intent.strip();
        int kinds = (keywords.isEmpty() ? 0 : 1) + (dtmf == null ? 0 : 1) + (intent == null ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("transition to '" + to
                    + "' needs exactly one of keywords, dtmf or intent, had " + kinds);
        }
        if (dtmf != null && !dtmf.matches("[0-9*#A-D]")) {
            throw new IllegalArgumentException("transition to '" + to + "': dtmf must be one key of 0-9 * # A-D, was '"
                    + dtmf + "'");
        }
    }

    public static Transition onKeywords(String to, String... keywords) {
        return new Transition(to, List.of(keywords), null, null);
    }

    public static Transition onDtmf(String to, char key) {
        return new Transition(to, List.of(), String.valueOf(key), null);
    }

    public static Transition onIntent(String to, String intent) {
        return new Transition(to, List.of(), null, intent);
    }

    /** Whether this transition is taken on the model's classification. */
    public boolean isIntent() {
        return intent != null;
    }
}
