package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxgate.media.Codec;

class CodecPreferencesTest {
    private final CodecPreferences prefs = new CodecPreferences(List.of(Codec.PCMA, Codec.PCMU),
            Map.of("echo", List.of(Codec.OPUS, Codec.PCMU)));

    @Test
    void withoutTrunkTheBotsListElseTheNodes() {
        assertThat(prefs.choose("Echo", null)).containsExactly(Codec.OPUS, Codec.PCMU);
        assertThat(prefs.choose("receptionist", null)).containsExactly(Codec.PCMA, Codec.PCMU);
    }

    @Test
    void throughATrunkTheBotsOrderLimitedToWhatTheTrunkAllows() {
        assertThat(prefs.choose("echo", List.of("PCMA", "PCMU", "OPUS"))).containsExactly(Codec.OPUS, Codec.PCMU);
        assertThat(prefs.choose("echo", List.of("PCMA", "PCMU"))).containsExactly(Codec.PCMU);
        // nothing of the bot's list allowed: the trunk's list, so the call still connects
        assertThat(prefs.choose("echo", List.of("PCMA"))).containsExactly(Codec.PCMA);
        // a bot without a list: the trunk's own order
        assertThat(prefs.choose("receptionist", List.of("OPUS", "PCMA"))).containsExactly(Codec.OPUS, Codec.PCMA);
    }

    @Test
    void configIsReadAndBadListsNameTheirKey() {
        VoxgateConfig defaults = VoxgateConfig.from(ConfigTree.load(null, Map.of()));
        assertThat(defaults.codecs().node()).containsExactly(Codec.PCMU, Codec.PCMA, Codec.OPUS);
        assertThat(defaults.codecs().perBot()).isEmpty();
        VoxgateConfig env = VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_RTP_CODECS", "opus, PCMA")));
        assertThat(env.codecs().node()).containsExactly(Codec.OPUS, Codec.PCMA);
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_RTP_CODECS", "g729"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rtp.codecs").hasMessageContaining("g729");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_RTP_CODECS", "pcmu,pcmu"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("twice");
    }

    @Test
    void perBotListsComeFromTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("voxgate.yaml");
        java.nio.file.Files.writeString(file, "bots:\n  codecs:\n    Echo: [opus, pcmu]\n");
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(file, Map.of()));
        assertThat(config.codecs().choose("echo", null)).containsExactly(Codec.OPUS, Codec.PCMU);
        java.nio.file.Files.writeString(file, "bots:\n  codecs:\n    echo: [speex]\n");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(file, Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.codecs.echo");
    }
}
