package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.voxgate.fakes.twilio.FakeMediaStreamsBot;
import org.voxgate.fakes.twilio.MediaStream;

/**
 * Bring-your-own-bot end to end: the real server process with a bridge bot (bots.agents, mode
 * bridge) pointing at a bot written for Twilio Media Streams (the fake, which echoes and marks),
 * and a SIPp call whose RTP peer sends a tone: the tone crosses SIP -> RTP -> Voxgate -> the
 * Twilio protocol -> the bot and back, and comes out at the right frequency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeIT {
    private Path work;
    private FakeMediaStreamsBot bot;
    private VoxgateProcess server;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("voxgate-bridge-it");
        bot = FakeMediaStreamsBot.start().marksEvery(25);
        Path config = work.resolve("voxgate.yaml");
        Files.writeString(config, """
                bots:
                  agents:
                    twiliobot:
                      mode: bridge
                      bridge:
                        url: %s
                        parameters: { tenant: acme }
                    deadbot:
                      mode: bridge
                      bridge:
                        url: ws://127.0.0.1:%d/media
                """.formatted(bot.url(), closedPort()));
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_CONFIG", config.toString())).start();
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort(); // nothing listens there once closed
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
        }
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void toneComesBackThroughTheTwilioProtocolBot() throws Exception {
        double hz = 1000;
        String callId;
        short[] back;
        MediaStream stream;
        int streamsBefore = bot.streams().size();
        try (CodecRtpPeer peer = new CodecRtpPeer(CodecRtpPeer.Kind.PCMU, 0)) {
            Sipp sipp = Sipp.scenario("uac-one-codec.xml", server.sipPort, work.resolve("sipp"));
            callId = sipp.callIdTag("bridge-" + UUID.randomUUID());
            Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";twiliobot;0;PCMU/8000;"))
                    .arg("-d", "5000").start(1, 60);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
            stream = bot.awaitStarted(streamsBefore + 1, Duration.ofSeconds(15));
            int before = peer.receivedSamples();
            peer.sendTone(hz, 2.0, 8000);
            Thread.sleep(500); // the echo's tail: through the bot and back
            back = peer.received(before, peer.receivedSamples());
            Sipp.Result result = running.await();
            assertThat(result.exitCode()).as(result.describe()).isZero();

            double share = peer.toneShare(back, hz);
            double elsewhere = peer.toneShare(back, hz * 1.25);
            Figures.record("bridge echo: tone share at 1000 Hz", String.format(java.util.Locale.ROOT,
                    "%.3f (at 1250 Hz: %.3f)", share, elsewhere));
            assertThat(share).as("echoed tone at %s Hz", hz).isGreaterThan(0.8);
            assertThat(elsewhere).as("no tone at %s Hz", hz * 1.25).isLessThan(0.1);
        }
        assertThat(stream.customParameters()).containsEntry("callId", callId).containsEntry("tenant", "acme")
                .containsKeys("caller", "callee");
        assertThat(stream.customParameters().get("caller")).isNotBlank();
        assertThat(stream.customParameters().get("callee")).isEqualTo("twiliobot");
        assertThat(MediaStream.await(stream::stopped, Duration.ofSeconds(10))).as("stop at call end").isTrue();
        List<String> echoed = stream.marksEchoed();
        assertThat(echoed).as("marks echoed after playback").isNotEmpty();
        assertThat(stream.marksSent()).startsWith(echoed.toArray(String[]::new));
        assertThat(stream.problems()).as("deviations from Twilio's messages").isEmpty();

        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("bot").asText()).isEqualTo("twiliobot");
        assertThat(record.path("endReason").asText()).isEqualTo("caller_hangup");
    }

    @Test
    void theBotClosingItsSocketHangsTheCallUp() throws Exception {
        int before = bot.streams().size();
        try (CodecRtpPeer peer = new CodecRtpPeer(CodecRtpPeer.Kind.PCMU, 0)) {
            Sipp sipp = Sipp.scenario("uac-await-bye.xml", server.sipPort, work.resolve("sipp-bot-bye"));
            String callId = sipp.callIdTag("bridge-bye-" + UUID.randomUUID());
            Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";twiliobot;")).start(1, 60);
            MediaStream stream = bot.awaitStarted(before + 1, Duration.ofSeconds(15));
            stream.hangUp();
            Sipp.Result result = running.await();
            assertThat(result.exitCode()).as("the caller got a BYE: " + result.describe()).isZero();
            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("endReason").asText()).isEqualTo("bot_hangup");
        }
    }

    @Test
    void anUnreachableBotEndsTheCallAsBotUnavailable() throws Exception {
        try (CodecRtpPeer peer = new CodecRtpPeer(CodecRtpPeer.Kind.PCMU, 0)) {
            Sipp sipp = Sipp.scenario("uac-await-bye.xml", server.sipPort, work.resolve("sipp-dead"));
            String callId = sipp.callIdTag("bridge-dead-" + UUID.randomUUID());
            Sipp.Result result = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";deadbot;")).start(1, 60).await();
            assertThat(result.exitCode()).as("the caller got a BYE: " + result.describe()).isZero();
            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("bot").asText()).isEqualTo("deadbot");
            assertThat(record.path("endReason").asText()).isEqualTo("bot_unavailable");
            assertThat(server.logText()).contains("bridge bot deadbot unreachable");
        }
    }
}
