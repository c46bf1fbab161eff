package org.voxgate.pipeline.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts a language model's streamed text into clauses so text-to-speech can start on the first
 * one while the model is still writing: at sentence and clause punctuation ({@code . ! ? ; :} or
 * a line break) followed by white space, and at commas and dashes once the clause is at least
 * {@code minChars} long (short comma pieces sound choppy). A period after a common abbreviation,
 * an initial or inside a number ({@code 3.5}) is not a boundary.
 *
 * <p>Threading: not thread-safe; one per reply, used by the call's engine.
 */
public final class ClauseSplitter {
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs",
            "etc", "e.g", "i.e", "a.m", "p.m", "no", "approx", "prof", "mt");

    private final int minChars;
    private final StringBuilder buf = new StringBuilder();
    private int scanned;

    /** @param minChars the shortest clause cut at a comma or dash */
    public ClauseSplitter(int minChars) {
        this.minChars = minChars;
    }

    /** Adds streamed text; returns the clauses it completed (each keeps its trailing space). */
    public List<String> add(String delta) {
        buf.append(delta);
        List<String> out = new ArrayList<>(2);
        int start = 0;
        // the last character cannot be judged until the next one is seen
        for (int i = Math.max(scanned, 0); i < buf.length() - 1; i++) {
            char c = buf.charAt(i);
            if (!Character.isWhitespace(buf.charAt(i + 1)) && c != '\n') {
                continue;
            }
            int length = i + 1 - start;
            boolean cut = switch (c) {
                case '!', '?', ';', ':', '\n' -> length > 1;
                case '.' -> length > 1 && !abbreviation(start, i);
                case ',', '\u2014', '\u2013' -> length >= minChars;
                default -> false;
            };
            if (cut) {
                String clause = buf.substring(start, i + 2);
                if (!clause.isBlank()) {
                    out.add(clause);
                }
                start = i + 2;
            }
        }
        buf.delete(0, Math.min(start, buf.length()));
        scanned = Math.max(0, buf.length() - 1);
        return out;
    }

    /** The text left when the reply ends (may be empty); the splitter starts over. */
    public String flush() {
        String rest = buf.toString();
        buf.setLength(0);
        scanned = 0;
        return rest.isBlank() ? "" : rest;
    }

    private boolean abbreviation(int start, int dot) {
        int w = dot;
        while (w > start && !Character.isWhitespace(buf.charAt(w - 1))) {
            w--;
        }
        String word = buf.substring(w, dot).toLowerCase(Locale.ROOT);
        return word.length() == 1 && Character.isLetter(word.charAt(0)) || ABBREVIATIONS.contains(word);
    }
}
