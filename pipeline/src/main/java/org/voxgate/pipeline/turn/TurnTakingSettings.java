package org.voxgate.pipeline.turn;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A bot's turn-taking and barge-in settings, validated once. Immutable.
 *
 * @param vadMode WebRTC VAD aggressiveness, 0 (hears most as speech) to 3 (strictest)
 * @param speechOnsetMs voiced audio needed, in a row, before the caller counts as speaking
 * @param minSilenceMs silence that ends a turn whose final transcript already ends a sentence
 * @param maxSilenceMs silence that ends a turn whatever the transcript says (at least minSilenceMs)
 * @param bargeInMinSpeechMs voiced caller audio over the bot before it yields (0: no minimum)
 * @param bargeInMinWords transcribed words, backchannels not counted, before the bot yields (0: no minimum)
 * @param bargeInNeedsBoth {@code true}: both minimums must be met (coughs and "uh-huh" never
 *     interrupt); {@code false}: either one is enough
 * @param backchannels words and phrases that acknowledge rather than interrupt ("uh-huh",
 *     "okay"), compared lower-case without punctuation
 * @param deadAirMs the bot's silence, while the caller waits for its answer, that counts as dead air
 */
public record TurnTakingSettings(int vadMode, int speechOnsetMs, int minSilenceMs, int maxSilenceMs,
        int bargeInMinSpeechMs, int bargeInMinWords, boolean bargeInNeedsBoth, Set<String> backchannels,
        int deadAirMs) {

    /** Words that acknowledge the bot without taking the turn. */
    public static final Set<String> DEFAULT_BACKCHANNELS = Set.of("uh-huh", "uh huh", "mm-hmm", "mm hmm", "mhm",
            "hmm", "okay", "ok", "yeah", "yep", "right", "sure", "i see", "got it", "alright");

    public TurnTakingSettings {
        check(vadMode >= 0 && vadMode <= 3, "vadMode must be 0-3, was " + vadMode);
        check(speechOnsetMs >= 20 && speechOnsetMs <= 1000, "speechOnsetMs must be 20-1000, was " + speechOnsetMs);
        check(minSilenceMs >= 60 && minSilenceMs <= 5000, "minSilenceMs must be 60-5000, was " + minSilenceMs);
        check(maxSilenceMs >= minSilenceMs && maxSilenceMs <= 10000,
                "maxSilenceMs must be between minSilenceMs and 10000, was " + maxSilenceMs);
        check(bargeInMinSpeechMs >= 0 && bargeInMinSpeechMs <= 5000,
                "bargeInMinSpeechMs must be 0-5000, was " + bargeInMinSpeechMs);
        check(bargeInMinWords >= 0 && bargeInMinWords <= 20, "bargeInMinWords must be 0-20, was " + bargeInMinWords);
        check(deadAirMs >= 500 && deadAirMs <= 60000, "deadAirMs must be 500-60000, was " + deadAirMs);
        backchannels = backchannels == null ? DEFAULT_BACKCHANNELS
                : backchannels.stream().map(TurnTakingSettings::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Defaults: VAD mode 2, onset 60 ms, end of turn after 300 ms of silence when the sentence is
     * complete and after 1000 ms otherwise, barge-in after 200 ms of speech and one real word,
     * dead air after 3 s.
     */
    public static TurnTakingSettings defaults() {
        return new TurnTakingSettings(2, 60, 300, 1000, 200, 1, true, DEFAULT_BACKCHANNELS, 3000);
    }

    /** Lower case, punctuation other than inner hyphens and apostrophes removed, spaces collapsed. */
    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}'\\- ]", " ").replaceAll("\\s+", " ").trim();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
