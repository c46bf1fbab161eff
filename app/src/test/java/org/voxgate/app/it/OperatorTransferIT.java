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
 * The receptionist hands a caller to a person: the operator is a SIP user whose phone, a real
 * baresip, registered with digest; Voxgate calls it, and once it answers joins the caller to
 * it. The phone must hear the caller's own tone. A blind transfer (0) joins at once; a warm one
 * (9) first tells the operator who is calling.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorTransferIT {
    private static final double CALLER_TONE_HZ = 1000;
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-operator-it");
        // baresip 1.0 gives up on any SHA-256 challenge: offer MD5 alone.
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_BOTS_OPERATOR", "alice",
                "VOXGATE_SIP_DIGEST_ALGORITHMS", "md5")).start();
        server.post("/api/sip-users", "{\"username\":\"alice\",\"password\":\"wonderland1\"}", 201);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.terminate();
        }
    }

    @Test
    void zeroJoinsTheCallerToTheRegisteredOperatorWhoHearsTheCaller() throws Exception {
        short[] heard = transferTo('0', "blind");
        assertThat(Audio.toneShare(heard, CALLER_TONE_HZ)).as("the operator hears the caller's tone").isGreaterThan(0.6);
    }

    @Test
    void nineTellsTheOperatorWhoIsCallingThenJoins() throws Exception {
        short[] heard = transferTo('9', "warm");
        int firstLoud = firstLoudFrame(heard);
        assertThat(firstLoud).as("the operator hears something").isGreaterThanOrEqualTo(0);
        short[] opening = java.util.Arrays.copyOfRange(heard, firstLoud, Math.min(heard.length, firstLoud + 8000));
        assertThat(Audio.toneShare(opening, CALLER_TONE_HZ)).as("first an announcement, not the caller").isLessThan(0.3);
        assertThat(Audio.toneShare(heard, CALLER_TONE_HZ)).as("then the caller's tone").isGreaterThan(0.2);
    }

    /** Registers a baresip as alice, calls the receptionist, presses {@code digit}, plays a tone. */
    private short[] transferTo(char digit, String tag) throws Exception {
        int phonePort = FreePorts.udpAndTcp();
        // The operator's phone says nothing and hangs up when its 25 s of silence run out.
        try (Baresip alice = Baresip.start(work.resolve("alice-" + tag), phonePort,
                "<sip:alice@127.0.0.1>;auth_pass=wonderland1;outbound=\"sip:127.0.0.1:" + server.sipPort
                        + "\";regint=60;answermode=auto", new short[25 * 8000], 120);
                RtpPeer caller = new RtpPeer()) {
            awaitRegistration("alice");
            Sipp sipp = Sipp.scenario("uac-await-bye.xml", server.sipPort, work.resolve("sipp-" + tag));
            String callId = sipp.callIdTag(tag + "-" + UUID.randomUUID());
            Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + caller.port() + ";4000;")).start(1, 120);
            assertThat(caller.awaitServer(15, TimeUnit.SECONDS)).isTrue();
            CallPeer callerSide = new CallPeer(caller);
            assertThat(callerSide.awaitBotUtterance(0, CallPeer.PROMPT_DONE_MILLIS, 40)).as("greeting")
                    .isGreaterThanOrEqualTo(0);
            caller.sendDigit(digit);
            assertThat(alice.awaitLog("Call established", 30)).as("alice answered\n" + alice.log()).isTrue();
            short[] tone = Audio.tone(CALLER_TONE_HZ, 0.2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (running.process().isAlive() && System.nanoTime() < deadline) {
                caller.sendAudio(tone); // until alice hangs up and we get the BYE
            }
            Sipp.Result result = running.await();
            assertThat(result.exitCode()).as("the caller got BYE when the operator hung up\n" + result.describe())
                    .isZero();
            assertThat(alice.awaitLog("terminated", 10)).isTrue();
            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("endReason").asText()).isEqualTo("transferred");
            return alice.heard();
        }
    }

    private void awaitRegistration(String user) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = server.getJson("/api/registrations").toString();
            if (last.contains("\"" + user + "\"") && last.contains("contact")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(user + " never registered: " + last + "\n" + server.logText());
    }

    private static int firstLoudFrame(short[] pcm) {
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            if (Audio.rmsDbfs(java.util.Arrays.copyOfRange(pcm, f, f + 160)) > -40) {
                return f;
            }
        }
        return -1;
    }
}
