package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
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
 * {@code POST /api/calls/{id}/transfer} on the real server process: an operator hands a caller
 * who is talking to the receptionist to a SIP URI; the SIPp phone gets the REFER, honours it and
 * the call ends as transferred. A target without a route is refused at once and the caller stays
 * with the bot. No {@code bots.operator} is configured, so only the API's target can be used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallTransferApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String operator = "sip:operator@127.0.0.1:" + FreePorts.udpAndTcp();
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-transfer-api-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of()).start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.terminate();
        }
    }

    @Test
    void anOperatorTransfersALiveCallThroughTheApi() throws Exception {
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Sipp sipp = Sipp.scenario("uac-transferee.xml", server.sipPort, work.resolve("sipp-refer"));
            callId = sipp.callIdTag("api-transfer-" + UUID.randomUUID());
            Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";4000;")).start(1, 120);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
            CallPeer caller = new CallPeer(peer);
            assertThat(caller.awaitBotUtterance(0, CallPeer.PROMPT_DONE_MILLIS, 40)).as("greeting").isGreaterThanOrEqualTo(0);
            String path = "/api/calls/" + URLs.encode(callId) + "/transfer";

            HttpResponse<String> noRoute = server.send("POST", path, "{\"target\":\"nobody\"}");
            assertThat(noRoute.statusCode()).as(noRoute.body()).isEqualTo(409);
            assertThat(JSON.readTree(noRoute.body()).path("field").asText()).isEqualTo("target");

            HttpResponse<String> accepted = server.send("POST", path,
                    "{\"target\":\"" + operator + "\",\"mode\":\"blind\"}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            caller.silenceUntilDone(running, 60);
            Sipp.Result result = running.await();
            assertThat(result.exitCode()).as("REFER to the API's target, NOTIFYs and BYE\n" + result.describe()).isZero();
        }
        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("endReason").asText()).isEqualTo("transferred");
        String events = record.path("events").toString();
        assertThat(events).contains("transfer_requested").contains("\"by\":\"api\"").contains(operator)
                .contains("transfer_failed");
        HttpResponse<String> gone = server.send("POST", "/api/calls/" + URLs.encode(callId) + "/transfer",
                "{\"target\":\"" + operator + "\"}");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(gone.body()).path("field").asText()).isEqualTo("id");
    }
}
