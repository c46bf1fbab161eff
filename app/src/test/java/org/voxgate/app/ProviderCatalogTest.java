package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.ProviderSettings;

/** The providers section and the clients made from it. */
class ProviderCatalogTest {
    private static ProvidersConfig config(Map<String, String> env) {
        return VoxgateConfig.from(ConfigTree.load(null, env)).providers();
    }

    @Test
    void defaultsPointAtTheVendorsAndNameTheirKeyVariables() {
        ProvidersConfig providers = config(Map.of());
        assertThat(providers.endpoint("deepgram").baseUrl()).isEqualTo("wss://api.deepgram.com");
        assertThat(providers.endpoint("openai").baseUrl()).isEqualTo("https://api.openai.com");
        assertThat(providers.endpoint("openai").realtimeUrl()).isEqualTo("wss://api.openai.com");
        assertThat(providers.endpoint("anthropic").apiKeyEnv()).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(providers.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(providers.retry().maxAttempts()).isEqualTo(3);
    }

    @Test
    void aBaseUrlCanPointAtALocalFakeAndABadOneNamesItsKey() {
        assertThat(config(Map.of("VOXGATE_PROVIDERS_OPENAI_BASE_URL", "http://127.0.0.1:4010/"))
                .endpoint("openai").baseUrl()).isEqualTo("http://127.0.0.1:4010");
        assertThatThrownBy(() -> config(Map.of("VOXGATE_PROVIDERS_DEEPGRAM_BASE_URL", "api.deepgram.com")))
                .hasMessageContaining("providers.deepgram.base-url");
    }

    @Test
    void theKeyComesFromTheEnvironmentAndIsNeverShown() {
        ProviderCatalog catalog = new ProviderCatalog(config(Map.of()), Map.of("OPENAI_API_KEY", "sk-secret"),
                new SimpleMeterRegistry(), null);
        LanguageModel model = catalog.languageModel("bots.agents.a.llm[0]", "openai", "gpt-4o-mini", Map.of());
        assertThat(model.vendor()).isEqualTo("openai");
        assertThat(model.model()).isEqualTo("gpt-4o-mini");
        ProviderSettings settings = catalog.settings("k", "openai", false, "m", Map.of());
        assertThat(settings.apiKey()).isEqualTo("sk-secret");
        assertThat(settings.toString()).doesNotContain("sk-secret");
    }

    @Test
    void aMissingKeyOrAnUnknownVendorStopsStartUpNamingTheKey() {
        ProviderCatalog catalog = new ProviderCatalog(config(Map.of()), Map.of(), new SimpleMeterRegistry(), null);
        assertThatThrownBy(() -> catalog.languageModel("bots.agents.a.llm[0]", "anthropic", "claude-haiku-4-5", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bots.agents.a.llm[0]").hasMessageContaining("ANTHROPIC_API_KEY");
        assertThatThrownBy(() -> catalog.languageModel("bots.agents.a.llm[0]", "mistral", "x", Map.of()))
                .hasMessageContaining("bots.agents.a.llm[0].vendor");
    }

    @Test
    void oneGuardPerVendorAndKind() {
        ProviderCatalog catalog = new ProviderCatalog(config(Map.of()), Map.of(), new SimpleMeterRegistry(), null);
        assertThat(catalog.guard("openai", "llm")).isSameAs(catalog.guard("openai", "llm"))
                .isNotSameAs(catalog.guard("openai", "realtime"));
    }

    @Test
    void aLocalVoiceTakesItsOwnEspeakVoiceAndSpeed() {
        ProviderCatalog catalog = new ProviderCatalog(config(Map.of()), Map.of(), new SimpleMeterRegistry(),
                org.voxgate.pipeline.offline.OfflineBotConfig.defaults());
        var standard = catalog.synthesizer("k", Map.of());
        assertThat(catalog.synthesizer("k", Map.of("speed", "1.0"))).isSameAs(standard);
        var fast = catalog.synthesizer("k", Map.of("speed", "2"));
        assertThat(catalog.synthesizer("k", Map.of("speed", "2.0"))).isSameAs(fast);
        assertThat(catalog.synthesizer("k", Map.of("voice", "es"))).isNotSameAs(standard);
        String text = "Your appointment is booked for tomorrow at ten in the morning.";
        assertThat(fast.synthesize(text).length).isLessThan(standard.synthesize(text).length * 3 / 4);
        assertThatThrownBy(() -> catalog.synthesizer("bot x /voice/tts", Map.of("speed", "3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bot x /voice/tts.speed");
    }
}
