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
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.echo");
    }
}
