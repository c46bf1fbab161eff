package org.voxgate.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One priced quantity of a call's provider usage, in US dollars. Immutable.
 *
 * <p>Numbers are normalized to what the store keeps (quantity to 6 decimal places, amount to
 * 12, half up, trailing zeros stripped), so a record equals itself read back.
 *
 * @param component {@code stt}, {@code llm}, {@code tts}, {@code realtime}, or {@code review} (the
 *     post-call review's own tokens)
 * @param vendor the provider
 * @param model the model
 * @param quantity how much was used, in {@code unit}s
 * @param unit for example {@code audio_seconds}, {@code characters}, {@code input_tokens}
 * @param amount what it cost
 * @param priced {@code false} when no price was known and the amount is 0
 */
public record CallCostLine(String component, String vendor, String model, BigDecimal quantity, String unit,
        BigDecimal amount, boolean priced) {

    public CallCostLine {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(unit, "unit");
        quantity = quantity.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        amount = amount.setScale(12, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
