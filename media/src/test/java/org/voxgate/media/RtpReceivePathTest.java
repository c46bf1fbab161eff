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

    /** A packet whose every sample is {@code k * 1000}, so its audio can be recognised after decoding. */
    private void sendFrame(int seq, int k) throws Exception {
        byte[] payload = new byte[160];
        java.util.Arrays.fill(payload, G711.linearToUlaw((short) (k * 1000)));
        peer.send(engineRtp, false, 0, seq, 160L * seq, 0xCAFE, payload);
    }

    /**
     * The labels of the flat stretches (at least 100 equal samples) in the received audio, in
     * order, silence left out: which frames were played, whatever the frame boundaries.
     */
    private static List<Integer> plateaus(List<short[]> frames) {
        List<Integer> labels = new ArrayList<>();
        int run = 0;
        short previous = 0;
        for (short[] f : frames) {
            for (short v : f) {
                run = v == previous ? run + 1 : 1;
                previous = v;
                int label = Math.round(v / 1000f);
                if (run == 100 && label != 0) {
                    labels.add(label);
                }
            }
        }
        return labels;
    }

    private static List<short[]> take(LinkedBlockingQueue<short[]> frames, int n) throws InterruptedException {
        List<short[]> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            short[] f = frames.poll(10, TimeUnit.SECONDS);
            assertThat(f).as("frame %d", i).isNotNull().hasSize(160);
            taken.add(f);
        }
        return taken;
    }

    @Test
    void garbageIsCountedAndReorderingLossDuplicatesAndPausesAreHandled() throws Exception {
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
        peer.send(engineRtp, false, 72, 1, 0, 0xCAFE, new byte[20]);            // RTCP sender report shape
        byte[] rtcp = {(byte) 0x80, (byte) 200, 0, 6};
        peer.socket.send(new DatagramPacket(rtcp, rtcp.length,
                new InetSocketAddress(LoopbackPorts.LOOPBACK, engineRtp.getPort() + 1)));
        Thread.sleep(100);
        assertThat(frames).as("no media yet, no frames").isEmpty();

        sendFrame(10, 1);
        sendFrame(12, 3);
        sendFrame(11, 2);
        sendFrame(14, 5); // 13 never comes: concealed at its turn
        // once media flows, one frame per 20 ms tick: audio, concealment, then silence
        List<short[]> first = take(frames, 25);
        assertThat(plateaus(first)).containsExactly(1, 2, 3, 5);

        sendFrame(12, 3); // a copy of a packet played long ago
        sendFrame(15, 6); // after a pause: playout starts afresh on it
        List<short[]> second = take(frames, 25);
        assertThat(plateaus(second)).containsExactly(6);

        RtpSession rtp = (RtpSession) session;
        assertThat(rtp.garbagePackets()).isEqualTo(4); // the three above and the truncated RTCP
        RtpMediaEngineTest.awaitTrue(() -> session.stats().packetsDuplicate() == 1);
        MediaStats stats = session.stats();
        assertThat(stats.packetsIn()).isEqualTo(6);
        assertThat(stats.packetsLost()).isEqualTo(1);
        assertThat(stats.packetsLate()).isZero();
        assertThat(stats.concealedFrames()).isEqualTo(1);
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
