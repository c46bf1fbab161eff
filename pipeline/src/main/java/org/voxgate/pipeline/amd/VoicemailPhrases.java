package org.voxgate.pipeline.amd;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Says whether a transcript is a voicemail greeting, by phrases that people answering their
 * own phone do not say (English and Spanish). Phrases that a receptionist or a busy person
 * may well say ("you've reached Acme", "can I call you back") are left to the language model.
 *
 * <p>Threading: stateless and thread-safe.
 */
final class VoicemailPhrases {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z0-9]+");

    /** Normalised: lower case, no accents, words separated by one space ("can't" is "can t"). */
    private static final List<String> PHRASES = List.of(
            // English
            "leave a message", "leave your message", "leave me a message", "leave us a message",
            "leave your name", "leave a voicemail", "leave a brief message", "leave a short message",
            "not available", "unavailable", "after the tone", "after the beep", "at the tone", "at the beep",
            "voicemail", "voice mail", "mailbox", "record your message", "can t take your call",
            "cannot take your call", "can t come to the phone", "unable to take your call",
            "not able to take your call", "not here right now", "not home right now", "currently closed",
            "press pound", "hang up or press",
            // Spanish
            "deje su mensaje", "deja tu mensaje", "deje un mensaje", "deja un mensaje", "dejar un mensaje",
            "dejenos un mensaje", "dejame un mensaje", "deje su nombre", "grabe su mensaje", "no esta disponible",
            "no se encuentra disponible", "fuera de servicio", "despues del tono", "despues de la senal",
            "tras la senal", "al oir la senal", "buzon de voz", "contestador", "no puedo atender",
            "no podemos atender");

    private VoicemailPhrases() {}

    /** The first voicemail phrase in {@code transcript}, or null. */
    static String find(String transcript) {
        String text = " " + normalise(transcript) + " ";
        for (String phrase : PHRASES) {
            if (text.contains(" " + phrase + " ")) {
                return phrase;
            }
        }
        return null;
    }

    static String normalise(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NOT_LETTERS.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}
