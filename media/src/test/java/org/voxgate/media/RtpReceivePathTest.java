package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.G711;

/** The session's receive path against hostile and imperfect input, over loopback UDP. */
class RtpReceivePathTest {
    private RtpMediaEngine engine;
    private RtpTestPeer peer;
    private InetSocketAddress engineRtp;

    @BeforeEach
    void setUp() throws Exception {
        int base = LoopbackPorts.freeRange(4);
        engine = new RtpMediaEngine(
                new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3, Duration.ofSeconds(60)),
                Clock.systemUTC(), 1).start();
        peer = new RtpTestPeer();
    }

    @AfterEach
    void tearDown() {
        peer.close();
        engine.close();
    }

    private static String offer(int port, String direction) {
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=" + direction + "\r\n";
    }

    /** A frame whose every sample is {@code k * 1000}, so the frame can be recognised after decoding. */
    private void sendFrame(int seq, int k) throws Exception {
        byte[] payload = new byte[160];
        java.util.Arrays.fill(payload, G711.linearToUlaw((short) (k * 1000)));
        peer.send(engineRtp, false, 0, seq, 160L * seq, 0xCAFE, payload);
    }

    private static int label(short[] frame) {
        return Math.round(frame[0] / 1000f);
    }

    @Test
    void garbageIsCountedAndReorderingLossAndLatenessAreHandled() throws Exception {
        MediaSession session = engine.open("call-rx");
        engineRtp = new InetSocketAddress(LoopbackPorts.LOOPBACK, session.localRtpAddress().getPort());
        SdpAnswer answer = engine.answer(offer(peer.port(), "sendrecv"), session);
        LinkedBlockingQueue<short[]> frames = new LinkedBlockingQueue<>();
        session.setInboundListener(f -> frames.add(f.clone()));
        session.start(answer.parameters());

        byte[][] garbage = {
            "hello".getBytes(),
            new byte[] {0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1},     // RTP version 1
            new byte[] {(byte) 0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0},  // CSRCs missing
        };
        for (byte[] g : garbage) {
            peer.socket.send(new DatagramPacket(g, g.length, engineRtp));
        }
        peer.send(engineRtp, false, 13, 1, 0, 0xCAFE, new byte[1]);             // comfort noise: not negotiated
        peer.send(engineRtp, false, 72, 1, 0, 0xCAFE, new byte[20]);            // RTCP sender report shape
        byte[] rtcp = {(byte) 0x80, (byte) 200, 0, 6};
        peer.socket.send(new DatagramPacket(rtcp, rtcp.length,
                new InetSocketAddress(LoopbackPorts.LOOPBACK, engineRtp.getPort() + 1)));

        sendFrame(10, 1);
        sendFrame(12, 3);
        sendFrame(11, 2);
        sendFrame(14, 5); // 13 never comes: the pacer gives up on it after the reorder window
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            short[] f = frames.poll(10, TimeUnit.SECONDS);
            assertThat(f).as("frame %d", i).isNotNull();
            order.add(label(f));
        }
        assertThat(order).containsExactly(1, 2, 3, 5);

        sendFrame(12, 3); // a duplicate long after its turn
        sendFrame(15, 6);
        short[] f = frames.poll(10, TimeUnit.SECONDS);
        assertThat(f).isNotNull();
        assertThat(label(f)).isEqualTo(6);

        RtpSession rtp = (RtpSession) session;
        assertThat(rtp.garbagePackets()).isEqualTo(3);
        MediaStats stats = session.stats();
        assertThat(stats.packetsIn()).isEqualTo(6);
        assertThat(stats.packetsLost()).isEqualTo(1);
        assertThat(stats.packetsLate()).isEqualTo(1);
        assertThat(frames).isEmpty();
        session.close();
    }

    @Test
    void holdStopsSendingAndResumeStartsAgain() throws Exception {
        MediaSession held = engine.open("call-held");
        MediaSession witness = engine.open("call-witness");
        try (RtpTestPeer witnessPeer = new RtpTestPeer()) {
            held.start(engine.answer(offer(peer.port(), "inactive"), held).parameters());
            assertThat(engine.answer(offer(peer.port(), "inactive"), held).sdp()).contains("a=inactive");
            witness.start(engine.answer(offer(witnessPeer.port(), "sendrecv"), witness).parameters());

            // the shared pacer has ticked for the witness: it ticked for the held call too
            for (int i = 0; i < 5; i++) {
                assertThat(witnessPeer.receive()).isNotNull();
            }
            assertThat(held.stats().packetsOut()).isZero();

            String resumed = engine.answer(offer(peer.port(), "sendrecv"), held).sdp();
            assertThat(resumed).contains("a=sendrecv").containsPattern("o=voxgate \\d+ 3 ");
            assertThat(peer.receive()).isNotNull();
        }
        held.close();
        witness.close();
        assertThat(engine.allocatedPorts()).isZero();
    }
}
