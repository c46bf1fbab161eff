package org.voxgate.pipeline.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * The per-state part of the system prompt of a flow bot: the state's goal, the slots collected
 * and still missing, and where the conversation may go next (with each intent's description),
 * so the model fills slots with {@code set_slot} and classifies intents with
 * {@code go_to_state}. The base prompt (persona, facts, safety rules) comes from the prompt
 * builder; this is appended to it.
 *
 * <p>Threading: stateless.
 */
final class StatePrompt {
    private StatePrompt() {}

    static String of(FlowSpec flow, StateSpec state, Map<String, String> slots, JsonNode lastResult,
            Set<String> allowed) {
        StringBuilder b = new StringBuilder("## Conversation flow\n");
        b.append("Current step: ").append(state.id()).append('.');
        if (!state.prompt().isEmpty()) {
            b.append(" Goal: ").append(state.prompt());
        }
        b.append('\n');
        if (!slots.isEmpty()) {
            b.append("Collected so far:");
            slots.forEach((k, v) -> b.append(' ').append(k).append('=').append(v).append(';'));
            b.append('\n');
        }
        boolean asked = false;
        for (SlotSpec s : state.slots()) {
            if (slots.containsKey(s.name())) {
                continue;
            }
            if (!asked) {
                b.append("Still to collect (call set_slot as soon as the caller gives a value):\n");
                asked = true;
            }
            b.append("- ").append(s.name()).append(" (").append(s.type().describe())
                    .append(s.required() ? ", required" : ", optional").append(')');
            if (!s.prompt().isEmpty()) {
                b.append(": ask \"").append(s.prompt()).append('"');
            }
            b.append('\n');
        }
        if (!allowed.isEmpty()) {
            b.append("Next steps (call go_to_state with one of them when it applies):\n");
            for (Transition t : state.transitions()) {
                if (t.dtmf() != null) {
                    continue; // key presses are handled without you
                }
                b.append("- ").append(t.to()).append(": ");
                b.append(t.isIntent() ? t.intent() : "the caller says " + String.join(" or ", t.keywords().stream()
                        .map(k -> "\"" + k + "\"").toList()));
                b.append('\n');
            }
            String following = flow.following(state);
            if (following != null) {
                b.append("- ").append(following).append(": once this step is done\n");
            }
        }
        if (lastResult != null) {
            b.append("Result of the last action: ").append(lastResult).append('\n');
        }
        return b.toString().strip();
    }
}
