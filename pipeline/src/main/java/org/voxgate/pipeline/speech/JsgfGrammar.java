package org.voxgate.pipeline.speech;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds a one-rule JSGF grammar whose sentences are exactly the given phrases. */
final class JsgfGrammar {
    private JsgfGrammar() {}

    static String of(List<String> phrases) {
        Set<String> alternatives = new LinkedHashSet<>();
        for (String phrase : phrases) {
            String words = normalise(phrase);
            if (!words.isEmpty()) {
                alternatives.add(words);
            }
        }
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a grammar needs at least one phrase with words");
        }
        return "#JSGF V1.0;\ngrammar voxgate;\npublic <phrase> = " + String.join(" | ", alternatives) + " ;\n";
    }

    /** Lower case words only: JSGF syntax characters and punctuation are dropped. */
    static String normalise(String phrase) {
        return phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").trim().replaceAll("\\s+", " ");
    }
}
