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
 * A tone sent in comes back out of the {@code echo} bot at the right frequency over each
 * codec: the real server process, a SIPp call offering only that codec, and an RTP peer that
 * encodes and decodes the codec itself (Opus at 48 kHz through opus-java's own binding).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodecEchoIT {
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-codec-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of()).start();
        // Calls from 127.0.0.1 come in on the test trunk "loopback", whose codec list (default
        // PCMU, PCMA) limits what we answer with: allow Opus on it through the trunks API.
        var replaced = server.send("PUT", "/api/trunks/loopback", "{\"name\":\"loopback\","
                + "\"inboundSources\":[\"127.0.0.1\"],\"defaultBot\":\"receptionist\","
                + "\"codecs\":[\"opus\",\"pcmu\",\"pcma\"]}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(server.get("/api/trunks/loopback").body()).contains("\"codecs\":[\"OPUS\",\"PCMU\",\"PCMA\"]");
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void toneComesBackOverPcmu() throws Exception {
        echo(CodecRtpPeer.Kind.PCMU, 0, "PCMU/8000", 1000, "PCMU");
    }

    @Test
    void toneComesBackOverPcma() throws Exception {
        echo(CodecRtpPeer.Kind.PCMA, 8, "PCMA/8000", 1400, "PCMA");
    }

    @Test
    void toneComesBackOverOpus() throws Exception {
        long[] steps = echo(CodecRtpPeer.Kind.OPUS, 111, "opus/48000/2", 800, "opus");
        assertThat(steps[0]).as("RTP timestamps step by 960 per 20 ms at 48 kHz").isGreaterThan(100);
        assertThat(steps[1]).as("other timestamp steps").isZero();
    }

    /** @return the server's RTP timestamp steps: {one 20 ms frame, anything else} */
    private long[] echo(CodecRtpPeer.Kind kind, int pt, String rtpmap, double hz, String recordedCodec)
            throws Exception {
        String tag = kind.name().toLowerCase(java.util.Locale.ROOT);
        String callId;
        long[] steps;
        try (CodecRtpPeer peer = new CodecRtpPeer(kind, pt)) {
            Sipp sipp = Sipp.scenario("uac-one-codec.xml", server.sipPort, work.resolve("sipp-" + tag));
            callId = sipp.callIdTag(tag + "-" + UUID.randomUUID());
            Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";echo;" + pt + ";" + rtpmap + ";"))
                    .arg("-d", "5000").start(1, 60);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server sent " + rtpmap).isTrue();
            int before = peer.receivedSamples();
            peer.sendTone(hz, 2.0, 8000);
            Thread.sleep(500); // the echo's tail
            short[] back = peer.received(before, peer.receivedSamples());
            Sipp.Result result = running.await();
            assertThat(result.exitCode()).as(result.describe()).isZero();

            int rate = peer.rate();
            double share = peer.toneShare(back, hz);
            double elsewhere = peer.toneShare(back, hz * 1.25);
            Figures.record("echo over " + rtpmap + ": tone share at " + (int) hz + " Hz",
                    String.format(java.util.Locale.ROOT, "%.3f (at %.0f Hz: %.3f)", share, hz * 1.25, elsewhere));
            assertThat(back.length).as("audio received at %d Hz", rate).isGreaterThan(rate);
            assertThat(share).as("echoed tone at %s Hz", hz).isGreaterThan(0.8);
            assertThat(elsewhere).as("no tone at %s Hz", hz * 1.25).isLessThan(0.1);
            assertThat(loudSeconds(back, rate)).as("seconds of echoed tone").isGreaterThan(1.5);
            steps = new long[] {peer.frameSteps(), peer.otherSteps()};
        }
        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("codec").asText()).isEqualTo(recordedCodec);
        return steps;
    }

    /** Seconds of 20 ms frames above -30 dBFS. */
    private static double loudSeconds(short[] pcm, int rate) {
        int frame = rate / 50;
        int loud = 0;
        for (int f = 0; f + frame <= pcm.length; f += frame) {
            double energy = 0;
            for (int i = f; i < f + frame; i++) {
                energy += (double) pcm[i] * pcm[i];
            }
            if (Math.sqrt(energy / frame) > 1036) {
                loud++;
            }
        }
        return loud * 0.02;
    }
}
