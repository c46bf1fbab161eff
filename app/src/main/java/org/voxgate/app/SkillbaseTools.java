package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps a skillbase's {@code tools} list and {@code handoff} triggers to the {@link ToolChoice}
 * of its bot: the built-in tools it lists, {@code transfer_to_human} also whenever its handoff
 * can be triggered (the model hands over through that tool), and its own tools
 * ({@code book_appointment}, {@code webhook}) as documents for the node's tool wiring.
 *
 * <p>Stateless.
 */
final class SkillbaseTools {
    private static final Set<String> BUILT_INS = Set.of(ToolChoice.HANG_UP, ToolChoice.TRANSFER, ToolChoice.SEND_DTMF);

    private SkillbaseTools() {}

    static ToolChoice of(JsonNode doc) {
        Set<String> builtIns = new HashSet<>();
        List<JsonNode> custom = new ArrayList<>();
        for (JsonNode tool : doc.path("tools")) {
            String type = tool.path("type").asText();
            if (BUILT_INS.contains(type)) {
                builtIns.add(type);
            } else {
                custom.add(tool);
            }
        }
        if (handsOver(doc)) {
            builtIns.add(ToolChoice.TRANSFER);
        }
        return new ToolChoice(builtIns, custom);
    }

    /** Whether anything in {@code handoff} can make the bot hand a caller over. */
    static boolean handsOver(JsonNode doc) {
        JsonNode h = doc.path("handoff");
        return !SkillbaseNodes.strings(h, "keywords").isEmpty() || SkillbaseNodes.integer(h, "afterMisunderstandings", 0) > 0
                || SkillbaseNodes.bool(h, "onNegativeSentiment", false) || SkillbaseNodes.bool(h, "onExplicitRequest", false);
    }
}
