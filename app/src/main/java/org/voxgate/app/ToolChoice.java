package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tools a bot offers its model: a subset of the built-in ones ({@code hang_up},
 * {@code transfer_to_human}, {@code send_dtmf}) and its own tools ({@code book_appointment},
 * {@code webhook}) as their raw tool documents, made into tools by {@link AgentTools}.
 *
 * <p>Immutable (the collections are copied; the JSON nodes are not modified by anyone).
 */
record ToolChoice(Set<String> builtIns, List<JsonNode> custom) {
    static final String HANG_UP = "hang_up";
    static final String TRANSFER = "transfer_to_human";
    static final String SEND_DTMF = "send_dtmf";
    static final Set<String> BUILT_INS = Set.of(HANG_UP, TRANSFER, SEND_DTMF);

    /** Every built-in tool and nothing else: what a {@code bots.agents} bot without {@code tools} gets. */
    static final ToolChoice ALL_BUILT_INS = new ToolChoice(BUILT_INS, List.of());

    ToolChoice {
        builtIns = Set.copyOf(builtIns);
        custom = List.copyOf(custom);
    }

    /** The choice a {@code tools} list makes: its built-in entries and its other entries, in order. */
    static ToolChoice fromList(JsonNode tools) {
        Set<String> builtIns = new HashSet<>();
        List<JsonNode> custom = new ArrayList<>();
        for (JsonNode tool : tools) {
            String type = tool.path("type").asText();
            if (BUILT_INS.contains(type)) {
                builtIns.add(type);
            } else {
                custom.add(tool);
            }
        }
        return new ToolChoice(builtIns, custom);
    }

    /** This choice with {@code builtIn} offered too. */
    ToolChoice with(String builtIn) {
        Set<String> more = new HashSet<>(builtIns);
        more.add(builtIn);
        return new ToolChoice(more, custom);
    }

    /** The choice as a skillbase {@code tools} list: the built-ins (sorted), then the bot's own tools in order. */
    JsonNode asToolList() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        new TreeSet<>(builtIns).forEach(type -> list.addObject().put("type", type));
        custom.forEach(list::add);
        return list;
    }
}
