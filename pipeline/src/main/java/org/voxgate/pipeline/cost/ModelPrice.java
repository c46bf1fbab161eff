package org.voxgate.pipeline.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The list prices of one vendor's model, in US dollars. A field is {@code null} when the model
 * is not billed in that unit. Immutable.
 *
 * <p>Cached input tokens are billed at the cached rate only (never again at the full rate);
 * when a model has no cached rate its cached tokens are billed at the full input rate.
 *
 * @param perAudioMinute speech-to-text, per minute of audio sent
 * @param perMillionCharacters text-to-speech, per million characters
 * @param perMillionInput text input tokens (chat models, and realtime models' text)
 * @param perMillionCachedInput cached text input tokens
 * @param perMillionOutput text output tokens
 * @param perMillionAudioInput realtime audio input tokens
 * @param perMillionCachedAudioInput cached realtime audio input tokens
 * @param perMillionAudioOutput realtime audio output tokens
 */
public record ModelPrice(BigDecimal perAudioMinute, BigDecimal perMillionCharacters, BigDecimal perMillionInput,
        BigDecimal perMillionCachedInput, BigDecimal perMillionOutput, BigDecimal perMillionAudioInput,
        BigDecimal perMillionCachedAudioInput, BigDecimal perMillionAudioOutput) {

    /** Costs nothing in any unit (local engines). */
    public static final ModelPrice FREE = new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /** No price in any unit; the start of a price built with {@link #with}. */
    public static final ModelPrice NONE = new ModelPrice(null, null, null, null, null, null, null, null);

    /** A speech-to-text model billed per audio minute. */
    public static ModelPrice perMinute(String usd) {
        return NONE.with("audio-minute", new BigDecimal(usd));
    }

    /** A text-to-speech model billed per million characters. */
    public static ModelPrice perMillionCharacters(String usd) {
        return NONE.with("million-characters", new BigDecimal(usd));
    }

    /** A text model billed per million tokens; {@code cached} may be null. */
    public static ModelPrice tokens(String input, String cached, String output) {
        return new ModelPrice(null, null, new BigDecimal(input), cached == null ? null : new BigDecimal(cached),
                new BigDecimal(output), null, null, null);
    }

    /** This price with text tokens and audio tokens priced apart (realtime models). */
    public ModelPrice withAudio(String input, String cached, String output) {
        return with("million-audio-input-tokens", new BigDecimal(input))
                .with("million-cached-audio-input-tokens", cached == null ? null : new BigDecimal(cached))
                .with("million-audio-output-tokens", new BigDecimal(output));
    }

    /** The configuration keys of the fields, in declaration order. */
    public static final List<String> KEYS = List.of("audio-minute", "million-characters",
            "million-input-tokens", "million-cached-input-tokens", "million-output-tokens",
            "million-audio-input-tokens", "million-cached-audio-input-tokens", "million-audio-output-tokens");

    /**
     * This price with one field replaced, named by its configuration key (one of {@link #KEYS}).
     *
     * @throws IllegalArgumentException for an unknown key or a negative price
     */
    public ModelPrice with(String key, BigDecimal usd) {
        if (usd != null && usd.signum() < 0) {
            throw new IllegalArgumentException("price " + key + " must not be negative (was " + usd + ")");
        }
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "audio-minute" -> new ModelPrice(usd, perMillionCharacters, perMillionInput, perMillionCachedInput,
                    perMillionOutput, perMillionAudioInput, perMillionCachedAudioInput, perMillionAudioOutput);
            case "million-characters" -> new ModelPrice(perAudioMinute, usd, perMillionInput, perMillionCachedInput,
                    perMillionOutput, perMillionAudioInput, perMillionCachedAudioInput, perMillionAudioOutput);
            case "million-input-tokens" -> new ModelPrice(perAudioMinute, perMillionCharacters, usd,
                    perMillionCachedInput, perMillionOutput, perMillionAudioInput, perMillionCachedAudioInput,
                    perMillionAudioOutput);
            case "million-cached-input-tokens" -> new ModelPrice(perAudioMinute, perMillionCharacters,
                    perMillionInput, usd, perMillionOutput, perMillionAudioInput, perMillionCachedAudioInput,
                    perMillionAudioOutput);
            case "million-output-tokens" -> new ModelPrice(perAudioMinute, perMillionCharacters, perMillionInput,
                    perMillionCachedInput, usd, perMillionAudioInput, perMillionCachedAudioInput,
                    perMillionAudioOutput);
            case "million-audio-input-tokens" -> new ModelPrice(perAudioMinute, perMillionCharacters,
                    perMillionInput, perMillionCachedInput, perMillionOutput, usd, perMillionCachedAudioInput,
                    perMillionAudioOutput);
            case "million-cached-audio-input-tokens" -> new ModelPrice(perAudioMinute, perMillionCharacters,
                    perMillionInput, perMillionCachedInput, perMillionOutput, perMillionAudioInput, usd,
                    perMillionAudioOutput);
            case "million-audio-output-tokens" -> new ModelPrice(perAudioMinute, perMillionCharacters,
                    perMillionInput, perMillionCachedInput, perMillionOutput, perMillionAudioInput,
                    perMillionCachedAudioInput, usd);
            default -> throw new IllegalArgumentException("unknown price '" + key + "'; known: " + KEYS);
        };
    }

    /** Every field that is set in {@code override} replaces this price's. */
    public ModelPrice overriddenBy(ModelPrice override) {
        return new ModelPrice(pick(override.perAudioMinute, perAudioMinute),
                pick(override.perMillionCharacters, perMillionCharacters),
                pick(override.perMillionInput, perMillionInput),
                pick(override.perMillionCachedInput, perMillionCachedInput),
                pick(override.perMillionOutput, perMillionOutput),
                pick(override.perMillionAudioInput, perMillionAudioInput),
                pick(override.perMillionCachedAudioInput, perMillionCachedAudioInput),
                pick(override.perMillionAudioOutput, perMillionAudioOutput));
    }

    private static BigDecimal pick(BigDecimal preferred, BigDecimal fallback) {
        return preferred != null ? preferred : fallback;
    }
}
