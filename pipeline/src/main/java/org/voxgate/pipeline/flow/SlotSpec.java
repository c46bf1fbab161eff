package org.voxgate.pipeline.flow;

import java.util.Objects;

/**
 * A value a flow state collects from the caller (skillbase {@code flow.states[].slots[]}).
 *
 * <p>Threading: immutable.
 *
 * @param name slot name, {@code [a-z_][a-z0-9_]*}; unique across the flow's states, since the
 *     collected values form one map per call
 * @param type what the value is
 * @param required whether the state is complete only once the slot is filled
 * @param prompt how the bot asks for it (may be empty)
 */
public record SlotSpec(String name, SlotType type, boolean required, String prompt) {
    public SlotSpec {
        Objects.requireNonNull(name, "slot name");
        if (!name.matches("[a-z_][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("slot name must match [a-z_][a-z0-9_]*, was '" + name + "'");
        }
        type = type == null ? SlotType.TEXT : type;
        prompt = prompt == null ? "" : prompt.strip();
    }
}
