package org.voxgate.pipeline.offline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the offline bots (espeak-ng voice, pocketsphinx model, turn taking, dialogue
 * timing). Validated once in the constructor: a bad value fails with a message naming the key.
 *
 * <p>Threading: immutable, freely shared.
 *
 * @param espeakBinary the espeak-ng executable
 * @param espeakVoice espeak-ng voice name, for example {@code en-us}
 * @param speechRate speaking rate in words per minute (80-450)
 * @param synthesisTimeout longest one prompt may take to render before espeak-ng is killed
 * @param promptCacheEntries rendered prompts kept in memory
 * @param vadAggressiveness WebRTC VAD mode, 0 (keeps most speech) to 3 (rejects most noise)
 * @param speechStartMillis voiced audio needed before a caller turn starts
 * @param endOfUtteranceMillis silence that ends a caller turn
 * @param maxUtteranceMillis longest caller turn; longer speech is cut and recognised
 * @param preRollMillis audio kept from before the detected start of speech
 * @param stateSilenceTimeout how long the bot waits for an answer before prompting again
 * @param maxAttempts misunderstood or unanswered prompts in one state before the bot says
 *     goodbye and hangs up
 * @param hangupGrace pause after the goodbye has been played out before hanging up
 * @param inboundQueueFrames 20 ms frames buffered between the media thread and the session
 * @param pocketsphinxLibrary path of {@code libpocketsphinx.so.3}
 * @param sphinxbaseLibrary path of {@code libsphinxbase.so.3}
 * @param acousticModel pocketsphinx acoustic model directory (16 kHz)
 * @param dictionary pronunciation dictionary
 */
public record OfflineBotConfig(
        Path espeakBinary,
        String espeakVoice,
        int speechRate,
        Duration synthesisTimeout,
        int promptCacheEntries,
        int vadAggressiveness,
        int speechStartMillis,
        int endOfUtteranceMillis,
        int maxUtteranceMillis,
        int preRollMillis,
        Duration stateSilenceTimeout,
        int maxAttempts,
        Duration hangupGrace,
        int inboundQueueFrames,
        Path pocketsphinxLibrary,
        Path sphinxbaseLibrary,
        Path acousticModel,
        Path dictionary) {

    private static final String PREFIX = "pipeline.offline.";

    public OfflineBotConfig {
        notNull(espeakBinary, "espeakBinary");
        notNull(espeakVoice, "espeakVoice");
        notNull(synthesisTimeout, "synthesisTimeout");
        notNull(stateSilenceTimeout, "stateSilenceTimeout");
        notNull(hangupGrace, "hangupGrace");
        notNull(pocketsphinxLibrary, "pocketsphinxLibrary");
        notNull(sphinxbaseLibrary, "sphinxbaseLibrary");
        notNull(acousticModel, "acousticModel");
        notNull(dictionary, "dictionary");
        check(!espeakVoice.isBlank() && espeakVoice.matches("[A-Za-z0-9_+\\-]+"), "espeakVoice",
                "a voice name such as en-us, was '" + espeakVoice + "'");
        range(speechRate, 80, 450, "speechRate");
        positive(synthesisTimeout, "synthesisTimeout");
        range(promptCacheEntries, 0, 10_000, "promptCacheEntries");
        range(vadAggressiveness, 0, 3, "vadAggressiveness");
        frames(speechStartMillis, 20, 1000, "speechStartMillis");
        frames(endOfUtteranceMillis, 100, 5000, "endOfUtteranceMillis");
        frames(maxUtteranceMillis, 1000, 60_000, "maxUtteranceMillis");
        frames(preRollMillis, 0, 2000, "preRollMillis");
        positive(stateSilenceTimeout, "stateSilenceTimeout");
        range(maxAttempts, 1, 10, "maxAttempts");
        check(!hangupGrace.isNegative(), "hangupGrace", "must not be negative");
        range(inboundQueueFrames, 5, 100_000, "inboundQueueFrames");
    }

    /** The documented defaults: Debian install paths, en-us voice at 150 wpm. */
    public static OfflineBotConfig defaults() {
        return new OfflineBotConfig(
                Path.of("/usr/bin/espeak-ng"), "en-us", 150, Duration.ofSeconds(10), 64,
                2, 100, 700, 10_000, 300,
                Duration.ofSeconds(8), 3, Duration.ofMillis(300), 50,
                Path.of("/usr/lib/x86_64-linux-gnu/libpocketsphinx.so.3"),
                Path.of("/usr/lib/x86_64-linux-gnu/libsphinxbase.so.3"),
                Path.of("/usr/share/pocketsphinx/model/en-us/en-us"),
                Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"));
    }

    public OfflineBotConfig withStateSilenceTimeout(Duration timeout) {
        return new OfflineBotConfig(espeakBinary, espeakVoice, speechRate, synthesisTimeout,
                promptCacheEntries, vadAggressiveness, speechStartMillis, endOfUtteranceMillis,
                maxUtteranceMillis, preRollMillis, timeout, maxAttempts, hangupGrace,
                inboundQueueFrames, pocketsphinxLibrary, sphinxbaseLibrary, acousticModel, dictionary);
    }

    public OfflineBotConfig withInboundQueueFrames(int frames) {
        return new OfflineBotConfig(espeakBinary, espeakVoice, speechRate, synthesisTimeout,
                promptCacheEntries, vadAggressiveness, speechStartMillis, endOfUtteranceMillis,
                maxUtteranceMillis, preRollMillis, stateSilenceTimeout, maxAttempts, hangupGrace,
                frames, pocketsphinxLibrary, sphinxbaseLibrary, acousticModel, dictionary);
    }

    public OfflineBotConfig withEspeakBinary(Path binary) {
        return new OfflineBotConfig(binary, espeakVoice, speechRate, synthesisTimeout,
                promptCacheEntries, vadAggressiveness, speechStartMillis, endOfUtteranceMillis,
                maxUtteranceMillis, preRollMillis, stateSilenceTimeout, maxAttempts, hangupGrace,
                inboundQueueFrames, pocketsphinxLibrary, sphinxbaseLibrary, acousticModel, dictionary);
    }

    public OfflineBotConfig withPocketsphinxLibrary(Path library) {
        return new OfflineBotConfig(espeakBinary, espeakVoice, speechRate, synthesisTimeout,
                promptCacheEntries, vadAggressiveness, speechStartMillis, endOfUtteranceMillis,
                maxUtteranceMillis, preRollMillis, stateSilenceTimeout, maxAttempts, hangupGrace,
                inboundQueueFrames, library, sphinxbaseLibrary, acousticModel, dictionary);
    }

    private static void notNull(Object value, String key) {
        Objects.requireNonNull(value, PREFIX + key + " is required");
    }

    private static void check(boolean ok, String key, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(PREFIX + key + ": " + rule);
        }
    }

    private static void range(int value, int min, int max, String key) {
        check(value >= min && value <= max, key, "must be " + min + "-" + max + ", was " + value);
    }

    private static void frames(int millis, int min, int max, String key) {
        range(millis, min, max, key);
        // Turn taking counts whole 20 ms frames.
        check(millis % 20 == 0, key, "must be a multiple of 20 ms, was " + millis);
    }

    private static void positive(Duration value, String key) {
        check(!value.isNegative() && !value.isZero(), key, "must be positive, was " + value);
    }
}
