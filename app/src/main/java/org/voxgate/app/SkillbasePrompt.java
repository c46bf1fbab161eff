package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.voxgate.pipeline.prompt.PromptBuilder;

/**
 * The system prompt of a skillbase bot: the house prompt, the skillbase's {@code context}
 * (role, style, safety rules, facts), its language, and instructions derived from the rest of
 * the document so the model acts on it: when to hand over and what to say first
 * ({@code handoff}), when to hang up ({@code hang_up} tool), and what never to say
 * ({@code guardrails.bannedPhrases}, {@code maxReplyChars}). The guardrails are still enforced
 * on every reply by the guardrail filter; telling the model only makes blocked replies rarer.
 *
 * <p>Stateless. The caller's profile is added per call with
 * {@link PromptBuilder#withCallerContext}.
 */
final class SkillbasePrompt {
    private SkillbasePrompt() {}

    static PromptBuilder of(JsonNode doc) {
        JsonNode context = doc.path("context");
        return PromptBuilder.house()
                .withRole(SkillbaseNodes.text(context, "role", ""))
                .withStyle(SkillbaseNodes.text(context, "style", ""))
                .withSafetyRules(safetyRules(doc))
                .withFacts(SkillbaseNodes.strings(context, "facts"))
                .withInstructions(instructions(doc))
                .withLanguage(SkillbaseVoice.language(doc));
    }

    private static List<String> safetyRules(JsonNode doc) {
        List<String> rules = new ArrayList<>(SkillbaseNodes.strings(doc.path("context"), "safetyRules"));
        JsonNode g = doc.path("guardrails");
        List<String> banned = SkillbaseNodes.strings(g, "bannedPhrases");
        if (!banned.isEmpty()) {
            rules.add("Never say any of these words or phrases: " + String.join(", ", banned) + ".");
        }
        if (g.hasNonNull("maxReplyChars")) {
            rules.add("Keep every reply under " + g.get("maxReplyChars").asInt() + " characters.");
        }
        return rules;
    }

    private static List<String> instructions(JsonNode doc) {
        List<String> out = new ArrayList<>();
        ToolChoice tools = SkillbaseTools.of(doc);
        if (tools.builtIns().contains(ToolChoice.TRANSFER)) {
            JsonNode h = doc.path("handoff");
            String handOver = "hand the caller to a person with the transfer_to_human tool";
            if (SkillbaseNodes.bool(h, "onExplicitRequest", false)) {
                out.add("If the caller asks to speak to a person, " + handOver + ".");
            }
            List<String> keywords = SkillbaseNodes.strings(h, "keywords");
            if (!keywords.isEmpty()) {
                out.add("If the caller says " + String.join(" or ", keywords.stream().map(k -> "\"" + k + "\"").toList())
                        + ", " + handOver + ".");
            }
            int misunderstandings = SkillbaseNodes.integer(h, "afterMisunderstandings", 0);
            if (misunderstandings > 0) {
                out.add("If you cannot understand what the caller wants " + misunderstandings + " times in a row, "
                        + handOver + ".");
            }
            if (SkillbaseNodes.bool(h, "onNegativeSentiment", false)) {
                out.add("If the caller becomes upset or angry, " + handOver + ".");
            }
            String message = SkillbaseNodes.text(h, "message", "");
            if (!message.isBlank()) {
                out.add("Before handing over, say: \"" + message.strip() + "\"");
            }
        }
        if (tools.builtIns().contains(ToolChoice.HANG_UP)) {
            out.add("When the conversation is finished, say goodbye and end the call with the hang_up tool.");
        }
        return out;
    }
}
