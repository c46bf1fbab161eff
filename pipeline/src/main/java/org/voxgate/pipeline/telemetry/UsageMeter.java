package org.voxgate.pipeline.telemetry;

import org.voxgate.pipeline.provider.TokenUsage;

/**
 * Receives what a call used of each provider, in the provider's billing units, taken from the
 * provider's own counts where it reports them. Priced by the cost calculator.
 *
 * <p>Threading: called from provider threads; implementations are thread-safe and never block.
 */
public interface UsageMeter {
    /** Seconds of audio sent to a speech-to-text model. */
    void speechToText(String vendor, String model, double audioSeconds);

    /** Tokens of one language-model response. */
    void languageModel(String vendor, String model, TokenUsage usage);

    /** Characters given to a text-to-speech model. */
    void textToSpeech(String vendor, String model, long characters);

    /** Tokens of one realtime-model response (text and audio apart). */
    void realtime(String vendor, String model, TokenUsage usage);

    /** Discards everything. */
    UsageMeter NONE = new UsageMeter() {
        @Override public void speechToText(String vendor, String model, double audioSeconds) {}
        @Override public void languageModel(String vendor, String model, TokenUsage usage) {}
        @Override public void textToSpeech(String vendor, String model, long characters) {}
        @Override public void realtime(String vendor, String model, TokenUsage usage) {}
    };
}
