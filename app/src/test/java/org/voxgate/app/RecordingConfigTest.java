package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingConfigTest {

    @Test
    void offByDefaultInTheDataDirForThirtyDays() {
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_DATA_DIR", "/tmp/vg-data")));
        RecordingConfig r = config.recording();
        assertThat(r.enabled()).isFalse();
        assertThat(r.bots()).isEmpty();
        assertThat(r.directory()).isEqualTo(Path.of("/tmp/vg-data/recordings"));
        assertThat(r.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(r.records("echo")).isFalse();
    }

    @Test
    void environmentNamesBotsDirectoryAndRetention() {
        RecordingConfig r = VoxgateConfig.from(ConfigTree.load(null, Map.of(
                "VOXGATE_RECORDING_BOTS", "Echo, receptionist",
                "VOXGATE_RECORDING_DIRECTORY", "/var/tmp/rec",
                "VOXGATE_RECORDING_RETENTION_DAYS", "7"))).recording();
        assertThat(r.enabled()).isFalse();
        assertThat(r.records("echo")).isTrue();
        assertThat(r.records("ECHO")).isTrue();
        assertThat(r.records("receptionist")).isTrue();
        assertThat(r.records("sales")).isFalse();
        assertThat(r.directory()).isEqualTo(Path.of("/var/tmp/rec"));
        assertThat(r.retention()).isEqualTo(Duration.ofDays(7));

        RecordingConfig all = VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_RECORDING_ENABLED", "true")))
                .recording();
        assertThat(all.records("sales")).isTrue();
    }

    @Test
    void aRetentionBelowOneDayStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of(
                "VOXGATE_RECORDING_RETENTION_DAYS", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("recording.retention-days");
    }
}
