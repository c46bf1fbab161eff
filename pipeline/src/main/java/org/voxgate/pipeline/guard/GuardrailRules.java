package org.voxgate.pipeline.guard;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.voxgate.pipeline.flow.Words;

/**
 * What a bot must never say (skillbase {@code guardrails}), validated once.
 *
 * <p>Threading: immutable, shared by every call of a bot.
 *
 * @param bannedPhrases words or phrases, matched whole-word, case- and accent-insensitive
 * @param patterns regular expressions (Java syntax) found anywhere in the reply text, for
 *     example card numbers {@code \b\d{13,19}\b}
 * @param blockedReply spoken instead of a blocked reply
 * @param maxReplyChars the longest reply spoken; text beyond it is not spoken (0 = no limit)
 */
public record GuardrailRules(List<String> bannedPhrases, List<Pattern> patterns, String blockedReply,
        int maxReplyChars) {

    /** The reply spoken when a skillbase gives none. */
    public static final String DEFAULT_BLOCKED_REPLY = "Sorry, I can't help with that. Is there anything else?";

    /** No rules: every reply passes. */
    public static final GuardrailRules NONE = new GuardrailRules(List.of(), List.of(), null, 0);

    public GuardrailRules {
        bannedPhrases = bannedPhrases == null ? List.of()
                : bannedPhrases.stream().map(Words::normalise).filter(p -> !p.isEmpty()).distinct().toList();
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        blockedReply = blockedReply == null || blockedReply.isBlank() ? DEFAULT_BLOCKED_REPLY : blockedReply.strip();
        if (maxReplyChars < 0 || maxReplyChars > 100_000) {
            throw new IllegalArgumentException("guardrails maxReplyChars must be 0-100000, was " + maxReplyChars);
        }
    }

    /**
     * Rules from the document's strings; a bad regex fails naming its index, as
     * {@code guardrails/patterns/<i>}.
     */
    public static GuardrailRules of(List<String> bannedPhrases, List<String> patterns, String blockedReply,
            int maxReplyChars) {
        List<Pattern> compiled = new java.util.ArrayList<>();
        List<String> source = patterns == null ? List.of() : patterns;
        for (int i = 0; i < source.size(); i++) {
            try {
                compiled.add(Pattern.compile(source.get(i), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("guardrails/patterns/" + i + ": not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return new GuardrailRules(bannedPhrases, compiled, blockedReply, maxReplyChars);
    }

    /** Whether any rule can block (the length limit only shortens). */
    public boolean blocksAnything() {
        return !bannedPhrases.isEmpty() || !patterns.isEmpty();
    }
}
