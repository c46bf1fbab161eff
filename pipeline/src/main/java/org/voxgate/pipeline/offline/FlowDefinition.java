package org.voxgate.pipeline.offline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole dialogue: its states, where it starts, and where it goes when the caller cannot be
 * understood. Checked on construction: every transition names an existing state.
 *
 * <p>Threading: immutable, shared by every call of a bot.
 *
 * @param retryPrefix said before the prompt again after an answer that matched nothing
 * @param noInputPrefix said before the prompt again after the caller said nothing
 * @param giveUpState entered after too many failed attempts in one state
 */
record FlowDefinition(String initialState, String giveUpState, String retryPrefix, String noInputPrefix,
        Map<String, FlowState> states) {

    FlowDefinition {
        states = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states));
        require(initialState, states, "initial state");
        require(giveUpState, states, "give-up state");
        for (FlowState state : states.values()) {
            for (String next : state.phrases().values()) {
                require(next, states, "phrase target of " + state.id());
            }
            for (String next : state.digits().values()) {
                require(next, states, "digit target of " + state.id());
            }
            if (state.autoNext() != null) {
                require(state.autoNext(), states, "autoNext of " + state.id());
            }
        }
    }

    static FlowDefinition of(String initialState, String giveUpState, String retryPrefix,
            String noInputPrefix, List<FlowState> states) {
        Map<String, FlowState> byId = new LinkedHashMap<>();
        for (FlowState state : states) {
            if (byId.put(state.id(), state) != null) {
                throw new IllegalArgumentException("duplicate state " + state.id());
            }
        }
        return new FlowDefinition(initialState, giveUpState, retryPrefix, noInputPrefix, byId);
    }

    FlowState state(String id) {
        return states.get(id);
    }

    private static void require(String id, Map<String, FlowState> states, String what) {
        if (id == null || !states.containsKey(id)) {
            throw new IllegalArgumentException(what + " '" + id + "' is not a state of the flow");
        }
    }
}
