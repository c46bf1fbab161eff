package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Call endings that need their own server: CANCEL while ringing (the server is set to ring
 * for a long time), SIGTERM during a call (BYE sent, record kept across a restart), and a
 * caller that sends no RTP (media timeout set to 2 s).
 */
class CancelAndShutdownIT {

    @Test
    void cancelBeforeAnswerGets487AndIsRecorded() throws Exception {
        Path work = Files.createTempDirectory("voxgate-cancel-it");
        try (VoxgateProcess server = new VoxgateProcess(work.resolve("node"),
                Map.of("VOXGATE_SIP_ANSWER_DELAY_MS", "60000")).start()) {
            Sipp sipp = Sipp.scenario("uac-cancel.xml", server.sipPort, work.resolve("sipp"));
            String callId = sipp.callIdTag("cancel-" + UUID.randomUUID());
            Sipp.Result result = sipp.arg("-s", "4000").start(1, 30).await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("endReason").asText()).isEqualTo("cancelled");
            assertThat(record.path("answeredAt").isNull()).isTrue();
            assertThat(server.metric("voxgate_rtp_ports_allocated")).isZero();
        }
    }

    @Test
    void sigtermEndsCallsWithByeAndTheRecordSurvivesARestart() throws Exception {
        Path work = Files.createTempDirectory("voxgate-shutdown-it");
        Path node = work.resolve("node");
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            VoxgateProcess server = new VoxgateProcess(node, Map.of()).start();
            Sipp scenario = Sipp.scenario("uac-await-bye.xml", server.sipPort, work.resolve("sipp"));
            callId = scenario.callIdTag("shutdown-" + UUID.randomUUID());
            Sipp.Running sipp = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";echo;")).start(1, 60);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("call answered").isTrue();
            peer.sendSilence(500);
            assertThat(server.terminate()).as("exit status after SIGTERM\n" + server.logText()).isIn(0, 143);
            Sipp.Result result = sipp.await();
            assertThat(result.exitCode()).as("the caller got a BYE\n" + result.describe()).isZero();
        }
        try (VoxgateProcess restarted = new VoxgateProcess(node, Map.of()).start()) {
            JsonNode record = restarted.awaitEndedCall(callId);
            assertThat(record.path("endReason").asText()).isEqualTo("shutdown");
            assertThat(record.path("bot").asText()).isEqualTo("echo");
        }
    }

    @Test
    void aSilentCallerIsHungUpAfterTheMediaTimeout() throws Exception {
        Path work = Files.createTempDirectory("voxgate-timeout-it");
        try (RtpPeer peer = new RtpPeer();
                VoxgateProcess server = new VoxgateProcess(work.resolve("node"),
                        Map.of("VOXGATE_RTP_MEDIA_TIMEOUT_SECONDS", "2")).start()) {
            Sipp scenario = Sipp.scenario("uac-await-bye.xml", server.sipPort, work.resolve("sipp"));
            String callId = scenario.callIdTag("timeout-" + UUID.randomUUID());
            // The peer never sends RTP: the server must give up on its own and send BYE.
            Sipp.Result result = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";echo;")).start(1, 60).await();
            assertThat(result.exitCode()).as("the caller got a BYE\n" + result.describe()).isZero();
            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("endReason").asText()).isEqualTo("media_timeout");
            assertThat(server.metric("voxgate_rtp_ports_allocated")).isZero();
        }
    }

    @Test
    void withoutSpeechSynthesisTheNodeSaysWhatIsMissingAndTheBotHangsUpRatherThanSitSilent() throws Exception {
        Path work = Files.createTempDirectory("voxgate-nospeech-it");
        try (RtpPeer peer = new RtpPeer();
                VoxgateProcess server = new VoxgateProcess(work.resolve("node"),
                        Map.of("VOXGATE_BOTS_ESPEAK_BINARY", work.resolve("no-such-espeak-ng").toString())).start()) {
            assertThat(server.logText()).contains("apt-get install espeak-ng");
            Sipp scenario = Sipp.scenario("uac-await-bye.xml", server.sipPort, work.resolve("sipp"));
            String callId = scenario.callIdTag("nospeech-" + UUID.randomUUID());
            Sipp.Running sipp = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";4000;")).start(1, 60);
            // The bot hangs up at once: the caller gets a BYE without having to send any RTP.
            Sipp.Result result = sipp.await();
            assertThat(result.exitCode()).as("the caller got a BYE\n" + result.describe()).isZero();
            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("endReason").asText()).isEqualTo("bot_unavailable");
            assertThat(record.path("answeredAt").isNull()).as("answered, not left ringing").isFalse();
            assertThat(server.logText()).contains("cannot speak");
        }
    }
}
