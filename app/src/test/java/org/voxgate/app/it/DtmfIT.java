package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Digits reaching the call's event log (GET /api/calls/{id}) of the real server process: SIPp's
 * shipped RFC 2833 captures replayed into a call, and in-band tones on a call that offered no
 * telephone-event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DtmfIT {
    private static final Path CAPTURES = Path.of("/usr/share/sip-tester");
    /** The captures the scenario plays, in order (the 5 twice). */
    private static final List<String> PLAYED = List.of("1", "5", "5", "9", "pound", "star", "0");

    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-rfc2833-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of()).start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    @Test
    void shippedCapturesGiveTheirDigitsInTheCallsEventLog() throws Exception {
        Path sippDir = work.resolve("sipp");
        Sipp sipp = Sipp.scenario("uac-rfc2833-dtmf.xml", server.sipPort, sippDir);
        StringBuilder expected = new StringBuilder();
        for (String name : PLAYED) {
            Path capture = CAPTURES.resolve("dtmf_2833_" + name + ".pcap");
            Path copy = sippDir.resolve("pcap").resolve(capture.getFileName());
            if (!Files.exists(copy)) {
                Files.copy(capture, copy);
            }
            expected.append(digitIn(capture));
        }
        // what the captures hold, read from the packets themselves rather than the file names
        assertThat(expected).hasToString("1559#*0");

        String callId = sipp.callIdTag("rfc2833-" + UUID.randomUUID());
        Sipp.Result result = sipp.arg("-s", "echo").start(1, 60).await();
        assertThat(result.exitCode()).as(result.describe() + "\n" + server.logText()).isZero();

        JsonNode record = server.awaitEndedCall(callId);
        StringBuilder digits = new StringBuilder();
        List<String> sources = new ArrayList<>();
        for (JsonNode event : record.path("events")) {
            if (event.path("kind").asText().equals("dtmf")) {
                digits.append(event.path("detail").path("digit").asText());
                sources.add(event.path("detail").path("source").asText());
                assertThat(event.path("detail").path("durationMillis").asInt()).isEqualTo(280);
            }
        }
        assertThat(digits).as(record.toString()).hasToString(expected.toString());
        assertThat(sources).containsOnly("rfc4733");
        assertThat(record.path("events").get(0).path("kind").asText()).isEqualTo("answered");
        Figures.record("RFC 2833 captures replayed by SIPp", "digits in the event log: " + digits);
    }

    @Test
    void inBandTonesOnACallWithoutTelephoneEventAreDetected() throws Exception {
        Sipp sipp = Sipp.scenario("uac-hangup-no-te.xml", server.sipPort, work.resolve("sipp-inband"));
        String callId = sipp.callIdTag("inband-" + UUID.randomUUID());
        Sipp.Result result;
        try (RtpPeer peer = new RtpPeer()) {
            Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";echo;"))
                    .arg("-d", "6000").start(1, 60);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("RTP from the server").isTrue();
            peer.sendSilence(200);
            // a steady hum under the keys, as on a real line; 120 ms presses, 100 ms apart
            peer.sendAudio(keys("3#7", 120, 100));
            peer.sendSilence(300);
            result = running.await();
        }
        assertThat(result.exitCode()).as(result.describe() + "\n" + server.logText()).isZero();

        JsonNode record = server.awaitEndedCall(callId);
        StringBuilder digits = new StringBuilder();
        for (JsonNode event : record.path("events")) {
            if (event.path("kind").asText().equals("dtmf")) {
                digits.append(event.path("detail").path("digit").asText());
                assertThat(event.path("detail").path("source").asText()).isEqualTo("inband");
            }
        }
        assertThat(digits).as(record.toString()).hasToString("3#7");
    }

    /** Q.23 dual tones for the keys over a quiet 150 Hz hum, generated here independently of the server. */
    private static short[] keys(String keys, int toneMillis, int gapMillis) {
        double[] rows = {697, 770, 852, 941};
        double[] cols = {1209, 1336, 1477, 1633};
        String layout = "123A456B789C*0#D";
        int tone = toneMillis * 8;
        int gap = gapMillis * 8;
        short[] pcm = new short[keys.length() * (tone + gap) + gap];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(300 * Math.sin(2 * Math.PI * 150 * i / 8000.0));
        }
        for (int k = 0; k < keys.length(); k++) {
            int index = layout.indexOf(keys.charAt(k));
            int start = gap + k * (tone + gap);
            for (int i = 0; i < tone; i++) {
                double t = i / 8000.0;
                pcm[start + i] += (short) Math.round(6000 * Math.sin(2 * Math.PI * rows[index / 4] * t)
                        + 7500 * Math.sin(2 * Math.PI * cols[index % 4] * t));
            }
        }
        return pcm;
    }

    /** The one DTMF digit a capture's telephone-event packets carry (Ethernet, IPv4, UDP, RTP). */
    private static char digitIn(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).as("classic little-endian pcap").isEqualTo(0xA1B2C3D4);
        assertThat(b.getInt(20)).as("Ethernet link type").isEqualTo(1);
        Set<Integer> codes = new LinkedHashSet<>();
        int at = 24;
        while (at + 16 <= b.limit()) {
            int length = b.getInt(at + 8);
            int ip = at + 16 + 14;
            int udp = ip + (b.get(ip) & 0x0F) * 4;
            int rtp = udp + 8;
            int rtpHeader = 12 + (b.get(rtp) & 0x0F) * 4;
            if ((b.get(rtp + 1) & 0x7F) == 101) {
                codes.add(b.get(rtp + rtpHeader) & 0xFF);
            }
            at += 16 + length;
        }
        assertThat(codes).as("events in " + pcap).hasSize(1);
        return "0123456789*#ABCD".charAt(codes.iterator().next());
    }
}
