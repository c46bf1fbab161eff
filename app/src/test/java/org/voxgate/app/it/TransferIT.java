package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Transfers on the real server process: the receptionist hands a caller to the configured
 * operator when the caller presses 0, by REFER to a SIPp phone that honours it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferIT {
    private static final String OPERATOR = "sip:operator@127.0.0.1:5999";
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-transfer-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_BOTS_OPERATOR", OPERATOR)).start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.terminate();
        }
    }

    @Test
    void zeroReferTheCallerToTheOperatorAndTheBotLeaves() throws Exception {
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Sipp sipp = Sipp.scenario("uac-transferee.xml", server.sipPort, work.resolve("sipp-refer"));
            callId = sipp.callIdTag("refer-" + UUID.randomUUID());
            Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";4000;"))
                    .start(1, 120);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
            CallPeer caller = new CallPeer(peer);
            assertThat(caller.awaitBotUtterance(0, CallPeer.PROMPT_DONE_MILLIS, 40)).as("greeting").isGreaterThanOrEqualTo(0);
            peer.sendDigit('0');
            caller.silenceUntilDone(running, 60);
            Sipp.Result result = running.await();
            assertThat(result.exitCode()).as("REFER, NOTIFYs and BYE as RFC 3515 says\n" + result.describe()).isZero();
        }
        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("endReason").asText()).isEqualTo("transferred");
        assertThat(record.path("turns").toString()).contains("Please hold while I transfer you");
    }
}
