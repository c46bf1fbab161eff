package org.voxgate.pipeline.provider;

/**
 * Tokens a model billed for one response, as the provider counted them. Input counts include
 * the cached ones; text and audio are kept apart because realtime models price them
 * differently. Immutable.
 */
public record TokenUsage(long inputTextTokens, long inputAudioTokens, long cachedInputTokens,
        long outputTextTokens, long outputAudioTokens) {
    /** Nothing reported. */
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

    /** Text-only usage, as a chat model reports it. */
    public static TokenUsage text(long input, long cachedInput, long output) {
        return new TokenUsage(input, 0, cachedInput, output, 0);
    }

    /** The sum of two usages. */
    public TokenUsage plus(TokenUsage o) {
        return new TokenUsage(inputTextTokens + o.inputTextTokens, inputAudioTokens + o.inputAudioTokens,
                cachedInputTokens + o.cachedInputTokens, outputTextTokens + o.outputTextTokens,
                outputAudioTokens + o.outputAudioTokens);
    }
}
