package org.voxgate.pipeline.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.provider.TokenUsage;

class CallCostMeterTest {

    private final CallCostMeter meter = new CallCostMeter(PricingTable.defaults());

    private static void assertMoney(BigDecimal actual, String expected) {
        assertThat(actual).isEqualByComparingTo(expected);
    }

    @Test
    void cascadeCallIsPricedExactlyPerComponent() {
        meter.speechToText("deepgram", "nova-3", 45.5);
        meter.speechToText("deepgram", "nova-3", 44.5);                     // 90 s = 1.5 min
        meter.languageModel("openai", "gpt-4o-mini", TokenUsage.text(1_200, 0, 300));
        meter.languageModel("openai", "gpt-4o-mini", TokenUsage.text(1_800, 0, 200));
        meter.textToSpeech("deepgram", "aura-2-thalia-en", 1_234);

        CallCost cost = meter.cost();

        // 1.5 x 0.0048 = 0.0072; 3000 x 0.15/1M = 0.00045; 500 x 0.60/1M = 0.0003; 1234 x 30/1M = 0.03702
        assertThat(cost.lines()).extracting(CostLine::component, CostLine::unit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stt", "audio_seconds"),
                        org.assertj.core.groups.Tuple.tuple("llm", "input_tokens"),
                        org.assertj.core.groups.Tuple.tuple("llm", "output_tokens"),
                        org.assertj.core.groups.Tuple.tuple("tts", "characters"));
        assertMoney(cost.lines().get(0).quantity(), "90");
        assertMoney(cost.lines().get(0).amount(), "0.0072");
        assertMoney(cost.lines().get(1).amount(), "0.00045");
        assertMoney(cost.lines().get(2).amount(), "0.0003");
        assertMoney(cost.lines().get(3).amount(), "0.03702");
        assertMoney(cost.total(), "0.04497");
        assertMoney(cost.byComponent().get("llm"), "0.00075");
        assertThat(cost.warnings()).isEmpty();
        assertThat(cost.lines()).allMatch(CostLine::priced);
    }

    @Test
    void cachedInputIsPricedAtTheCachedRateOnly() {
        meter.languageModel("anthropic", "claude-haiku-4-5-20251001", TokenUsage.text(10_000, 8_000, 1_000));

        CallCost cost = meter.cost();

        // 2000 x $1/1M + 8000 x $0.10/1M + 1000 x $5/1M = 0.002 + 0.0008 + 0.005
        assertThat(cost.lines()).extracting(CostLine::unit)
                .containsExactly("input_tokens", "cached_input_tokens", "output_tokens");
        assertMoney(cost.lines().get(0).quantity(), "2000");
        assertMoney(cost.lines().get(1).amount(), "0.0008");
        assertMoney(cost.total(), "0.0078");
    }

    @Test
    void realtimeAudioAndTextArePricedApartWithCachedAudioCheap() {
        // 60 s of caller audio = 600 tokens, of which 400 cached; 30 s of bot audio = 600 tokens
        meter.realtime("openai", "gpt-realtime", new TokenUsage(200, 600, 400, 50, 600));

        CallCost cost = meter.cost();

        // text: 200 x 4 + 50 x 16 = 0.0008 + 0.0008; audio: 200 x 32 + 400 x 0.40 + 600 x 64
        //   = 0.0064 + 0.00016 + 0.0384
        assertMoney(cost.total(), "0.04656");
        assertThat(cost.lines()).extracting(CostLine::unit).containsExactly("input_tokens", "output_tokens",
                "audio_input_tokens", "cached_audio_input_tokens", "audio_output_tokens");
    }

    @Test
    void geminiLiveUsesItsAudioRates() {
        meter.realtime("google", "gemini-2.5-flash-native-audio-preview-09-2025",
                new TokenUsage(0, 1_920, 0, 0, 1_920));
        // 1920 x 3.00/1M + 1920 x 12.00/1M = 0.00576 + 0.02304
        assertMoney(meter.cost().total(), "0.0288");
    }

    @Test
    void perMinuteRatesKeepTwelveDecimals() {
        meter.speechToText("deepgram", "nova-3", 1.0);
        // 0.0048 / 60 = 0.00008 exactly
        assertMoney(meter.cost().total(), "0.00008");
        CallCostMeter other = new CallCostMeter(PricingTable.empty().with("x", "y", ModelPrice.perMinute("0.01")));
        other.speechToText("x", "y", 1.0);
        assertMoney(other.cost().total(), "0.000166666667"); // 0.01 / 60 rounded half up at 12 places
    }

    @Test
    void unknownModelIsPricedZeroWithAWarning() {
        meter.languageModel("acme", "brain-9", TokenUsage.text(100, 0, 10));
        meter.textToSpeech("local", "espeak", 500);

        CallCost cost = meter.cost();

        assertMoney(cost.total(), "0");
        assertThat(cost.lines()).hasSize(3);
        assertThat(cost.lines().get(0).priced()).isFalse();
        assertThat(cost.lines().get(2).priced()).isTrue(); // local engines are free, not unknown
        assertThat(cost.warnings()).hasSize(2).allMatch(w -> w.contains("acme/brain-9"));
    }

    @Test
    void nothingUsedCostsNothingAndJunkIsIgnored() {
        meter.speechToText("deepgram", "nova-3", Double.NaN);
        meter.speechToText("deepgram", "nova-3", -3);
        meter.textToSpeech("deepgram", "aura-2", 0);
        assertThat(meter.cost()).isEqualTo(new CallCost(BigDecimal.ZERO, List.of(), List.of()));
    }

    @Test
    void tableLookupPrefersExactThenLongestPrefixThenWildcard() {
        PricingTable t = PricingTable.defaults();
        assertThat(t.find("OpenAI", "gpt-4o-mini").orElseThrow().perMillionInput()).isEqualByComparingTo("0.15");
        assertThat(t.find("openai", "gpt-4o-2024-08-06").orElseThrow().perMillionInput()).isEqualByComparingTo("2.50");
        assertThat(t.find("openai", "gpt-4o-mini-2024-07-18").orElseThrow().perMillionInput())
                .isEqualByComparingTo("0.15");
        assertThat(t.find("deepgram", "aura-asteria-en").orElseThrow().perMillionCharacters())
                .isEqualByComparingTo("15");
        assertThat(t.find("deepgram", "aura-2-thalia-en").orElseThrow().perMillionCharacters())
                .isEqualByComparingTo("30");
        assertThat(t.find("deepgram", "whisper")).isEmpty();
        assertThat(t.find("pocketsphinx", "en-us")).contains(ModelPrice.FREE);
    }

    @Test
    void overridesReplaceOnlyTheGivenFields() {
        PricingTable t = PricingTable.defaults()
                .overriding("openai", "gpt-4o-mini", ModelPrice.NONE.with("million-output-tokens", new BigDecimal("0.5")))
                .overriding("acme", "brain-9", ModelPrice.tokens("1", null, "2"));
        ModelPrice mini = t.find("openai", "gpt-4o-mini").orElseThrow();
        assertThat(mini.perMillionInput()).isEqualByComparingTo("0.15");
        assertThat(mini.perMillionOutput()).isEqualByComparingTo("0.5");
        assertThat(t.find("acme", "brain-9")).isPresent();
        assertThatThrownBy(() -> ModelPrice.NONE.with("per-banana", BigDecimal.ONE))
                .hasMessageContaining("per-banana");
        assertThatThrownBy(() -> ModelPrice.NONE.with("audio-minute", new BigDecimal("-1")))
                .hasMessageContaining("negative");
    }

    @Test
    void concurrentReportsAreAllCounted() throws Exception {
        int threads = 8;
        int reports = 1_000;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < reports; i++) {
                        meter.textToSpeech("elevenlabs", "eleven_flash_v2_5", 10);
                        meter.languageModel("openai", "gpt-4o", TokenUsage.text(100, 0, 10));
                    }
                });
            }
        }
        // 80,000 chars x 50/1M = 4; 800,000 in x 2.50/1M = 2; 80,000 out x 10/1M = 0.8
        assertMoney(meter.cost().total(), "6.8");
    }
}
