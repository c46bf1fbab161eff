package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kamailio in front as a record-routing proxy (conf/kamailio/kamailio.cfg on free ports):
 * SIPp calls Voxgate through it; the caller's BYE and Voxgate's own BYE (session timer
 * expiry) both travel through the proxy, which the proxy's request log proves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KamailioProxyIT {
    private Path work;
    private VoxgateProcess server;
    private Process kamailio;
    private Path kamailioLog;
    private int proxyPort;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("voxgate-kamailio-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_SIP_SESSION_TIMER_MIN_SE_SECONDS", "2")).start();
        proxyPort = FreePorts.udpAndTcp();
        Path template = Path.of("..", "conf", "kamailio", "kamailio.cfg").toAbsolutePath().normalize();
        String cfg = Files.readString(template)
                .replace("${PROXY_ADDRESS}", "127.0.0.1:" + proxyPort)
                .replace("${VOXGATE}", "127.0.0.1:" + server.sipPort);
        Path config = work.resolve("kamailio.cfg");
        Files.writeString(config, cfg);
        Path runtime = Files.createDirectories(work.resolve("kamailio-run"));
        kamailioLog = work.resolve("kamailio.log");
        kamailio = new ProcessBuilder("kamailio", "-f", config.toString(), "-DD", "-E", "-n", "2", "-m", "64", "-M", "8",
                "-Y", runtime.toString(), "-P", runtime.resolve("kamailio.pid").toString())
                .redirectErrorStream(true).redirectOutput(kamailioLog.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!log().contains("proxy-request") && System.nanoTime() < deadline) {
            assertThat(kamailio.isAlive()).as("kamailio runs\n" + log()).isTrue();
            // OPTIONS through the proxy: answered by Voxgate once the proxy listens
            Sipp.scenario("uac-malformed.xml", proxyPort, work.resolve("sipp-probe")).start(1, 5).await();
            Thread.sleep(200);
        }
        assertThat(log()).as("kamailio relays requests").contains("proxy-request");
    }

    private String log() {
        try {
            return Files.readString(kamailioLog);
        } catch (IOException e) {
            return "";
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (kamailio != null) {
            kamailio.destroy();
            if (!kamailio.waitFor(10, TimeUnit.SECONDS)) {
                kamailio.destroyForcibly();
            }
        }
        if (server != null) {
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    /** True when the proxy's log shows {@code method} of {@code callId} arriving from {@code port} (or any port when -1). */
    private boolean proxied(String method, String callId, int port, boolean fromPort) {
        Pattern line = Pattern.compile("proxy-request " + method + " call-id=" + Pattern.quote(callId)
                + " from=127\\.0\\.0\\.1:(\\d+)");
        var m = line.matcher(log());
        while (m.find()) {
            boolean same = Integer.parseInt(m.group(1)) == port;
            if (same == fromPort) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theCallersByeCrossesTheProxy() throws Exception {
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Sipp scenario = Sipp.scenario("uac-hangup.xml", proxyPort, work.resolve("sipp-caller-bye"));
            callId = scenario.callIdTag("proxy-" + UUID.randomUUID());
            Sipp.Running sipp = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";echo;")).arg("-d", "3000").start(1, 60);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("answered through the proxy").isTrue();
            Sipp.Result result = sipp.await();
            assertThat(result.exitCode()).as(result.describe() + "\n" + log()).isZero();
        }
        assertThat(server.awaitEndedCall(callId).path("endReason").asText()).isEqualTo("caller_hangup");
        assertThat(proxied("INVITE", callId, server.sipPort, false)).as("INVITE via the proxy\n" + log()).isTrue();
        assertThat(proxied("ACK", callId, server.sipPort, false)).as("ACK via the proxy").isTrue();
        assertThat(proxied("BYE", callId, server.sipPort, false)).as("caller's BYE via the proxy").isTrue();
    }

    @Test
    void voxgatesByeCrossesTheProxyBackToTheCaller() throws Exception {
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Sipp scenario = Sipp.scenario("uac-session-expiry.xml", proxyPort, work.resolve("sipp-server-bye"));
            callId = scenario.callIdTag("proxy-bye-" + UUID.randomUUID());
            Sipp.Result result = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";echo;")).start(1, 60).await();
            assertThat(result.exitCode()).as("the caller got Voxgate's BYE\n" + result.describe() + "\n" + log()).isZero();
        }
        assertThat(server.awaitEndedCall(callId).path("endReason").asText()).isEqualTo("session_timeout");
        assertThat(proxied("BYE", callId, server.sipPort, true)).as("Voxgate's BYE entered the proxy\n" + log()).isTrue();
    }
}
