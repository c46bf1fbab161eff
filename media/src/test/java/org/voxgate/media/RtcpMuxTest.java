package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RTCP over real loopback UDP with RTCP-mux offered (RFC 5761): the answer accepts it, the
 * peer's reports on the RTP port are read, our SR comes back on the RTP port, the round trip
 * is measured from the peer's LSR/DLSR, and closing sends a BYE.
 */
class RtcpMuxTest {
    private RtpMediaEngine engine;
    private RtpTestPeer peer;

    @BeforeEach
    void setUp() throws Exception {
        int base = LoopbackPorts.freeRange(4);
        engine = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3, Duration.ofSeconds(60)),
                Clock.systemUTC(), 1).start();
        peer = new RtpTestPeer();
    }

    @AfterEach
    void tearDown() {
        peer.close();
        engine.close();
    }

    private static String offer(int port, boolean mux) {
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=sendrecv\r\n" + (mux ? "a=rtcp-mux\r\n" : "");
    }

    @Test
    void withoutMuxOfferedTheAnswerDoesNotClaimIt() throws Exception {
        MediaSession session = engine.open("call-nomux");
        assertThat(engine.answer(offer(peer.port(), false), session).sdp()).doesNotContain("rtcp-mux");
        session.close();
    }

    @Test
    void muxedReportsFlowBothWaysOnTheRtpPortsAndGiveTheRoundTrip() throws Exception {
        MediaSession session = engine.open("call-mux");
        InetSocketAddress engineRtp = new InetSocketAddress(LoopbackPorts.LOOPBACK, session.localRtpAddress().getPort());
        SdpAnswer answer = engine.answer(offer(peer.port(), true), session);
        assertThat(answer.sdp()).contains("a=rtcp-mux\r\n");
        session.start(answer.parameters());

        for (int i = 0; i < 10; i++) {
            peer.send(engineRtp, i == 0, 0, 100 + i, 160L * i, 0x5151, new byte[160]);
        }
        // an RR from the peer on the RTP port, about nothing yet: counted, not mistaken for RTP
        sendReceiverReport(engineRtp, 0, 0, 0);

        byte[] sr = awaitRtcp(200, 8000);
        assertThat(sr).as("our SR on the peer's RTP port").isNotNull();
        ByteBuffer b = ByteBuffer.wrap(sr);
        long ourSsrc = b.getInt(4) & 0xFFFFFFFFL;
        long lsr = (b.getLong(8) >>> 16) & 0xFFFFFFFFL;
        assertThat(sr[0] & 0x1F).as("one report block, about the peer").isEqualTo(1);
        assertThat(b.getInt(28) & 0xFFFFFFFFL).isEqualTo(0x5151);
        assertThat(b.getInt(36) & 0xFFFF).as("highest sequence").isEqualTo(109);

        sendReceiverReport(engineRtp, ourSsrc, lsr, 0);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (session.stats().rttMillis() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        MediaStats stats = session.stats();
        assertThat(stats.rttMillis()).as("round trip on loopback, ms").isNotNull().isBetween(0.0, 1000.0);
        assertThat(stats.rtcpReceived()).isEqualTo(2);
        assertThat(stats.remotePacketsLost()).isZero();
        assertThat(stats.packetsIn()).isEqualTo(10);
        assertThat(stats.mosOutbound()).isGreaterThan(4.0);

        session.close();
        byte[] bye = awaitRtcp(200, 3000);
        assertThat(bye).as("final report").isNotNull();
        assertThat(containsType(bye, 203)).as("BYE").isTrue();
    }

    private void sendReceiverReport(InetSocketAddress to, long aboutSsrc, long lsr, long dlsr) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(aboutSsrc == 0 ? 8 : 32);
        b.put((byte) (aboutSsrc == 0 ? 0x80 : 0x81)).put((byte) 201).putShort((short) (b.capacity() / 4 - 1));
        b.putInt(0x5151);
        if (aboutSsrc != 0) {
            b.putInt((int) aboutSsrc).putInt(0).putInt(0).putInt(0).putInt((int) lsr).putInt((int) dlsr);
        }
        peer.socket.send(new DatagramPacket(b.array(), b.capacity(), to));
    }

    /** The next RTCP packet of the given first type, skipping RTP; null on timeout. */
    private byte[] awaitRtcp(int firstType, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        byte[] buf = new byte[1500];
        while (System.nanoTime() < deadline) {
            DatagramPacket dp = new DatagramPacket(buf, buf.length);
            try {
                peer.socket.receive(dp);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if ((buf[1] & 0xFF) == firstType) {
                return java.util.Arrays.copyOf(buf, dp.getLength());
            }
        }
        return null;
    }

    private static boolean containsType(byte[] compound, int type) {
        ByteBuffer b = ByteBuffer.wrap(compound);
        for (int i = 0; i + 4 <= compound.length; i += ((b.getShort(i + 2) & 0xFFFF) + 1) * 4) {
            if ((compound[i + 1] & 0xFF) == type) {
                return true;
            }
        }
        return false;
    }
}
