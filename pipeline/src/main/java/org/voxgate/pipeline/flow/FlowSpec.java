package org.voxgate.pipeline.flow;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A bot's flow (skillbase {@code flow}): its states and where it starts. The constructor checks
 * that ids are unique, {@code start}, every transition target and every {@code next} name a
 * state, and slot names are unique across states; a failure names the state and field.
 *
 * <p>In a {@link Type#LINEAR} flow a state is followed by its {@code next} (default: the next in
 * the list) once complete; its transitions count only as keyword/DTMF shortcuts. In a
 * {@link Type#GRAPH} flow only transitions move.
 *
 * <p>Threading: immutable, shared by every call of a bot.
 */
public record FlowSpec(Type type, String start, List<StateSpec> states) {

    /** The two shapes of flow. */
    public enum Type { LINEAR, GRAPH }

    public FlowSpec {
        Objects.requireNonNull(type, "flow type");
        states = List.copyOf(Objects.requireNonNull(states, "flow states"));
        if (states.isEmpty()) {
            throw new IllegalArgumentException("a flow needs at least one state");
        }
        Map<String, StateSpec> byId = index(states);
        start = start == null || start.isBlank() ? states.getFirst().id() : start;
        require(byId, start, "start");
        Set<String> slotNames = new HashSet<>();
        for (StateSpec s : states) {
            for (Transition t : s.transitions()) {
                require(byId, t.to(), "state '" + s.id() + "' transition target");
            }
            if (s.next() != null) {
                require(byId, s.next(), "state '" + s.id() + "' next");
            }
            for (SlotSpec slot : s.slots()) {
                if (!slotNames.add(slot.name())) {
                    throw new IllegalArgumentException("slot '" + slot.name() + "' is collected by two states");
                }
            }
        }
    }

    public StateSpec state(String id) {
        StateSpec s = index(states).get(id);
        if (s == null) {
            throw new IllegalArgumentException("no state '" + id + "'");
        }
        return s;
    }

    public boolean hasState(String id) {
        return states.stream().anyMatch(s -> s.id().equals(id));
    }

    /**
     * Where a complete state goes without a transition: in a linear flow its {@code next} or the
     * following state in the list; {@code null} at the end of a linear flow and always in a graph.
     */
    public String following(StateSpec s) {
        if (type == Type.GRAPH) {
            return null;
        }
        if (s.next() != null) {
            return s.next();
        }
        int i = states.indexOf(s);
        return i + 1 < states.size() ? states.get(i + 1).id() : null;
    }

    /** Whether any transition relies on the model's classification. */
    public boolean usesIntents() {
        return states.stream().flatMap(s -> s.transitions().stream()).anyMatch(Transition::isIntent);
    }

    private static Map<String, StateSpec> index(List<StateSpec> states) {
        Map<String, StateSpec> byId = new LinkedHashMap<>();
        for (StateSpec s : states) {
            if (byId.put(s.id(), s) != null) {
                throw new IllegalArgumentException("state id '" + s.id() + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(byId);
    }

    private static void require(Map<String, StateSpec> byId, String id, String what) {
        if (!byId.containsKey(id)) {
            throw new IllegalArgumentException(what + " '" + id + "' is not a state of the flow");
        }
    }
}
