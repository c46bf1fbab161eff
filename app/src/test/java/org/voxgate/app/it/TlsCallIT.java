package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calls over TLS (SIPS) with a certificate and key made by openssl for this run. Debian's SIPp
 * is built without TLS, so SIPp speaks TCP to socat, which is the TLS client towards our TLS
 * port (that port speaks nothing but TLS, so a call that works went over TLS). The server's
 * own BYE (session timer expiry) must come back over the connection the caller opened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsCallIT {
    private Path work;
    private VoxgateProcess server;
    private Process socat;
    private int tunnelPort;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("voxgate-tls-it");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", work.resolve("key.pem").toString(), "-out", work.resolve("cert.pem").toString(),
                "-days", "2", "-subj", "/CN=127.0.0.1").redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();
        int tlsPort = FreePorts.tcp();
        server = new VoxgateProcess(work.resolve("node"), Map.of(
                "VOXGATE_SIP_TRANSPORTS", "udp,tcp,tls",
                "VOXGATE_SIP_TLS_PORT", Integer.toString(tlsPort),
                "VOXGATE_SIP_TLS_CERT_FILE", work.resolve("cert.pem").toString(),
                "VOXGATE_SIP_TLS_KEY_FILE", work.resolve("key.pem").toString(),
                "VOXGATE_SIP_SESSION_TIMER_MIN_SE_SECONDS", "2")).start();
        assertThat(server.logText()).contains("tls on " + tlsPort);
        tunnelPort = FreePorts.tcp();
        socat = new ProcessBuilder("socat", "TCP-LISTEN:" + tunnelPort + ",bind=127.0.0.1,reuseaddr,fork",
                "OPENSSL:127.0.0.1:" + tlsPort + ",verify=0")
                .redirectErrorStream(true).redirectOutput(work.resolve("socat.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", tunnelPort)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("socat did not listen on " + tunnelPort);
    }

    @AfterAll
    void stop() throws Exception {
        if (socat != null) {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    private Sipp sipp(String scenario, String tag) throws Exception {
        return Sipp.scenario(scenario, tunnelPort, work.resolve("sipp-" + tag)).arg("-t", "t1");
    }

    @Test
    void aCallOverTlsIsAnsweredWithAudioAndEndedByTheCaller() throws Exception {
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Sipp scenario = sipp("uac-hangup.xml", "hangup");
            callId = scenario.callIdTag("tls-" + UUID.randomUUID());
            Sipp.Running sipp = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";echo;")).arg("-d", "3000").start(1, 60);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("answered over TLS, RTP flowing").isTrue();
            Sipp.Result result = sipp.await();
            assertThat(result.exitCode()).as(result.describe() + "\n" + server.logText()).isZero();
        }
        assertThat(server.awaitEndedCall(callId).path("endReason").asText()).isEqualTo("caller_hangup");
    }

    @Test
    void ourByeComesBackOverTheCallersTlsConnection() throws Exception {
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Sipp scenario = sipp("uac-session-expiry.xml", "expiry");
            callId = scenario.callIdTag("tls-bye-" + UUID.randomUUID());
            Sipp.Result result = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";echo;")).start(1, 60).await();
            assertThat(result.exitCode()).as("BYE received on the caller's connection\n" + result.describe()).isZero();
        }
        assertThat(server.awaitEndedCall(callId).path("endReason").asText()).isEqualTo("session_timeout");
    }
}
