package org.voxgate.pipeline.flow;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small lexicon scorer for the caller's mood on one turn, English and Spanish, used only to
 * decide a handoff on a clearly unhappy caller. It is deliberately simple and honest about it:
 * it counts listed words, it does not understand sarcasm or context.
 *
 * <p>Scoring: each word of the lists below scores -2 (strong: "furious", "ridiculous",
 * "terrible") or -1 (mild: "annoyed", "problem", "wrong"), or +1 (positive: "thanks", "great",
 * "happy"); a negator ("not", "never", "no", "don't", "isn't"...; "no", "nunca", "nada", "tampoco" in
 * Spanish) within the two words before flips the word's sign ("not happy" = -1, "not bad" = +1).
 * The turn's score is the sum; {@link #isNegative} is true at {@code <= -2}, so one mild word is
 * not enough but "this is ridiculous" or "I am annoyed, nothing works" is.
 *
 * <p>Threading: immutable, thread-safe.
 */
public final class SentimentScorer {
    /** The score at or below which a turn is clearly negative. */
    public static final int NEGATIVE_THRESHOLD = -2;

    private static final Map<String, Integer> EN = Map.ofEntries(
            Map.entry("angry", -2), Map.entry("furious", -2), Map.entry("ridiculous", -2), Map.entry("terrible", -2),
            Map.entry("awful", -2), Map.entry("horrible", -2), Map.entry("useless", -2), Map.entry("hate", -2),
            Map.entry("worst", -2), Map.entry("stupid", -2), Map.entry("unacceptable", -2), Map.entry("disgusting", -2),
            Map.entry("annoyed", -1), Map.entry("annoying", -1), Map.entry("frustrated", -1), Map.entry("upset", -1),
            Map.entry("bad", -1), Map.entry("wrong", -1), Map.entry("problem", -1), Map.entry("broken", -1),
            Map.entry("nothing", -1), Map.entry("unhappy", -1), Map.entry("disappointed", -1), Map.entry("complain", -1),
            Map.entry("complaint", -1),
            Map.entry("happy", 1), Map.entry("great", 1), Map.entry("good", 1), Map.entry("thanks", 1),
            Map.entry("thank", 1), Map.entry("perfect", 1), Map.entry("excellent", 1), Map.entry("helpful", 1),
            Map.entry("wonderful", 1), Map.entry("fine", 1));
    private static final Map<String, Integer> ES = Map.ofEntries(
            Map.entry("enfadado", -2), Map.entry("enojado", -2), Map.entry("furioso", -2), Map.entry("ridiculo", -2),
            Map.entry("terrible", -2), Map.entry("horrible", -2), Map.entry("inutil", -2), Map.entry("odio", -2),
            Map.entry("peor", -2), Map.entry("estupido", -2), Map.entry("inaceptable", -2), Map.entry("vergüenza", -2),
            Map.entry("verguenza", -2),
            Map.entry("molesto", -1), Map.entry("frustrado", -1), Map.entry("mal", -1), Map.entry("malo", -1),
            Map.entry("problema", -1), Map.entry("roto", -1), Map.entry("queja", -1), Map.entry("harto", -1),
            Map.entry("decepcionado", -1),
            Map.entry("contento", 1), Map.entry("feliz", 1), Map.entry("gracias", 1), Map.entry("genial", 1),
            Map.entry("perfecto", 1), Map.entry("excelente", 1), Map.entry("bien", 1), Map.entry("bueno", 1));
    private static final Set<String> EN_NEGATORS = Set.of("not", "never", "no", "dont", "don't", "isnt", "isn't",
            "wasnt", "wasn't", "arent", "aren't", "cant", "can't", "wont", "won't", "didnt", "didn't", "hardly");
    private static final Set<String> ES_NEGATORS = Set.of("no", "nunca", "nada", "tampoco", "jamas", "ni");

    private final Map<String, Integer> lexicon;
    private final Set<String> negators;

    /** A scorer for a BCP 47 language: {@code es*} gets the Spanish lists, anything else English. */
    public static SentimentScorer forLanguage(String language) {
        boolean es = language != null && language.toLowerCase(Locale.ROOT).startsWith("es");
        return new SentimentScorer(es ? ES : EN, es ? ES_NEGATORS : EN_NEGATORS);
    }

    private SentimentScorer(Map<String, Integer> lexicon, Set<String> negators) {
        this.lexicon = lexicon;
        this.negators = negators;
    }

    /** The turn's score: negative is unhappy, 0 neutral or unknown. */
    public int score(String text) {
        String normal = Words.normalise(text);
        if (normal.isEmpty()) {
            return 0;
        }
        String[] words = normal.split(" ");
        int total = 0;
        for (int i = 0; i < words.length; i++) {
            Integer v = lexicon.get(words[i]);
            if (v == null || negators.contains(words[i])) {
                continue;
            }
            boolean negated = i >= 1 && negators.contains(words[i - 1]) || i >= 2 && negators.contains(words[i - 2]);
            total += negated ? -v : v;
        }
        return total;
    }

    public boolean isNegative(String text) {
        return score(text) <= NEGATIVE_THRESHOLD;
    }
}
