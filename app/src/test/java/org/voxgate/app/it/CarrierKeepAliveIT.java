package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OPTIONS keep-alive and registration to a carrier, against SIPp playing the carrier: the
 * trunk's state in the API and the voxgate_trunk_up gauge follow the carrier going away, and
 * a REGISTER challenged with digest ends registered. Keep-alive runs every second here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CarrierKeepAliveIT {
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-keepalive-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of(
                "VOXGATE_SIP_TRUNKS_OPTIONS_INTERVAL_SECONDS", "1",
                "VOXGATE_SIP_TRUNKS_OPTIONS_FAILURES_DOWN", "2",
                "VOXGATE_SIP_TRUNKS_REGISTER_RETRY_MIN_SECONDS", "1")).start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
        }
    }

    /** Polls the trunk's live state until {@code test} holds (generous: 20 s). */
    private JsonNode awaitLive(String trunk, Predicate<JsonNode> test) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode live = null;
        while (System.nanoTime() < deadline) {
            live = server.getJson("/api/trunks/" + trunk).path("live");
            if (test.test(live)) {
                return live;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("trunk " + trunk + " never reached the expected state; last: " + live);
    }

    @Test
    void keepAliveStateFollowsTheCarrier() throws Exception {
        int port = FreePorts.udpAndTcp();
        Sipp.Running carrier = Sipp.uas("uas-options.xml", Map.of(), port, work.resolve("options"))
                .start(100_000, 120);
        server.post("/api/trunks", """
                {"name":"keepalive","peerHost":"127.0.0.1","peerPort":%d}""".formatted(port), 201);

        JsonNode up = awaitLive("keepalive", live -> live.path("options").asText().equals("up"));
        assertThat(up.path("lastOptionsStatus").asInt()).isEqualTo(200);
        assertThat(server.metric("voxgate_trunk_up{trunk=\"keepalive\"}")).isEqualTo(1.0);

        carrier.process().destroy();
        assertThat(carrier.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        awaitLive("keepalive", live -> live.path("options").asText().equals("down"));
        assertThat(server.metric("voxgate_trunk_up{trunk=\"keepalive\"}")).isEqualTo(0.0);

        // a trunk that is down is not used for calls we place
        JsonNode refused = server.post("/api/calls", """
                {"to":"+14155550199","trunk":"keepalive"}""", 503);
        assertThat(refused.path("message").asText()).isEqualTo("trunk keepalive is down");
        assertThat(refused.path("field").asText()).isEqualTo("trunk");
    }

    @Test
    void registersWithTheCarrierAnsweringItsDigestChallengeAndRefreshesBeforeExpiry() throws Exception {
        int port = FreePorts.udpAndTcp();
        // -aa answers the keep-alive OPTIONS that reach this SIPp too.
        Sipp.Running registrar = Sipp.uas("uas-registrar.xml", Map.of(), port, work.resolve("registrar"))
                .arg("-key", "password", "carrier-pw", "-key", "expires", "4", "-aa").start(1000, 120);
        try {
            server.post("/api/trunks", """
                    {"name":"registered","peerHost":"127.0.0.1","peerPort":%d,"outboundUsername":"voxgate",
                     "outboundSecret":"carrier-pw","register":true,"registerExpiry":300}""".formatted(port), 201);
            JsonNode live = awaitLive("registered", l -> l.path("registration").asText().equals("registered"));
            assertThat(live.path("lastRegisterStatus").asInt()).isEqualTo(200);
            String firstUntil = live.path("registeredUntil").asText();
            // The carrier grants 4 s: the binding is refreshed (challenge answered again) before it lapses.
            JsonNode refreshed = awaitLive("registered", l -> l.path("registration").asText().equals("registered")
                    && !l.path("registeredUntil").asText().equals(firstUntil));
            assertThat(java.time.Instant.parse(refreshed.path("registeredUntil").asText()))
                    .isAfter(java.time.Instant.parse(firstUntil));
        } finally {
            registrar.process().destroy();
        }
    }

    @Test
    void aWrongCarrierPasswordLeavesTheRegistrationFailed() throws Exception {
        int port = FreePorts.udpAndTcp();
        Sipp.Running registrar = Sipp.uas("uas-registrar.xml", Map.of(), port, work.resolve("registrar-bad"))
                .arg("-key", "password", "the-real-one", "-key", "expires", "120", "-aa").start(1000, 120);
        try {
            server.post("/api/trunks", """
                    {"name":"badpassword","peerHost":"127.0.0.1","peerPort":%d,"outboundUsername":"voxgate",
                     "outboundSecret":"wrong","register":true}""".formatted(port), 201);
            JsonNode live = awaitLive("badpassword", l -> l.path("registration").asText().equals("failed")
                    && l.path("lastRegisterStatus").asInt() == 403);
            assertThat(live.path("registeredUntil").isNull()).isTrue();
        } finally {
            registrar.process().destroy();
        }
    }
}
