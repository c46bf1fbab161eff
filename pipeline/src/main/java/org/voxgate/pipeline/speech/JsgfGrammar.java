package org.voxgate.pipeline.speech;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds a JSGF grammar whose sentences are the given phrases, optionally wrapped in the
 * polite lead-ins and endings callers put around them ("I would like to book an
 * appointment, please"). Without those, a constrained decoder forces a longer sentence onto
 * whichever short phrase fits least badly, which can be the opposite of what was meant.
 */
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
        return "#JSGF V1.0;\ngrammar voxgate;\n"
                + "<lead> = i would like to | i would like | i want to | i need to | can i | i'd like to | please ;\n"
                + "<tail> = please | thank you ;\n"
                + "public <phrase> = [ <lead> ] ( " + String.join(" | ", alternatives) + " ) [ <tail> ] ;\n";
    }

    /** Lower case words only: JSGF syntax characters and punctuation are dropped. */
    static String normalise(String phrase) {
        return phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").trim().replaceAll("\\s+", " ");
    }
}
