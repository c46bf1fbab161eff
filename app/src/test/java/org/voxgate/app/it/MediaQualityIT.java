package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.voxgate.media.quality.EModel;

/**
 * Call quality and media security against the real server and the {@code echo} bot: a lossy,
 * jittery relay between the caller and the server whose injected damage must come back out of
 * the stored figures, the RTCP we send and the E-model; and an RTP flood from a foreign source
 * that must neither take over the call nor hear it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaQualityIT {
    private static final int DROP_EVERY = 20; // 5 % loss caller -> server
    private static final int MAX_DELAY_MS = 40; // uniform 0-40 ms delay caller -> server
    private static final int OUTBOUND_DROP_EVERY = 50; // 2 % loss server -> caller
    private static final int RR_HOLD_MS = 60; // the RR answers each SR this much later

    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-media-quality-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of()).start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    private Sipp.Running call(String tag, int sdpPort, int pauseMillis, String[] callId) throws Exception {
        Sipp sipp = Sipp.scenario("uac-hangup.xml", server.sipPort, work.resolve("sipp-" + tag));
        callId[0] = sipp.callIdTag(tag + "-" + UUID.randomUUID());
        return sipp.inject(List.of("127.0.0.1;" + sdpPort + ";echo;")).arg("-d", Integer.toString(pauseMillis))
                .start(1, 120);
    }

    @Test
    void injectedLossAndJitterComeBackInTheRecordTheRtcpAndTheEModel() throws Exception {
        String[] callId = new String[1];
        LossyRelay relay;
        try (RtpPeer peer = new RtpPeer();
                LossyRelay r = new LossyRelay(peer.port(), DROP_EVERY, MAX_DELAY_MS, OUTBOUND_DROP_EVERY, RR_HOLD_MS, 4242)) {
            relay = r;
            Sipp.Running sipp = call("lossy", relay.serverSidePort(), 16000, callId);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server RTP through the relay").isTrue();
            peer.sendAudio(Audio.tone(1000, 12)); // 600 packets, paced
            Sipp.Result result = sipp.await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
            Thread.sleep(300);
        }
        JsonNode media = server.awaitEndedCall(callId[0]).path("media");
        assertThat(media.isObject()).as("media figures stored: " + media).isTrue();

        // what the server received: every packet the relay forwarded, the drops counted as lost
        int dropped = relay.droppedToServer();
        assertThat(dropped).isBetween(29, 31);
        assertThat(media.path("packetsIn").asLong()).isEqualTo(relay.forwardedToServer());
        // the last drop may have no later packet to reveal it; a reordered one may come too late
        assertThat(media.path("packetsLost").asLong() + media.path("packetsLate").asLong())
                .isBetween(dropped - 1L, dropped + 2L);
        assertThat(media.path("packetsRejected").asLong()).isZero();
        // uniform 0-40 ms delay: the RFC 3550 estimator tends to E|D1 - D2| = 40/3 ms
        double jitter = media.path("jitterMs").asDouble();
        assertThat(jitter).as("interarrival jitter, ms").isCloseTo(40.0 / 3, within(5.0));

        // the RTCP we sent: SR + report block about the caller's stream + SDES, and a BYE at the end
        List<byte[]> rtcp = relay.rtcpFromServer();
        assertThat(rtcp).as("compound RTCP from the server").hasSizeGreaterThanOrEqualTo(2);
        byte[] lastReport = rtcp.get(rtcp.size() - 1);
        ByteBuffer b = ByteBuffer.wrap(lastReport);
        assertThat(lastReport[1] & 0xFF).isEqualTo(200);
        assertThat(lastReport[0] & 0x1F).as("report blocks").isEqualTo(1);
        int cumulative = (b.getInt(32) << 8) >> 8;
        // the report is made at close: the drops among the last packets the relay still held back
        // (up to 40 ms each, longer on a loaded machine) are not revealed yet
        assertThat(cumulative).as("cumulative lost in our last RR block").isBetween(dropped - 3, dropped + 1);
        long jitterUnits = b.getInt(40) & 0xFFFFFFFFL;
        assertThat(jitterUnits / 8.0).as("RR jitter, ms").isCloseTo(40.0 / 3, within(5.0));
        assertThat(containsPacketType(lastReport, 202)).as("SDES").isTrue();
        assertThat(containsPacketType(lastReport, 203)).as("BYE at close").isTrue();
        // a report mid-call: fraction lost near 5 % of 256
        byte[] firstReport = rtcp.get(0);
        if ((firstReport[0] & 0x1F) == 1) {
            assertThat(firstReport[32] & 0xFF).as("fraction lost /256").isBetween(6, 22);
        }

        // round trip: the relay holds each RR for 60 ms and reports that hold as DLSR, so what
        // remains is loopback: a few ms at most
        double rtt = media.path("rttMs").asDouble();
        assertThat(media.hasNonNull("rttMs")).isTrue();
        assertThat(rtt).as("RTT, ms").isBetween(0.0, 30.0);
        assertThat(relay.reportedLost()).contains(media.path("remotePacketsLost").asLong());

        // E-model inbound: 5 % random loss on G.711 with PLC, delay well under 100 ms
        double expectedIn = EModel.mos(EModel.rFactor(rtt / 2, 100.0 / DROP_EVERY, EModel.Codec.G711_PLC));
        assertThat(media.path("mosInbound").asDouble()).as("MOS in").isCloseTo(expectedIn, within(0.1));
        assertThat(expectedIn).isCloseTo(3.92, within(0.05));
        // outbound: the relay reported 2 % loss and no jitter
        double expectedOut = EModel.mos(EModel.rFactor(rtt / 2 + 20, 100.0 / OUTBOUND_DROP_EVERY, EModel.Codec.G711_PLC));
        assertThat(media.path("mosOutbound").asDouble()).as("MOS out").isCloseTo(expectedOut, within(0.1));
        assertThat(media.path("mosOutbound").asDouble()).isGreaterThan(media.path("mosInbound").asDouble());

        Figures.record("lossy relay 5 % / 0-40 ms: stored jitter", String.format("%.1f ms (expected 13.3)", jitter));
        Figures.record("lossy relay 5 % / 0-40 ms: MOS in / out", media.path("mosInbound").asDouble() + " / "
                + media.path("mosOutbound").asDouble());
        assertThat(server.metric("voxgate_media_packets_lost_total")).isGreaterThanOrEqualTo(dropped - 1.0);
        assertThat(server.get("/metrics").body()).contains("voxgate_call_mos_count{direction=\"inbound\"}");
    }

    private static boolean containsPacketType(byte[] compound, int type) {
        ByteBuffer b = ByteBuffer.wrap(compound);
        for (int i = 0; i + 4 <= compound.length; i += ((b.getShort(i + 2) & 0xFFFF) + 1) * 4) {
            if ((compound[i + 1] & 0xFF) == type) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aFloodFromAForeignSourceDoesNotHijackTheCall() throws Exception {
        String[] callId = new String[1];
        AtomicInteger flooderReceived = new AtomicInteger();
        int floodPackets = 3000;
        short[] echoed;
        try (RtpPeer peer = new RtpPeer(); DatagramSocket flooder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Sipp.Running sipp = call("flood", peer.port(), 9000, callId);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).isTrue();
            SocketAddress target = peer.serverAddress();
            flooder.setSoTimeout(100);
            Thread listen = Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[2048];
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                while (!flooder.isClosed()) {
                    try {
                        flooder.receive(in);
                        flooderReceived.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            // a 2 kHz tone in perfect sequence, one packet a millisecond, while the caller talks
            Thread flood = Thread.ofPlatform().daemon().start(() -> {
                short[] tone = Audio.tone(2000, 0.02);
                byte[] packet = new byte[172];
                ByteBuffer p = ByteBuffer.wrap(packet);
                for (int i = 0; i < 160; i++) {
                    packet[12 + i] = RtpPeer.linearToUlaw(tone[i]);
                }
                try {
                    Thread.sleep(300); // during the call: the caller has been talking for a while
                    for (int i = 0; i < floodPackets; i++) {
                        p.put(0, (byte) 0x80).put(1, (byte) 0).putShort(2, (short) i).putInt(4, 160 * i).putInt(8, 0x0BADF00D);
                        flooder.send(new DatagramPacket(packet, packet.length, target));
                        Thread.sleep(1);
                    }
                } catch (IOException | InterruptedException e) {
                    // the test ends
                }
            });
            int before = peer.receivedSamples();
            peer.sendAudio(Audio.tone(1000, 5));
            flood.join(20_000);
            peer.sendSilence(500);
            echoed = peer.received(before, peer.receivedSamples());
            Sipp.Result result = sipp.await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
            Thread.sleep(300);
            listen.interrupt();
        }
        assertThat(flooderReceived.get()).as("packets the flooder got from us").isZero();
        // the caller's own tone came back, and none of the flood's
        assertThat(Audio.toneShare(echoed, 1000)).as("1 kHz echoed").isGreaterThan(0.8);
        assertThat(Audio.toneShare(echoed, 2000)).as("2 kHz flood echoed").isLessThan(0.02);
        JsonNode media = server.awaitEndedCall(callId[0]).path("media");
        assertThat(media.path("packetsRejected").asLong()).as("flood packets dropped")
                .isGreaterThanOrEqualTo(floodPackets - 10L);
        assertThat(media.path("packetsIn").asLong()).isBetween(240L, 300L); // 5 s of caller + 0.5 s silence
        assertThat(server.metric("voxgate_media_packets_rejected_total")).isGreaterThanOrEqualTo(floodPackets - 10.0);
    }
}
