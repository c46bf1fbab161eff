package org.voxgate.pipeline.flow;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whole-word, case- and accent-insensitive phrase matching on a caller's words, shared by flow
 * transitions and handoff keywords ("book" matches "I'd like to book" but not "booking";
 * "operador" matches "Operadór").
 *
 * <p>Threading: stateless.
 */
public final class Words {
    private Words() {}

    /** Lower case, accents removed, words separated by one space, punctuation dropped. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        return String.join(" ", Arrays.stream(plain.split("[^\\p{L}\\p{N}']+")).filter(w -> !w.isEmpty()).toList());
    }

    /** The longest of {@code phrases} found as whole words in {@code text}, or {@code null}. */
    public static String longestMatch(String text, List<String> phrases) {
        String words = " " + normalise(text) + " ";
        String best = null;
        int bestLength = 0;
        for (String p : phrases) {
            String phrase = normalise(p);
            if (!phrase.isEmpty() && phrase.length() > bestLength && words.contains(" " + phrase + " ")) {
                best = p;
                bestLength = phrase.length();
            }
        }
        return best;
    }
}
