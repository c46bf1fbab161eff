package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real softphone, baresip, registered with digest, calling the real server process over
 * loopback. No address is trusted here (no loopback trunk): its INVITE gets through only with
 * its SIP user's credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaresipIT {
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-baresip-it");
        // baresip 1.0 gives up on any SHA-256 challenge: offer MD5 alone.
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_SIP_DIGEST_ALGORITHMS", "md5"))
                .withoutLoopbackTrunk().start();
        server.post("/api/sip-users", "{\"username\":\"bob\",\"password\":\"builder42\"}", 201);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.terminate();
        }
    }

    @Test
    void aRegisteredBaresipCallsTheEchoBotAndHearsItsOwnToneBack() throws Exception {
        short[] tone = Audio.tone(1000, 6);
        try (Baresip phone = Baresip.start(work.resolve("caller"), FreePorts.udpAndTcp(),
                "<sip:bob@127.0.0.1>;auth_pass=builder42;outbound=\"sip:127.0.0.1:" + server.sipPort
                        + "\";regint=60", tone, 30, "/dial sip:echo@127.0.0.1:" + server.sipPort)) {
            assertThat(awaitBinding("bob")).as("bob registered\n" + phone.log()).isTrue();
            assertThat(phone.awaitLog("Call established", 15)).as("call answered\n" + phone.log()).isTrue();
            assertThat(phone.awaitLog("terminated", 30)).as("the phone hangs up when its audio file ends\n" + phone.log()).isTrue();
            short[] heard = phone.heard();
            assertThat(Audio.activeFraction(heard, -40)).as("baresip heard audio").isGreaterThan(0.3);
            assertThat(Audio.toneShare(heard, 1000)).as("what it heard is its own 1 kHz tone").isGreaterThan(0.7);
        }
        JsonNode calls = server.getJson("/api/calls");
        assertThat(calls.path("items").toString()).contains("echo");
    }

    private boolean awaitBinding(String user) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (server.getJson("/api/registrations").toString().contains("\"" + user + "\"")) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
