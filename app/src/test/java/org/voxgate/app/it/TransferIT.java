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
 * operator when the caller presses 0, by REFER to a SIPp phone that honours it, or, when the
 * phone refuses REFER, by calling the operator itself and joining the calls; and a PBX's
 * REFER to one of its own extensions is honoured by calling it with the same bot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferIT {
    private final int operatorPort = FreePorts.udpAndTcp();
    private final String operator = "sip:operator@127.0.0.1:" + operatorPort;
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-transfer-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_BOTS_OPERATOR", operator)).start();
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

    @Test
    void whenTheCallerRefusesReferTheOperatorIsCalledAndHearsTheCaller() throws Exception {
        String callId;
        try (RtpPeer caller = new RtpPeer(); RtpPeer operatorPhone = new RtpPeer()) {
            Sipp.Running desk = Sipp.uas("uas-answer.xml", Map.of(), operatorPort, work.resolve("sipp-operator"))
                    .arg("-key", "rtp_port", Integer.toString(operatorPhone.port())).start(1, 120);
            Sipp sipp = Sipp.scenario("uac-refer-refused.xml", server.sipPort, work.resolve("sipp-refused"));
            callId = sipp.callIdTag("refused-" + UUID.randomUUID());
            Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + caller.port() + ";4000;")).start(1, 120);
            assertThat(caller.awaitServer(15, TimeUnit.SECONDS)).isTrue();
            assertThat(new CallPeer(caller).awaitBotUtterance(0, CallPeer.PROMPT_DONE_MILLIS, 40)).as("greeting")
                    .isGreaterThanOrEqualTo(0);
            caller.sendDigit('0');
            assertThat(operatorPhone.awaitServer(30, TimeUnit.SECONDS)).as("the operator's phone gets media").isTrue();
            int before = operatorPhone.receivedSamples();
            caller.sendAudio(Audio.tone(1000, 3));
            short[] heard = operatorPhone.received(before, operatorPhone.receivedSamples());
            assertThat(Audio.toneShare(heard, 1000)).as("the operator hears the caller's tone").isGreaterThan(0.5);

            JsonNode leg = callTo(operator);
            server.send("DELETE", "/api/calls/" + URLs.encode(leg.path("callId").asText()), null);
            assertThat(desk.await().exitCode()).as("the operator's call ended with BYE").isZero();
            Sipp.Result result = running.await();
            assertThat(result.exitCode()).as("405 to REFER, then BYE when the operator left\n" + result.describe())
                    .isZero();
        }
        assertThat(server.awaitEndedCall(callId).path("endReason").asText()).isEqualTo("transferred");
    }

    /** The newest call record whose callee is {@code to}. */
    private JsonNode callTo(String to) throws Exception {
        JsonNode calls = server.getJson("/api/calls");
        for (JsonNode call : calls.path("items")) {
            if (call.path("to").asText().equals(to)) {
                return call;
            }
        }
        throw new AssertionError("no call to " + to + " in " + calls);
    }

    @Test
    void aReferFromTheCallersPbxIsHonouredByCallingTheExtension() throws Exception {
        int extensionPort = FreePorts.udpAndTcp();
        String extension = "sip:2001@127.0.0.1:" + extensionPort;
        String pbxCallId;
        try (RtpPeer pbxMedia = new RtpPeer(); RtpPeer phone = new RtpPeer()) {
            Sipp.Running desk = Sipp.uas("uas-answer.xml", Map.of(), extensionPort, work.resolve("sipp-extension"))
                    .arg("-key", "rtp_port", Integer.toString(phone.port())).start(1, 90);
            Sipp pbx = Sipp.scenario("uac-pbx-refer.xml", server.sipPort, work.resolve("sipp-pbx"));
            pbxCallId = pbx.callIdTag("pbx-" + UUID.randomUUID());
            Sipp.Running referring = pbx.inject(List.of("127.0.0.1;" + pbxMedia.port() + ";4000;" + extension + ";"))
                    .start(1, 90);
            assertThat(pbxMedia.awaitServer(15, TimeUnit.SECONDS)).isTrue();
            Sipp.Result pbxResult = referring.await();
            assertThat(pbxResult.exitCode()).as("202, NOTIFY 100 then 200, BYE\n" + pbxResult.describe()).isZero();

            assertThat(phone.awaitServer(15, TimeUnit.SECONDS)).as("the extension gets the bot's audio").isTrue();
            CallPeer extensionSide = new CallPeer(phone);
            assertThat(extensionSide.awaitBotUtterance(0, CallPeer.PROMPT_DONE_MILLIS, 30))
                    .as("the bot greets the extension").isGreaterThanOrEqualTo(0);
            JsonNode leg = callTo(extension);
            assertThat(leg.path("direction").asText()).isEqualTo("outbound");
            assertThat(leg.path("bot").asText()).isEqualTo("receptionist");
            server.send("DELETE", "/api/calls/" + URLs.encode(leg.path("callId").asText()), null);
            Sipp.Result deskResult = desk.await();
            assertThat(deskResult.exitCode()).as("the extension answered and got BYE\n" + deskResult.describe()).isZero();
        }
        assertThat(server.awaitEndedCall(pbxCallId).path("endReason").asText()).isEqualTo("caller_hangup");
    }
}
