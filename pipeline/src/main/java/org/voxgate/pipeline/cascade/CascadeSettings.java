package org.voxgate.pipeline.cascade;

import org.voxgate.pipeline.turn.TurnTakingSettings;

/**
 * How a cascade bot talks, validated once. Immutable.
 *
 * @param systemPrompt the model's instructions (empty for none)
 * @param greeting what the bot says when the call starts (empty: it waits for the caller)
 * @param greetingUninterruptible {@code true} when the greeting must be heard whole (a legal
 *     disclosure such as "this call is recorded"): caller speech does not cut it
 * @param turnTaking endpointing and barge-in
 * @param maxTokens the model's output limit per completion
 * @param temperature sampling temperature, or {@code null} for the provider's default
 * @param maxToolRounds completions one reply may chain through tool calls before it must answer
 * @param finalWaitMs after the turn ends, how long to wait for the provider's final transcript
 *     of words it still holds before answering with what it has
 * @param minClauseChars the shortest clause sent to speech at a comma
 * @param queueFrames the most data frames queued for the call's engine
 */
public record CascadeSettings(String systemPrompt, String greeting, boolean greetingUninterruptible,
        TurnTakingSettings turnTaking, int maxTokens, Double temperature, int maxToolRounds, int finalWaitMs,
        int minClauseChars, int queueFrames) {

    public CascadeSettings {
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        greeting = greeting == null ? "" : greeting.strip();
        turnTaking = turnTaking == null ? TurnTakingSettings.defaults() : turnTaking;
        check(maxTokens > 0 && maxTokens <= 32000, "maxTokens must be 1-32000, was " + maxTokens);
        check(temperature == null || (temperature >= 0 && temperature <= 2), "temperature must be 0-2, was " + temperature);
        check(maxToolRounds >= 0 && maxToolRounds <= 16, "maxToolRounds must be 0-16, was " + maxToolRounds);
        check(finalWaitMs >= 0 && finalWaitMs <= 5000, "finalWaitMs must be 0-5000, was " + finalWaitMs);
        check(minClauseChars >= 1 && minClauseChars <= 500, "minClauseChars must be 1-500, was " + minClauseChars);
        check(queueFrames >= 64 && queueFrames <= 65536, "queueFrames must be 64-65536, was " + queueFrames);
    }

    /**
     * Defaults around a prompt and greeting: default turn-taking, 400 tokens, provider temperature,
     * 4 tool rounds, 500 ms final-transcript wait, clauses of 24+ characters at commas, 4096 frames.
     */
    public static CascadeSettings of(String systemPrompt, String greeting) {
        return new CascadeSettings(systemPrompt, greeting, false, TurnTakingSettings.defaults(), 400, null, 4,
                500, 24, 4096);
    }

    public CascadeSettings withTurnTaking(TurnTakingSettings t) {
        return new CascadeSettings(systemPrompt, greeting, greetingUninterruptible, t, maxTokens, temperature,
                maxToolRounds, finalWaitMs, minClauseChars, queueFrames);
    }

    public CascadeSettings withGreetingUninterruptible(boolean on) {
        return new CascadeSettings(systemPrompt, greeting, on, turnTaking, maxTokens, temperature,
                maxToolRounds, finalWaitMs, minClauseChars, queueFrames);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
