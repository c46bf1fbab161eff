package org.voxgate.pipeline.guard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voxgate.pipeline.flow.Words;

/**
 * Checks one reply, clause by clause as it streams, before any of it reaches speech.
 *
 * <p>Each clause is checked together with everything before it in the reply, so a banned
 * phrase split across two clauses ("I can promise you, a full refund" against
 * "promise you a full refund") is still found. To keep such a phrase from being half spoken,
 * the words at the end of a clause that could begin a banned phrase are held back until the
 * next clause (or the end of the reply) shows whether the phrase completes. Regex patterns are
 * checked on the whole accumulated text too (a match reaching into held or new text blocks it),
 * but text already released is not held back for them.
 *
 * <p>On the first match the reply is blocked: the matching clause and everything after it are
 * dropped and {@link GuardrailRules#blockedReply()} is spoken once instead. Past
 * {@link GuardrailRules#maxReplyChars()} the rest of the reply is dropped (a length cut, not a
 * block).
 *
 * <p>Threading: not thread-safe; one per reply, used by the call's engine thread.
 */
public final class ReplyGuard {
    /** Reports a block: rule, what matched, the text not spoken. */
    interface Sink {
        void blocked(String rule, String matched, String text);
    }

    private final GuardrailRules rules;
    private final Sink sink;
    private final Runnable counted;
    private final StringBuilder released = new StringBuilder();
    private final StringBuilder held = new StringBuilder();
    private boolean blocked;
    private boolean cut;
    private boolean countedOnce;

    ReplyGuard(GuardrailRules rules, Sink sink, Runnable counted) {
        this.rules = rules;
        this.sink = sink;
        this.counted = counted;
    }

    /** Whether the reply was blocked (everything after the block is dropped). */
    public boolean blocked() {
        return blocked;
    }

    /**
     * A clause the bot is about to speak: returns the text that may be spoken now (possibly
     * empty while words are held back, or the blocked reply once on a block).
     */
    public String pass(String clause) {
        if (!countedOnce) {
            countedOnce = true;
            counted.run();
        }
        if (blocked || cut || clause.isEmpty()) {
            return "";
        }
        held.append(clause);
        String found = findViolation();
        if (found != null) {
            return block(found);
        }
        int keep = holdBack();
        String out = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return limit(out);
    }

    /** The reply's text is complete: whatever was held back may be spoken (it completed nothing). */
    public String finish() {
        if (blocked || cut) {
            return "";
        }
        String out = held.toString();
        held.setLength(0);
        return limit(out);
    }

    private String block(String found) {
        blocked = true;
        String text = released + held.toString();
        held.setLength(0);
        sink.blocked(found.startsWith("pattern:") ? "pattern" : "banned_phrase",
                found.substring(found.indexOf(':') + 1), text);
        return rules.blockedReply() + " ";
    }

    /** "phrase:<p>" or "pattern:<regex>" for the first rule the accumulated text breaks, or null. */
    private String findViolation() {
        String all = released.toString() + held;
        String words = " " + Words.normalise(all) + " ";
        for (String phrase : rules.bannedPhrases()) {
            if (words.contains(" " + phrase + " ")) {
                return "phrase:" + phrase;
            }
        }
        for (Pattern p : rules.patterns()) {
            Matcher m = p.matcher(all);
            // a match wholly inside released text was checked before; only new text can add one
            if (m.find(Math.max(0, released.length() - 64))) {
                return "pattern:" + p.pattern();
            }
        }
        return null;
    }

    /** How many characters at the end of the held text could begin a multi-word banned phrase. */
    private int holdBack() {
        String text = held.toString();
        int best = 0;
        // try every word start in the held text, longest suffix first
        for (int i = 0; i < text.length(); i++) {
            if (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
                continue;
            }
            String suffix = Words.normalise(text.substring(i));
            if (suffix.isEmpty()) {
                continue;
            }
            for (String phrase : rules.bannedPhrases()) {
                if (phrase.length() > suffix.length() && phrase.startsWith(suffix + " ")) {
                    return text.length() - i;
                }
            }
        }
        return best;
    }

    private String limit(String out) {
        int max = rules.maxReplyChars();
        if (max > 0 && released.length() + out.length() > max) {
            cut = true;
            return "";
        }
        released.append(out);
        return out;
    }
}
