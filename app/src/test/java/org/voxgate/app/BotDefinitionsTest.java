package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bots.agents and the audiosocket section: parsed, defaulted, and refused with the key named. */
class BotDefinitionsTest {
    @TempDir
    Path dir;

    private VoxgateConfig load(String yaml) throws Exception {
        Path file = dir.resolve("voxgate.yaml");
        Files.writeString(file, yaml);
        return VoxgateConfig.from(ConfigTree.load(file, Map.of()));
    }

    @Test
    void defaultsHaveNoAgentsAndAudioSocketOff() {
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(null, Map.of()));
        assertThat(config.agents()).isEmpty();
        assertThat(config.audioSocket()).isEqualTo(new AudioSocketConfig(false, "127.0.0.1", 9092, ""));
        VoxgateConfig env = VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_AUDIOSOCKET_ENABLED", "true",
                "VOXGATE_AUDIOSOCKET_PORT", "0", "VOXGATE_AUDIOSOCKET_BOT", "Echo")));
        assertThat(env.audioSocket()).isEqualTo(new AudioSocketConfig(true, "127.0.0.1", 0, "echo"));
    }

    @Test
    void bridgeCascadeAndRealtimeAgentsAreRead() throws Exception {
        VoxgateConfig config = load("""
                bots:
                  agents:
                    Support:
                      mode: bridge
                      bridge:
                        url: wss://bots.example.com/twilio
                        parameters: { tenant: acme, tier: 2 }
                    helper:
                      mode: cascade
                      stt: { vendor: deepgram }
                    live:
                      mode: realtime
                """);
        assertThat(config.agents()).extracting(BotDefinition::name).containsExactly("support", "helper", "live");
        assertThat(config.agents()).extracting(BotDefinition::mode).containsExactly("bridge", "cascade", "realtime");
        assertThat(config.agents().get(1).settings()).containsEntry("stt", Map.of("vendor", "deepgram"));
        var bridge = BotDefinitions.bridge(config.agents().get(0));
        assertThat(bridge.url().toString()).isEqualTo("wss://bots.example.com/twilio");
        assertThat(bridge.parameters()).containsExactly(Map.entry("tenant", "acme"), Map.entry("tier", "2"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> load("bots: { agents: { b: { mode: bridge, bridge: { url: http://x/ } } } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.b.bridge.url")
                .hasMessageContaining("ws:// or wss://");
        assertThatThrownBy(() -> load("bots: { agents: { b: { mode: bridge } } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.b.bridge");
        assertThatThrownBy(() -> load("bots: { agents: { b: { mode: magic } } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.b.mode");
        assertThatThrownBy(() -> load("bots: { agents: { b: { mode: bridge, bridge: { url: ws://x/, token: 1 } } } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.b.bridge.token");
        assertThatThrownBy(() -> load("bots: { agents: { \"a b\": { mode: bridge } } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.a b");
        assertThatThrownBy(() -> load("audiosocket: { port: 70000 }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("audiosocket.port");
    }

    @Test
    void anAgentMayNotTakeABuiltInName() throws Exception {
        VoxgateConfig config = load("bots: { agents: { echo: { mode: bridge, bridge: { url: ws://127.0.0.1:1/ } } } }");
        org.voxgate.pipeline.Bot echo = new org.voxgate.pipeline.offline.EchoBot();
        assertThatThrownBy(() -> AgentBots.build(config.agents(), java.util.List.of(echo),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), catalog(config, Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.echo");
    }

    private static ProviderCatalog catalog(VoxgateConfig config, Map<String, String> env) {
        return new ProviderCatalog(config.providers(), env, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                config.offlineBots());
    }

    private static final String CASCADE = """
            bots:
              agents:
                concierge:
                  mode: cascade
                  prompt: You are the front desk of a dental clinic.
                  greeting: Hello, how can I help?
                  stt: [{vendor: deepgram, model: nova-3, language: en-US}]
                  llm: [{vendor: openai, model: gpt-4o-mini}, {vendor: anthropic, model: claude-haiku-4-5}]
                  tts: {vendor: deepgram, model: aura-2-thalia-en}
                  max-tokens: 300
                  turn-taking: {min-silence-ms: 250, max-silence-ms: 900, barge-in-min-words: 2}
                voice:
                  mode: realtime
                  prompt: Be brief.
                  realtime: {vendor: openai, model: gpt-realtime, voice: marin}
            """;

    @Test
    void cascadeAndRealtimeBotsAreBuiltWithTheirProvidersAndSettings() throws Exception {
        VoxgateConfig config = load(CASCADE);
        Map<String, String> keys = Map.of("DEEPGRAM_API_KEY", "dg", "OPENAI_API_KEY", "oa", "ANTHROPIC_API_KEY", "an");
        java.util.List<org.voxgate.pipeline.Bot> bots = AgentBots.build(config.agents(), java.util.List.of(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), catalog(config, keys));
        assertThat(bots).extracting(org.voxgate.pipeline.Bot::name).containsExactly("concierge", "voice");
        var cascade = (org.voxgate.pipeline.cascade.CascadeBot) bots.get(0);
        assertThat(cascade.settings().maxTokens()).isEqualTo(300);
        assertThat(cascade.settings().turnTaking().minSilenceMs()).isEqualTo(250);
        assertThat(cascade.settings().turnTaking().bargeInMinWords()).isEqualTo(2);
        assertThat(cascade.settings().greeting()).isEqualTo("Hello, how can I help?");
        assertThat(bots.get(1)).isInstanceOf(org.voxgate.pipeline.realtime.RealtimeBot.class);
    }

    @Test
    void aCascadeBotsMistakesNameTheirKey() throws Exception {
        VoxgateConfig config = load(CASCADE);
        assertThatThrownBy(() -> AgentBots.build(config.agents(), java.util.List.of(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), catalog(config, Map.of("OPENAI_API_KEY", "oa"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bots.agents.concierge.stt[0]").hasMessageContaining("DEEPGRAM_API_KEY");
        VoxgateConfig typo = load(CASCADE.replace("max-tokens: 300", "max-tokenz: 300"));
        assertThatThrownBy(() -> AgentBots.build(typo.agents(), java.util.List.of(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), catalog(typo, Map.of())))
                .hasMessageContaining("bots.agents.concierge.max-tokenz");
        VoxgateConfig badTurn = load(CASCADE.replace("max-silence-ms: 900", "max-silence-ms: 100"));
        Map<String, String> keys = Map.of("DEEPGRAM_API_KEY", "dg", "OPENAI_API_KEY", "oa", "ANTHROPIC_API_KEY", "an");
        assertThatThrownBy(() -> AgentBots.build(badTurn.agents(), java.util.List.of(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), catalog(badTurn, keys)))
                .hasMessageContaining("bots.agents.concierge.turn-taking").hasMessageContaining("maxSilenceMs");
        VoxgateConfig noStt = load(CASCADE.replace("stt: [{vendor: deepgram, model: nova-3, language: en-US}]", ""));
        assertThatThrownBy(() -> AgentBots.build(noStt.agents(), java.util.List.of(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), catalog(noStt, keys)))
                .hasMessageContaining("bots.agents.concierge.stt must be set");
    }
}
