package org.voxgate.pipeline.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.telemetry.UsageMeter;

/**
 * Accumulates one call's provider usage and prices it exactly with a {@link PricingTable}.
 *
 * <p>Money is {@link BigDecimal} throughout. Per-million rates are exact (a decimal shift);
 * per-minute rates are divided by 60 at 12 decimal places, rounded half up, far below a
 * micro-dollar. Cached input tokens are billed at the cached rate and subtracted from the
 * input billed at the full rate. A realtime model's cached tokens are not split by the SPI's
 * {@link TokenUsage}; they are counted as audio first (the conversation's audio is what the
 * cache holds most of), then text. A model without a price is billed 0 and named in
 * {@link CallCost#warnings()}; it never fails the call.
 *
 * <p>Threading: one meter per call; every method is thread-safe (one short lock, no I/O).
 */
public final class CallCostMeter implements UsageMeter {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private final PricingTable prices;
    /** Usage per component/vendor/model, in first-use order, so lines come out stable. */
    private final Map<Key, Usage> usage = new LinkedHashMap<>();

    public CallCostMeter(PricingTable prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    private record Key(String component, String vendor, String model) {
    }

    private static final class Usage {
        BigDecimal seconds = BigDecimal.ZERO;
        long characters;
        TokenUsage tokens = TokenUsage.NONE;
    }

    @Override
    public void speechToText(String vendor, String model, double audioSeconds) {
        if (!(audioSeconds > 0) || Double.isInfinite(audioSeconds)) {
            return; // nothing billable (NaN and negatives are engine bugs, not money)
        }
        synchronized (this) {
            Usage u = usage("stt", vendor, model);
            u.seconds = u.seconds.add(BigDecimal.valueOf(audioSeconds));
        }
    }

    @Override
    public synchronized void languageModel(String vendor, String model, TokenUsage tokens) {
        Usage u = usage("llm", vendor, model);
        u.tokens = u.tokens.plus(tokens);
    }

    @Override
    public synchronized void textToSpeech(String vendor, String model, long characters) {
        if (characters > 0) {
            usage("tts", vendor, model).characters += characters;
        }
    }

    @Override
    public synchronized void realtime(String vendor, String model, TokenUsage tokens) {
        Usage u = usage("realtime", vendor, model);
        u.tokens = u.tokens.plus(tokens);
    }

    /** The call's cost so far. */
    public synchronized CallCost cost() {
        List<CostLine> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        usage.forEach((key, u) -> {
            Optional<ModelPrice> price = prices.find(key.vendor(), key.model());
            Pricer pricer = new Pricer(key, price.orElse(ModelPrice.NONE), lines, warnings);
            switch (key.component()) {
                case "stt" -> pricer.perMinute(u.seconds);
                case "tts" -> pricer.perMillion(BigDecimal.valueOf(u.characters), "characters",
                        ModelPrice::perMillionCharacters);
                default -> pricer.tokens(u.tokens);
            }
        });
        BigDecimal total = lines.stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CallCost(total, lines, warnings);
    }

    private Usage usage(String component, String vendor, String model) {
        return usage.computeIfAbsent(new Key(component, String.valueOf(vendor), String.valueOf(model)),
                k -> new Usage());
    }

    /** Adds the lines of one component/vendor/model. Confined to {@link #cost()}. */
    private record Pricer(Key key, ModelPrice price, List<CostLine> lines, List<String> warnings) {

        void perMinute(BigDecimal seconds) {
            BigDecimal rate = price.perAudioMinute();
            BigDecimal amount = rate == null ? null
                    : seconds.multiply(rate).divide(SIXTY, 12, RoundingMode.HALF_UP).stripTrailingZeros();
            add(seconds, "audio_seconds", amount);
        }

        void perMillion(BigDecimal quantity, String unit, Function<ModelPrice, BigDecimal> rateOf) {
            BigDecimal rate = rateOf.apply(price);
            add(quantity, unit, rate == null ? null : quantity.multiply(rate).movePointLeft(6).stripTrailingZeros());
        }

        void tokens(TokenUsage t) {
            long cachedAudio = Math.min(t.cachedInputTokens(), t.inputAudioTokens());
            long cachedText = Math.min(t.cachedInputTokens() - cachedAudio, t.inputTextTokens());
            perMillion(BigDecimal.valueOf(t.inputTextTokens() - cachedText), "input_tokens",
                    ModelPrice::perMillionInput);
            perMillion(BigDecimal.valueOf(cachedText), "cached_input_tokens",
                    p -> p.perMillionCachedInput() != null ? p.perMillionCachedInput() : p.perMillionInput());
            perMillion(BigDecimal.valueOf(t.outputTextTokens()), "output_tokens", ModelPrice::perMillionOutput);
            perMillion(BigDecimal.valueOf(t.inputAudioTokens() - cachedAudio), "audio_input_tokens",
                    ModelPrice::perMillionAudioInput);
            perMillion(BigDecimal.valueOf(cachedAudio), "cached_audio_input_tokens",
                    p -> p.perMillionCachedAudioInput() != null ? p.perMillionCachedAudioInput()
                            : p.perMillionAudioInput());
            perMillion(BigDecimal.valueOf(t.outputAudioTokens()), "audio_output_tokens",
                    ModelPrice::perMillionAudioOutput);
        }

        private void add(BigDecimal quantity, String unit, BigDecimal amount) {
            if (quantity.signum() == 0) {
                return;
            }
            if (amount == null) {
                warnings.add("no " + unit + " price for " + key.component() + " " + key.vendor() + "/"
                        + key.model() + "; priced 0");
                lines.add(new CostLine(key.component(), key.vendor(), key.model(), quantity, unit, BigDecimal.ZERO,
                        false));
            } else {
                lines.add(new CostLine(key.component(), key.vendor(), key.model(), quantity, unit, amount, true));
            }
        }
    }
}
