package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real server process, driven by SIPp over loopback, with the caller's media played and
 * recorded by a real RTP socket: calls answered both ways, speech understood, DTMF followed,
 * malformed SIP survived, 20 concurrent calls answered and released.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallFlowIT {
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-callflow-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of()).start();
        Figures.record("start-up: launch to healthy", (System.currentTimeMillis() - server.launchedAtMillis()) + " ms");
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
        }
    }

    /** A SIPp call in flight and the Call-ID it carries. */
    private record Call(String callId, Sipp.Running sipp) {}

    /** Starts one SIPp call to the receptionist whose media goes to {@code peer}. */
    private Call call(String scenario, String tag, RtpPeer peer, int pauseMillis) throws Exception {
        Sipp sipp = Sipp.scenario(scenario, server.sipPort, work.resolve("sipp-" + tag));
        String callId = sipp.callIdTag(tag + "-" + UUID.randomUUID());
        Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";4000;"))
                .arg("-d", Integer.toString(pauseMillis))
                .start(1, 120);
        return new Call(callId, running);
    }

    @Test
    void greetingIsSpeechAndRtpFlowsBothWays() throws Exception {
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Call call = call("uac-hangup.xml", "greeting", peer, 12000);
            callId = call.callId();
            Sipp.Running sipp = call.sipp();
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
            CallPeer caller = new CallPeer(peer);
            int start = caller.awaitBotUtterance(0, CallPeer.PROMPT_DONE_MILLIS, 20);
            assertThat(start).as("the bot spoke a greeting").isGreaterThanOrEqualTo(0);
            Figures.record("first server RTP packet -> first greeting audio", (start / 8) + " ms of stream");
            short[] greeting = peer.received(start, peer.receivedSamples());
            assertThat(greeting.length).as("greeting length in samples").isGreaterThan(8000);
            // Speech: many loud frames with pauses between words, and a voice-like zero-crossing
            // rate (a tone or noise would sit far outside this band).
            assertThat(Audio.activeFraction(greeting, CallPeer.LOUD_DBFS)).isBetween(0.3, 0.98);
            assertThat(Audio.zeroCrossingRate(greeting)).isBetween(0.02, 0.4);
            Sipp.Result result = sipp.await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
        }
        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("endReason").asText()).isEqualTo("caller_hangup");
        assertThat(record.path("codec").asText()).isEqualTo("PCMU");
        assertThat(record.path("bot").asText()).isEqualTo("receptionist");
        assertThat(record.path("answeredAt").isNull()).isFalse();
        assertThat(record.path("turns").toString()).containsIgnoringCase("thank you for calling");
        assertThat(record.path("callOutcome").asText()).isEqualTo("CALLER_HUNG_UP");
        assertThat(record.path("cost").path("currency").asText()).isEqualTo("USD");
        assertThat(record.path("cost").path("total").decimalValue()).isZero(); // offline engines are free
        assertThat(server.metric("voxgate_calls_by_outcome_total{outcome=\"caller_hung_up\"}")).isPositive();
        assertThat(server.metric("voxgate_rtp_packets_total{direction=\"in\"}")).isPositive();
        assertThat(server.metric("voxgate_rtp_packets_total{direction=\"out\"}")).isPositive();
    }

    @Test
    void spokenRequestReachesTheTranscriptAndTheBotAnswers() throws Exception {
        String callId;
        short[] request = Audio.speak("I would like to book an appointment", work.resolve("speech"));
        short[] yes = Audio.speak("yes please", work.resolve("speech"));
        try (RtpPeer peer = new RtpPeer()) {
            Call call = call("uac-await-bye.xml", "speech", peer, 0);
            callId = call.callId();
            Sipp.Running sipp = call.sipp();
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).isTrue();
            CallPeer caller = new CallPeer(peer);
            assertThat(caller.awaitBotUtterance(0, CallPeer.PROMPT_DONE_MILLIS, 30)).as("greeting").isGreaterThanOrEqualTo(0);
            peer.sendAudio(request);
            int afterRequest = peer.receivedSamples();
            int offer = caller.awaitBotUtterance(afterRequest, CallPeer.PROMPT_DONE_MILLIS, 30);
            assertThat(offer).as("the bot answered the spoken request\n" + server.logText()).isGreaterThanOrEqualTo(0);
            peer.sendAudio(yes);
            caller.silenceUntilDone(sipp, 60);
            Sipp.Result result = sipp.await();
            assertThat(result.exitCode()).as(result.describe() + "\n" + server.logText()).isZero();
        }
        JsonNode record = server.awaitEndedCall(callId);
        List<String> callerTurns = new ArrayList<>();
        record.path("turns").forEach(t -> {
            if (t.path("speaker").asText().equals("caller")) {
                callerTurns.add(t.path("text").asText());
            }
        });
        assertThat(String.join(" | ", callerTurns)).containsIgnoringCase("appointment").containsIgnoringCase("yes");
        assertThat(record.path("endReason").asText()).isEqualTo("bot_hangup");
    }

    @Test
    void digitsDriveTheFlowAndTheBotHangsUp() throws Exception {
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Call call = call("uac-await-bye.xml", "dtmf", peer, 0);
            callId = call.callId();
            Sipp.Running sipp = call.sipp();
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).isTrue();
            CallPeer caller = new CallPeer(peer);
            assertThat(caller.awaitBotUtterance(0, CallPeer.PROMPT_DONE_MILLIS, 30)).as("greeting").isGreaterThanOrEqualTo(0);
            peer.sendDigit('1');
            assertThat(caller.awaitBotUtterance(peer.receivedSamples(), CallPeer.PROMPT_DONE_MILLIS, 30)).as("offer").isGreaterThanOrEqualTo(0);
            peer.sendDigit('1');
            caller.silenceUntilDone(sipp, 60);
            Sipp.Result result = sipp.await();
            assertThat(result.exitCode()).as("the bot sent BYE\n" + result.describe()).isZero();
        }
        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("endReason").asText()).isEqualTo("bot_hangup");
        assertThat(record.path("turns").toString()).contains("booked");
        assertThat(record.path("callOutcome").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void malformedInviteGets400AndTheServerCarriesOn() throws Exception {
        Sipp.Result result = Sipp.scenario("uac-malformed.xml", server.sipPort, work.resolve("sipp-malformed"))
                .start(1, 30).await();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void twentyConcurrentCallsAreAllAnsweredAndReleased() throws Exception {
        Path dir = work.resolve("sipp-load");
        Sipp.Result result = Sipp.scenario("uac-load.xml", server.sipPort, dir)
                .arg("-s", "echo", "-l", "20", "-r", "20", "-d", "4000", "-trace_rtt", "-rtt_freq", "1")
                .start(20, 90).await();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.metric("voxgate_rtp_ports_allocated") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(server.metric("voxgate_rtp_ports_allocated")).as("RTP ports left allocated").isZero();
        assertThat(server.metric("voxgate_calls_active")).isZero();
        List<Double> rtts = SippRtt.read(dir);
        assertThat(rtts).hasSize(20);
        Figures.record("INVITE -> 200 under 20 concurrent calls", SippRtt.summary(rtts));
    }
}
