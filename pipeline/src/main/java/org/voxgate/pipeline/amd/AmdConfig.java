package org.voxgate.pipeline.amd;

/**
 * Tuning of the frame-driven answering-machine detection, in milliseconds of audio (rounded up
 * to whole 20 ms frames). The model is Asterisk's app_amd and carriers' AMD: a person answers
 * with a short greeting and then waits for the caller; a machine plays a long greeting without
 * pausing for the callee. Immutable; validated on construction.
 *
 * @param initialSilenceMillis no word at all by then: {@link AmdResult#UNSURE}
 *     ({@code initial_silence}); default 2500. A silent answer is as often a person waiting for
 *     the caller to speak as a dead-air machine, so it is not called MACHINE.
 * @param greetingMillis speech in the greeting adding up to this: MACHINE ({@code long_greeting});
 *     default 1500
 * @param afterGreetingSilenceMillis silence after a greeting shorter than that: HUMAN
 *     ({@code short_greeting_then_silence}); default 800
 * @param minWordMillis the shortest voiced stretch counted as a word; default 100
 * @param betweenWordsSilenceMillis the shortest pause that separates two words; default 50
 * @param maxWords more words than this in the greeting: MACHINE ({@code too_many_words}); default 4
 * @param totalAnalysisMillis no decision by then: UNSURE ({@code max_time}); default 5000
 * @param minBeepMillis the shortest steady pure tone (350-2500 Hz) taken for a beep; default 120
 * @param messageSilenceMillis with no beep, this much silence after the greeting means the
 *     machine is recording ({@link MessageCue}); default 1500
 * @param messageMaxWaitMillis the longest {@link MessageCue} waits after the decision before it
 *     says go anyway; default 20000
 */
public record AmdConfig(int initialSilenceMillis, int greetingMillis, int afterGreetingSilenceMillis,
        int minWordMillis, int betweenWordsSilenceMillis, int maxWords, int totalAnalysisMillis, int minBeepMillis,
        int messageSilenceMillis, int messageMaxWaitMillis) {
    /** The documented defaults. */
    public static final AmdConfig DEFAULTS = new AmdConfig(2500, 1500, 800, 100, 50, 4, 5000, 120, 1500, 20_000);

    public AmdConfig {
        positive("initialSilenceMillis", initialSilenceMillis);
        positive("greetingMillis", greetingMillis);
        positive("afterGreetingSilenceMillis", afterGreetingSilenceMillis);
        positive("minWordMillis", minWordMillis);
        positive("betweenWordsSilenceMillis", betweenWordsSilenceMillis);
        positive("maxWords", maxWords);
        positive("minBeepMillis", minBeepMillis);
        positive("messageSilenceMillis", messageSilenceMillis);
        positive("messageMaxWaitMillis", messageMaxWaitMillis);
        if (totalAnalysisMillis < Math.max(initialSilenceMillis, greetingMillis)) {
            throw new IllegalArgumentException("totalAnalysisMillis (" + totalAnalysisMillis
                    + ") must be at least initialSilenceMillis and greetingMillis");
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** {@code millis} as whole 20 ms frames, rounded up. */
    static int frames(int millis) {
        return (millis + 19) / 20;
    }
}
