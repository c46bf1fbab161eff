package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps a skillbase's {@code tools} list and {@code handoff} triggers to the {@link ToolChoice}
 * of its bot: the built-in tools it lists, {@code transfer_to_human} also whenever its handoff
 * can be triggered (the model hands over through that tool), and its own tools
 * ({@code book_appointment}, {@code webhook}) as documents for the node's tool wiring.
 *
 * <p>Stateless.
 */
final class SkillbaseTools {
    private SkillbaseTools() {}

    static ToolChoice of(JsonNode doc) {
        ToolChoice listed = ToolChoice.fromList(doc.path("tools"));
        return handsOver(doc) ? listed.with(ToolChoice.TRANSFER) : listed;
    }

    /** Whether anything in {@code handoff} can make the bot hand a caller over. */
    static boolean handsOver(JsonNode doc) {
        JsonNode h = doc.path("handoff");
        return !SkillbaseNodes.strings(h, "keywords").isEmpty() || SkillbaseNodes.integer(h, "afterMisunderstandings", 0) > 0
                || SkillbaseNodes.bool(h, "onNegativeSentiment", false) || SkillbaseNodes.bool(h, "onExplicitRequest", false);
    }
}
