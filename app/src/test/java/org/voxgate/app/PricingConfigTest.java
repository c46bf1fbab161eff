package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.pipeline.cost.PricingTable;

class PricingConfigTest {

    @TempDir
    Path dir;

    private PricingTable load(String yaml) throws Exception {
        Path file = dir.resolve("voxgate.yaml");
        Files.writeString(file, yaml);
        return VoxgateConfig.from(ConfigTree.load(file, Map.of())).pricing();
    }

    @Test
    void defaultsAreTheBuiltInListPrices() {
        PricingTable prices = VoxgateConfig.from(ConfigTree.load(null, Map.of())).pricing();
        assertThat(prices.find("deepgram", "nova-3").orElseThrow().perAudioMinute()).isEqualByComparingTo("0.0048");
        assertThat(prices.find("openai", "gpt-realtime").orElseThrow().perMillionAudioOutput())
                .isEqualByComparingTo("64");
        assertThat(prices.find("elevenlabs", "eleven_multilingual_v2").orElseThrow().perMillionCharacters())
                .isEqualByComparingTo("100");
    }

    @Test
    void overridesReplaceOnlyTheNamedPricesAndAddModels() throws Exception {
        PricingTable prices = load("""
                pricing:
                  deepgram:
                    nova-3: { audio-minute: 0.0042 }
                  openai:
                    gpt-realtime-1.5: { million-audio-output-tokens: "60" }
                  acme:
                    "*": { million-input-tokens: 0.0001, million-output-tokens: 2 }
                """);
        assertThat(prices.find("deepgram", "nova-3").orElseThrow().perAudioMinute()).isEqualByComparingTo("0.0042");
        assertThat(prices.find("openai", "gpt-realtime-1.5").orElseThrow().perMillionAudioOutput())
                .isEqualByComparingTo("60");
        assertThat(prices.find("openai", "gpt-realtime-1.5").orElseThrow().perMillionAudioInput())
                .isEqualByComparingTo("32");
        assertThat(prices.find("acme", "anything").orElseThrow().perMillionInput()).isEqualByComparingTo("0.0001");
        assertThat(prices.find("anthropic", "claude-sonnet-4-5").orElseThrow().perMillionCachedInput())
                .isEqualByComparingTo("0.30");
    }

    @Test
    void badEntriesNameTheirKey() {
        assertThatThrownBy(() -> load("pricing:\n  deepgram:\n    nova-3: { per-minute: 1 }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pricing.deepgram.nova-3.per-minute");
        assertThatThrownBy(() -> load("pricing:\n  deepgram:\n    nova-3: { audio-minute: cheap }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pricing.deepgram.nova-3.audio-minute");
        assertThatThrownBy(() -> load("pricing:\n  deepgram:\n    nova-3: { audio-minute: -1 }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> load("pricing:\n  deepgram: [nova-3]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pricing.deepgram must be a mapping");
        assertThatThrownBy(() -> load("pricing:\n  deepgram:\n    nova-3: 0.0048\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pricing.deepgram.nova-3 must be a mapping");
    }
}
