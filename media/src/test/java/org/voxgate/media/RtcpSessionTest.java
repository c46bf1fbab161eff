package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Two RTCP sessions exchanging reports as bytes, on an injected clock. */
class RtcpSessionTest {
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 4000);

    @Test
    void roundTripTimeComesFromLsrAndDlsrAndLossFromTheReportBlock() {
        long wall = 1_700_000_000_000L;
        RtcpSession us = new RtcpSession(0x1111, 500, 8000, "us", new SplittableRandom(1), wall, 0);
        // the peer's clocks differ from ours: the RTT must not depend on them
        RtcpSession peer = new RtcpSession(0x2222, 9, 8000, "peer", new SplittableRandom(2), wall + 12_345, 777 * MS);

        // we send 100 packets from t = 0; the peer receives 95 of them (5 % loss), 15 ms later
        for (int i = 0; i < 100; i++) {
            us.onRtpSent(160L * i, 160, i * 20 * MS);
            if (i % 20 != 3) {
                peer.received().onPacket(0x1111, 500 + i, 160L * i, 777 * MS + i * 20 * MS + 15 * MS, 160);
            }
        }
        // and the peer sends to us, so that it has an SSRC we know
        peer.onRtpSent(0, 160, 777 * MS);
        us.received().onPacket(0x2222, 9, 0, 15 * MS, 160);

        ByteBuf sr = Unpooled.buffer();
        us.write(sr, 2000 * MS, false);
        assertThat((int) sr.getUnsignedByte(1)).isEqualTo(200); // we have sent: an SR
        assertThat(sr.getUnsignedInt(20)).isEqualTo(100); // packet count
        assertThat(sr.getUnsignedInt(24)).isEqualTo(16000); // octet count
        // the SR reaches the peer 15 ms later; it answers 1 s after that
        assertThat(peer.onRtcp(sr, PEER, false, 777 * MS + 2015 * MS)).isTrue();
        ByteBuf rr = Unpooled.buffer();
        peer.write(rr, 777 * MS + 3015 * MS, false);
        assertThat(us.onRtcp(rr, PEER, false, 3030 * MS)).isTrue();

        assertThat(us.rttMillis()).isCloseTo(30, within(0.1));
        assertThat(us.haveRemoteReport()).isTrue();
        assertThat(us.remoteCumulativeLost()).isEqualTo(5);
        assertThat(us.remoteLossPercent()).isCloseTo(5, within(0.01));
        assertThat(us.remoteJitterMillis()).isZero();
        assertThat(us.reportsReceived()).isEqualTo(1);
        assertThat(us.destination(null)).isEqualTo(PEER);
    }

    @Test
    void reportsComeEveryFiveSecondsRandomisedBetweenHalfAndOneAndAHalfTimes() {
        RtcpSession s = new RtcpSession(1, 0, 8000, "x", new SplittableRandom(7), 0, 0);
        long now = 0;
        long last = -1;
        long first = -1;
        long sum = 0;
        int reports = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int tick = 0; tick < 50 * 3600; tick++, now += 20 * MS) { // one hour of 20 ms ticks
            if (s.due(now)) {
                if (last < 0) {
                    first = now;
                } else {
                    long gap = now - last;
                    min = Math.min(min, gap);
                    max = Math.max(max, gap);
                    sum += gap;
                    reports++;
                }
                last = now;
            }
        }
        assertThat(first).isBetween(1250 * MS, 3770 * MS);
        assertThat(min).isGreaterThanOrEqualTo(2500 * MS);
        assertThat(max).isLessThanOrEqualTo(7520 * MS);
        assertThat((double) sum / reports / MS).isCloseTo(5000, within(150.0));
    }

    @Test
    void reportsGoToRtcpPortByConventionOrMultiplexedAsTheCallerSends() {
        RtcpSession s = new RtcpSession(1, 0, 8000, "x", new SplittableRandom(7), 0, 0);
        assertThat(s.destination(PEER)).isEqualTo(new InetSocketAddress("127.0.0.1", 4001));
        ByteBuf rr = Unpooled.buffer();
        new org.voxgate.media.rtp.RtcpWriter().begin(rr).receiverReport(9).finish();
        assertThat(s.onRtcp(rr, PEER, true, 0)).isTrue();
        assertThat(s.destination(PEER)).isEqualTo(PEER);
        s.resetDestination();
        assertThat(s.destination(PEER)).isEqualTo(new InetSocketAddress("127.0.0.1", 4001));
    }
}
