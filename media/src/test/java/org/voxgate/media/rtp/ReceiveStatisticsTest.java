package org.voxgate.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {
    private static final long MS = 1_000_000L;

    @Test
    void sequenceWrapExtendsTheHighestAndCountsLossAndFraction() {
        ReceiveStatistics rx = new ReceiveStatistics(8000);
        int lost = 0;
        for (int i = 0; i < 200; i++) {
            if (i % 20 == 7) {
                lost++;
                continue; // deterministic 5 % loss
            }
            int seq = (65500 + i) & 0xFFFF;
            rx.onPacket(0xAB, seq, 160L * i, i * 20 * MS, 160);
        }
        assertThat(rx.extendedHighestSequence()).isEqualTo(65536 + (65500 + 199 - 65536));
        assertThat(rx.expected()).isEqualTo(200);
        assertThat(rx.cumulativeLost()).isEqualTo(lost).isEqualTo(10);
        assertThat(rx.bytes()).isEqualTo(190 * 160);

        ByteBuf buf = Unpooled.buffer();
        RtcpWriter w = new RtcpWriter().begin(buf).receiverReport(1);
        assertThat(rx.writeReportBlock(w, 4000 * MS)).isTrue();
        w.finish();
        int lossWord = buf.getInt(12);
        assertThat(lossWord >>> 24).isEqualTo(12); // 10/200 of 256 = 12.8, truncated
        assertThat(lossWord & 0xFFFFFF).isEqualTo(10);
        assertThat(buf.getUnsignedInt(16)).isEqualTo(rx.extendedHighestSequence());

        // the next interval has no loss: fraction 0, cumulative unchanged
        for (int i = 200; i < 250; i++) {
            rx.onPacket(0xAB, (65500 + i) & 0xFFFF, 160L * i, i * 20 * MS, 160);
        }
        buf.clear();
        w.begin(buf).receiverReport(1);
        rx.writeReportBlock(w, 5000 * MS);
        w.finish();
        assertThat(buf.getInt(12) >>> 24).isZero();
        assertThat(buf.getInt(12) & 0xFFFFFF).isEqualTo(10);
    }

    @Test
    void steadyArrivalHasNoJitterAndAlternatingDelayConvergesToIt() {
        ReceiveStatistics rx = new ReceiveStatistics(8000);
        for (int i = 0; i < 100; i++) {
            rx.onPacket(1, i, 160L * i, 1_000_000 * MS + i * 20 * MS, 160);
        }
        assertThat(rx.jitterMillis()).isZero();
        // every other packet 40 ms late: |D| is 40 ms each time, so J tends to 40 ms
        for (int i = 100; i < 400; i++) {
            long extra = (i % 2) * 40 * MS;
            rx.onPacket(1, i, 160L * i, 1_000_000 * MS + i * 20 * MS + extra, 160);
        }
        assertThat(rx.jitterMillis()).isCloseTo(40, within(0.5));
        assertThat(rx.jitter()).isCloseTo(320, within(4.0));
    }

    @Test
    void uniformDelayJitterMatchesItsExpectedValue() {
        // delays uniform in [0, 40] ms: E|D1 - D2| = 40/3 ms, which the estimator tracks
        ReceiveStatistics rx = new ReceiveStatistics(8000);
        Random random = new Random(42);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 20000; i++) {
            long delay = (long) (random.nextDouble() * 40 * MS);
            rx.onPacket(7, i & 0xFFFF, 160L * i, i * 20 * MS + delay, 160);
            if (i > 1000 && i % 10 == 0) {
                sum += rx.jitterMillis();
                n++;
            }
        }
        assertThat(sum / n).isCloseTo(40.0 / 3, within(0.7));
    }

    @Test
    void untimedPacketsCountButLeaveJitterAlone() {
        ReceiveStatistics rx = new ReceiveStatistics(8000);
        for (int i = 0; i < 10; i++) {
            rx.onPacket(1, i, 160L * i, i * 20 * MS, 160);
        }
        for (int i = 10; i < 20; i++) { // an RFC 4733 event: one timestamp, packets 20 ms apart
            rx.onPacket(1, i, 1600, i * 20 * MS, 4, false);
        }
        rx.onPacket(1, 20, 160L * 20, 20 * 20 * MS, 160);
        assertThat(rx.jitter()).isZero();
        assertThat(rx.received()).isEqualTo(21);
        assertThat(rx.cumulativeLost()).isZero();
    }

    @Test
    void newSsrcRestartsAndDelaySinceLastSrIsIn65536ths() {
        ReceiveStatistics rx = new ReceiveStatistics(8000);
        rx.onPacket(1, 100, 0, 0, 160);
        rx.onPacket(1, 105, 800, 100 * MS, 160);
        assertThat(rx.cumulativeLost()).isEqualTo(4);
        rx.onPacket(2, 9, 0, 120 * MS, 160);
        assertThat(rx.ssrc()).isEqualTo(2);
        assertThat(rx.cumulativeLost()).isZero();
        rx.onSenderReport(0x12345678L, 1000 * MS);
        ByteBuf buf = Unpooled.buffer();
        RtcpWriter w = new RtcpWriter().begin(buf).receiverReport(9);
        rx.writeReportBlock(w, 1500 * MS);
        w.finish();
        assertThat(buf.getUnsignedInt(8)).isEqualTo(2); // about SSRC 2
        assertThat(buf.getUnsignedInt(24)).isEqualTo(0x12345678L);
        assertThat(buf.getUnsignedInt(28)).isEqualTo(32768); // 0.5 s
    }
}
