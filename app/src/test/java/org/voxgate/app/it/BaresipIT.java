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

/** A real softphone, baresip, calling the real server process over loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaresipIT {
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-baresip-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of()).start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.terminate();
        }
    }

    @Test
    void baresipCallsTheEchoBotAndHearsItsOwnToneBack() throws Exception {
        short[] tone = Audio.tone(1000, 6);
        try (Baresip phone = Baresip.start(work.resolve("caller"), FreePorts.udpAndTcp(),
                "<sip:caller@127.0.0.1>;regint=0", tone, 20,
                "/dial sip:echo@127.0.0.1:" + server.sipPort)) {
            assertThat(phone.awaitLog("Call established", 15)).as("call answered\n" + phone.log()).isTrue();
            assertThat(phone.awaitLog("terminated", 30)).as("the phone hangs up when its audio file ends\n" + phone.log()).isTrue();
            short[] heard = phone.heard();
            assertThat(Audio.activeFraction(heard, -40)).as("baresip heard audio").isGreaterThan(0.3);
            assertThat(Audio.toneShare(heard, 1000)).as("what it heard is its own 1 kHz tone").isGreaterThan(0.7);
        }
        JsonNode calls = server.getJson("/api/calls");
        assertThat(calls.path("items").toString()).contains("echo");
    }
}
