package org.voxgate.pipeline.turn;

import java.util.Set;

/**
 * Decides whether caller speech over the bot is a real interruption.
 *
 * <p>When the caller starts speaking over an interruptible reply the engine pauses the bot at once
 * (so it yields within a frame) and asks this policy, frame by frame and transcript by transcript,
 * until it says {@link Decision#INTERRUPT} (the reply is abandoned) or {@link Decision#RESUME}
 * (a false alarm: the caller stopped before the thresholds were met, or only backchannelled,
 * so the bot carries on from where it was paused). Words are counted from the transcript with
 * backchannels ("uh-huh", "okay") left out; a cough has no words at all.
 *
 * <p>Threading: not thread-safe; owned by one call's engine. Stateless apart from settings.
 */
public final class BargeInPolicy {
    /** What to do with the bot's paused reply. */
    public enum Decision { WAIT, INTERRUPT, RESUME }

    private final TurnTakingSettings settings;

    public BargeInPolicy(TurnTakingSettings settings) {
        this.settings = settings;
    }

    /** True when speech onset alone interrupts (no minimums configured). */
    public boolean immediate() {
        return settings.bargeInMinSpeechMs() == 0 && settings.bargeInMinWords() == 0;
    }

    /**
     * @param voicedMs voiced caller audio since the onset
     * @param stillSpeaking whether the endpointer still hears the caller's speech
     * @param silenceMs silence since the caller's last voiced frame
     * @param transcript what the caller has said so far over the bot
     */
    public Decision decide(int voicedMs, boolean stillSpeaking, int silenceMs, String transcript) {
        int words = realWords(transcript);
        boolean onlyBackchannel = words == 0 && !transcript.isBlank();
        boolean speechOk = voicedMs >= settings.bargeInMinSpeechMs();
        boolean wordsOk = words >= settings.bargeInMinWords();
        boolean qualifies;
        if (settings.bargeInNeedsBoth() || immediate()) {
            qualifies = speechOk && wordsOk;
        } else {
            qualifies = (settings.bargeInMinSpeechMs() > 0 && speechOk)
                    || (settings.bargeInMinWords() > 0 && wordsOk);
        }
        if (qualifies && !onlyBackchannel) {
            return Decision.INTERRUPT;
        }
        // the words of short speech arrive after it: wait for them through the minimum silence
        if (!stillSpeaking || silenceMs >= settings.minSilenceMs()) {
            return Decision.RESUME;
        }
        return Decision.WAIT;
    }

    /** Words of {@code transcript} that are not backchannels (phrases up to three words matched first). */
    public int realWords(String transcript) {
        String norm = TurnTakingSettings.normalize(transcript);
        if (norm.isEmpty()) {
            return 0;
        }
        Set<String> back = settings.backchannels();
        String[] tokens = norm.split(" ");
        int count = 0;
        int i = 0;
        while (i < tokens.length) {
            int matched = 0;
            for (int len = Math.min(3, tokens.length - i); len >= 1 && matched == 0; len--) {
                if (back.contains(String.join(" ", java.util.Arrays.copyOfRange(tokens, i, i + len)))) {
                    matched = len;
                }
            }
            if (matched == 0) {
                count++;
                i++;
            } else {
                i += matched;
            }
        }
        return count;
    }
}
