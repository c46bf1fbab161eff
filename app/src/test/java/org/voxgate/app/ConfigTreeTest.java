package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTreeTest {

    @Test
    void defaultsComeFromTheShippedYaml() {
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(null, Map.of()));
        assertThat(config.sip().port()).isEqualTo(5060);
        assertThat(config.sip().transports()).containsExactly("udp", "tcp");
        assertThat(config.media().portMin()).isEqualTo(20000);
        assertThat(config.media().portMax()).isEqualTo(29999);
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.store().jdbcUrl()).startsWith("jdbc:h2:file:").contains("MODE=PostgreSQL");
        assertThat(config.logFormat()).isEqualTo("text");
        assertThat(config.realm()).isEqualTo("127.0.0.1");
        assertThat(config.registrar().minExpires()).hasSeconds(60);
        assertThat(config.registrar().keepAliveInterval()).hasSeconds(30);
        assertThat(config.nonceLifetime()).hasSeconds(300);
        assertThat(config.digestAlgorithms()).containsExactly(org.voxgate.sip.auth.DigestAlgorithm.MD5);
        assertThat(VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_SIP_DIGEST_ALGORITHMS", "MD5, sha-256")))
                .digestAlgorithms()).containsExactly(org.voxgate.sip.auth.DigestAlgorithm.MD5,
                org.voxgate.sip.auth.DigestAlgorithm.SHA_256);
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_SIP_DIGEST_ALGORITHMS", "md5,sha1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.digest-algorithms");
    }

    @Test
    void jitterBufferBoundsHaveDefaultsAndAreChecked() {
        VoxgateConfig defaults = VoxgateConfig.from(ConfigTree.load(null, Map.of()));
        assertThat(defaults.media().jitterBufferMinMs()).isEqualTo(20);
        assertThat(defaults.media().jitterBufferMaxMs()).isEqualTo(200);
        VoxgateConfig set = VoxgateConfig.from(ConfigTree.load(null, Map.of(
                "VOXGATE_RTP_JITTER_BUFFER_MIN_MS", "40", "VOXGATE_RTP_JITTER_BUFFER_MAX_MS", "300")));
        assertThat(set.media().jitterBufferMinMs()).isEqualTo(40);
        assertThat(set.media().jitterBufferMaxMs()).isEqualTo(300);
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of(
                "VOXGATE_RTP_JITTER_BUFFER_MIN_MS", "100", "VOXGATE_RTP_JITTER_BUFFER_MAX_MS", "50"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("jitter buffer");
    }

    @Test
    void registrarKeysAreReadAndCheckedTogether() {
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_SIP_REALM", "voxgate.example",
                "VOXGATE_REGISTRAR_MIN_EXPIRES_SECONDS", "30", "VOXGATE_REGISTRAR_KEEP_ALIVE_SECONDS", "0")));
        assertThat(config.realm()).isEqualTo("voxgate.example");
        assertThat(config.registrar().minExpires()).hasSeconds(30);
        assertThat(config.registrar().keepAliveInterval()).isZero();
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of(
                "VOXGATE_REGISTRAR_MIN_EXPIRES_SECONDS", "4000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("registrar.");
    }

    @Test
    void environmentOverridesEveryKey() {
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(null, Map.of(
                "VOXGATE_SIP_PORT", "5080",
                "VOXGATE_SIP_HOST", "192.0.2.10",
                "VOXGATE_RTP_PORTS", "30000-30999",
                "VOXGATE_HTTP_PORT", "9090",
                "VOXGATE_DATA_DIR", "/tmp/voxgate-data",
                "VOXGATE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "VOXGATE_SIP_TRANSPORTS", "udp",
                "VOXGATE_LOGGING_FORMAT", "json")));
        assertThat(config.sip().port()).isEqualTo(5080);
        assertThat(config.sip().advertisedHost()).isEqualTo("192.0.2.10");
        assertThat(config.media().advertisedAddress()).isEqualTo("192.0.2.10");
        assertThat(config.media().portMin()).isEqualTo(30000);
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/voxgate-data"));
        assertThat(config.store().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(config.sip().transports()).containsExactly("udp");
        assertThat(config.logFormat()).isEqualTo("json");
    }

    @Test
    void aFileOverridesDefaultsAndUnknownKeysAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("voxgate.yaml");
        Files.writeString(file, "sip:\n  port: 5070\n");
        assertThat(VoxgateConfig.from(ConfigTree.load(file, Map.of())).sip().port()).isEqualTo(5070);

        Files.writeString(file, "sip:\n  prot: 5070\n");
        assertThatThrownBy(() -> ConfigTree.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.prot");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_SIP_PORT", "abc"))))
                .hasMessageContaining("sip.port").hasMessageContaining("VOXGATE_SIP_PORT");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_RTP_PORTS", "3000"))))
                .hasMessageContaining("rtp.ports");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_SIP_TRANSPORTS", "sctp"))))
                .hasMessageContaining("sip.transports");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_LOGGING_FORMAT", "xml"))))
                .hasMessageContaining("logging.format");
    }

    @Test
    void dialogKeysHaveDefaultsAndEnvironmentNames() {
        VoxgateConfig defaults = VoxgateConfig.from(ConfigTree.load(null, Map.of()));
        assertThat(defaults.sipDialog().sessionTimer().sessionExpires()).hasSeconds(1800);
        assertThat(defaults.sipDialog().sessionTimer().minSe()).hasSeconds(90);
        assertThat(defaults.sipDialog().overload().maxCalls()).isZero();
        assertThat(defaults.sipDialog().tls().port()).isEqualTo(5061);
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(null, Map.of(
                "VOXGATE_SIP_MAX_CALLS", "3",
                "VOXGATE_SIP_RATE_LIMIT_REQUESTS_PER_SECOND", "20",
                "VOXGATE_SIP_SESSION_TIMER_MIN_SE_SECONDS", "2",
                "VOXGATE_SIP_SESSION_TIMER_EXPIRES_SECONDS", "4")));
        assertThat(config.sipDialog().overload().maxCalls()).isEqualTo(3);
        assertThat(config.sipDialog().overload().requestsPerSecond()).isEqualTo(20);
        assertThat(config.sipDialog().sessionTimer().minSe()).hasSeconds(2);
    }

    @Test
    void tlsNeedsItsFilesAndItsOwnPort() {
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_SIP_TRANSPORTS", "udp,tls"))))
                .hasMessageContaining("sip.tls.cert-file");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_SIP_TRANSPORTS", "tls",
                "VOXGATE_SIP_TLS_CERT_FILE", "/c.pem", "VOXGATE_SIP_TLS_KEY_FILE", "/k.pem",
                "VOXGATE_SIP_TLS_PORT", "5060")))).hasMessageContaining("sip.tls.port");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of(
                "VOXGATE_SIP_SESSION_TIMER_MIN_SE_SECONDS", "100", "VOXGATE_SIP_SESSION_TIMER_EXPIRES_SECONDS", "90"))))
                .hasMessageContaining("sip.session-timer");
    }

    @Test
    void trunkKeysHaveDefaultsAndBadValuesNameTheKey() {
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(null, Map.of()));
        assertThat(config.carrier().optionsInterval()).hasSeconds(30);
        assertThat(config.carrier().optionsFailuresDown()).isEqualTo(3);
        assertThat(config.carrier().registerRetryMin()).hasSeconds(2);
        assertThat(config.carrier().registerRetryMax()).hasSeconds(300);
        assertThat(config.carrier().ringTimeout()).hasSeconds(60);
        assertThat(config.defaultRegion()).isEqualTo("US");
        assertThat(config.unknownNumberToDefaultBot()).isFalse();
        assertThat(VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_BOTS_UNKNOWN_NUMBER", "default-bot",
                "VOXGATE_SIP_TRUNKS_DEFAULT_REGION", "gb"))).defaultRegion()).isEqualTo("GB");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_SIP_TRUNKS_DEFAULT_REGION", "XX"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.trunks.default-region");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_BOTS_UNKNOWN_NUMBER", "drop"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.unknown-number");
        assertThatThrownBy(() -> VoxgateConfig.from(ConfigTree.load(null, Map.of(
                "VOXGATE_SIP_TRUNKS_REGISTER_RETRY_MIN_SECONDS", "600", "VOXGATE_SIP_TRUNKS_REGISTER_RETRY_MAX_SECONDS", "60"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.trunks");
    }
}
