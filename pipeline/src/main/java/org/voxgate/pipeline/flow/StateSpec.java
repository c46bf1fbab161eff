package org.voxgate.pipeline.flow;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One state of a flow (skillbase {@code flow.states[]}). References to other states are checked
 * by {@link FlowSpec}; this record checks what it can see alone.
 *
 * <p>Threading: immutable.
 *
 * @param id {@code [a-z0-9_-]+}, unique in the flow
 * @param prompt the model's instruction while in this state (may be empty)
 * @param say words spoken verbatim on entering the state (may be empty; required for every
 *     state of a flow run without a model). May hold {@code {{slot}}} and
 *     {@code {{result.field}}} placeholders, see {@link SayTemplate}
 * @param slots values to collect here
 * @param transitions ways out, tried in order
 * @param next linear flows: the following state, or {@code null} for the next in the list
 * @param action a tool run once the state is complete, or {@code null}
 * @param end how the state ends the call after its words, or {@code null}
 */
public record StateSpec(String id, String prompt, String say, List<SlotSpec> slots, List<Transition> transitions,
        String next, ActionSpec action, End end) {

    public StateSpec {
        Objects.requireNonNull(id, "state id");
        if (!id.matches("[a-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("state id must match [a-z0-9_-]+, was '" + id + "'");
        }
        prompt = prompt == null ? "" : prompt.strip();
        say = say == null ? "" : say.strip();
        slots = slots == null ? List.of() : List.copyOf(slots);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        next = next == null || next.isBlank() ? null : next;
        Set<String> names = new HashSet<>();
        for (SlotSpec s : slots) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("state '" + id + "': slot '" + s.name() + "' appears twice");
            }
        }
        Set<String> keys = new HashSet<>();
        for (Transition t : transitions) {
            if (t.dtmf() != null && !keys.add(t.dtmf())) {
                throw new IllegalArgumentException("state '" + id + "': dtmf '" + t.dtmf() + "' leads to two states");
            }
        }
    }

    /** A state with only words and transitions. */
    public static StateSpec of(String id, String say, List<Transition> transitions) {
        return new StateSpec(id, "", say, List.of(), transitions, null, null, null);
    }

    public Optional<SlotSpec> slot(String name) {
        return slots.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether every required slot has a value in {@code filled}. */
    public boolean complete(java.util.Map<String, String> filled) {
        return slots.stream().filter(SlotSpec::required).allMatch(s -> filled.containsKey(s.name()));
    }

    /** The first required slot without a value, if any. */
    public Optional<SlotSpec> firstMissing(java.util.Map<String, String> filled) {
        return slots.stream().filter(s -> s.required() && !filled.containsKey(s.name())).findFirst();
    }
}
