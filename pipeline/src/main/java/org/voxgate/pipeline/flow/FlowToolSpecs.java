package org.voxgate.pipeline.flow;

import org.voxgate.pipeline.provider.ToolSpec;

/**
 * The tools a flow gives the model: {@code set_slot}, {@code go_to_state} and
 * {@code cannot_help}.
 *
 * <p>Threading: constants.
 */
final class FlowToolSpecs {
    static final String SET_SLOT = "set_slot";
    static final String GO_TO_STATE = "go_to_state";
    static final String CANNOT_HELP = "cannot_help";

    static final ToolSpec SET_SLOT_SPEC = new ToolSpec(SET_SLOT,
            "Record a value the caller gave for one of the slots of the conversation flow.",
            "{\"type\":\"object\",\"properties\":{"
                    + "\"name\":{\"type\":\"string\",\"description\":\"the slot's name\"},"
                    + "\"value\":{\"type\":\"string\",\"description\":\"the value in the slot's format\"}},"
                    + "\"required\":[\"name\",\"value\"],\"additionalProperties\":false}");
    static final ToolSpec GO_TO_STATE_SPEC = new ToolSpec(GO_TO_STATE,
            "Move the conversation to another step when the caller's intent matches it.",
            "{\"type\":\"object\",\"properties\":{\"state\":{\"type\":\"string\"}},"
                    + "\"required\":[\"state\"],\"additionalProperties\":false}");
    static final ToolSpec CANNOT_HELP_SPEC = new ToolSpec(CANNOT_HELP,
            "Call when you did not understand the caller or cannot help with what they ask.",
            "{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\"}},\"additionalProperties\":false}");

    private FlowToolSpecs() {}
}
