package org.voxgate.pipeline.cost;

import java.math.BigDecimal;

/**
 * One priced quantity of a call's usage. Immutable.
 *
 * @param component {@code stt}, {@code llm}, {@code tts}, {@code realtime}, or {@code review} (the
 *     post-call review's own tokens)
 * @param vendor the provider, as the engine reported it
 * @param model the model, as the engine reported it
 * @param quantity how much was used, in {@code unit}s
 * @param unit {@code audio_seconds}, {@code characters}, {@code input_tokens},
 *     {@code cached_input_tokens}, {@code output_tokens}, {@code audio_input_tokens},
 *     {@code cached_audio_input_tokens} or {@code audio_output_tokens}
 * @param amount US dollars, exact
 * @param priced {@code false} when no price was known and the amount is therefore 0
 */
public record CostLine(String component, String vendor, String model, BigDecimal quantity, String unit,
        BigDecimal amount, boolean priced) {
}
