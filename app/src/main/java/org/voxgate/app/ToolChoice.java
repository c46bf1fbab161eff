package org.voxgate.app;

import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which tools a bot offers its model: a subset of the built-in ones ({@code hang_up},
 * {@code transfer_to_human}, {@code send_dtmf}) and the skillbase's own tools
 * ({@code book_appointment}, {@code webhook}) as their raw tool documents, made into tools by
 * the {@link AgentBuilder.CustomTools} the node is given.
 *
 * <p>Immutable (the collections are copied; the JSON nodes are not modified by anyone).
 */
record ToolChoice(Set<String> builtIns, List<JsonNode> custom) {
    static final String HANG_UP = "hang_up";
    static final String TRANSFER = "transfer_to_human";
    static final String SEND_DTMF = "send_dtmf";

    /** Every built-in tool and nothing else: what a {@code bots.agents} bot gets. */
    static final ToolChoice ALL_BUILT_INS = new ToolChoice(Set.of(HANG_UP, TRANSFER, SEND_DTMF), List.of());

    ToolChoice {
        builtIns = Set.copyOf(builtIns);
        custom = List.copyOf(custom);
    }
}
