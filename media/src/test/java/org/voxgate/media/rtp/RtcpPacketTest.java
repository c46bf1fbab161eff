package org.voxgate.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpPacketTest {
    private final List<String> seen = new ArrayList<>();
    private final RtcpParser.Listener listener = new RtcpParser.Listener() {
        @Override
        public void onSenderInfo(long ssrc, long ntp, long rtp, long packets, long octets) {
            seen.add("SR " + Long.toHexString(ssrc) + " " + Long.toHexString(ntp) + " " + rtp + " " + packets + " " + octets);
        }

        @Override
        public void onReportBlock(long reporter, long source, int fraction, int lost, long highest, long jitter,
                long lsr, long dlsr) {
            seen.add("RB " + Long.toHexString(reporter) + "->" + Long.toHexString(source) + " " + fraction + " " + lost
                    + " " + highest + " " + jitter + " " + Long.toHexString(lsr) + " " + dlsr);
        }

        @Override
        public void onBye(long ssrc) {
            seen.add("BYE " + Long.toHexString(ssrc));
        }
    };

    @Test
    void compoundSenderReportWithBlockSdesAndByeRoundTrips() {
        ByteBuf buf = Unpooled.buffer();
        new RtcpWriter().begin(buf)
                .senderReport(0xDEADBEEFL, 0xE1234567_89ABCDEFL, 4_000_000_000L, 250, 40_000)
                .reportBlock(0xCAFEF00DL, 12, 17, 70_000, 320, 0x456789ABL, 65536)
                .sdesCname(0xDEADBEEFL, "abc@voxgate")
                .bye(0xDEADBEEFL)
                .finish();

        // SR 28 + block 24, SDES 4 + 4 + 2 + 11 + pad to 24, BYE 8
        assertThat(buf.readableBytes()).isEqualTo(52 + 24 + 8);
        assertThat((int) buf.getUnsignedByte(0)).isEqualTo(0x81); // V=2, one report block
        assertThat(buf.getUnsignedShort(2)).isEqualTo(52 / 4 - 1);
        assertThat((int) buf.getUnsignedByte(52)).isEqualTo(0x81); // SDES, one chunk
        assertThat((int) buf.getUnsignedByte(53)).isEqualTo(202);
        assertThat(buf.getUnsignedShort(54)).isEqualTo(24 / 4 - 1);

        assertThat(new RtcpParser().parse(buf, listener)).isTrue();
        assertThat(seen).containsExactly(
                "SR deadbeef e123456789abcdef 4000000000 250 40000",
                "RB deadbeef->cafef00d 12 17 70000 320 456789ab 65536",
                "BYE deadbeef");
        assertThat(buf.readerIndex()).isZero();
    }

    @Test
    void receiverReportCarriesNegativeCumulativeLossSigned() {
        ByteBuf buf = Unpooled.buffer();
        new RtcpWriter().begin(buf).receiverReport(1).reportBlock(2, 0, -3, 5, 0, 0, 0).sdesCname(1, "x").finish();
        assertThat(new RtcpParser().parse(buf, listener)).isTrue();
        assertThat(seen).containsExactly("RB 1->2 0 -3 5 0 0 0");
    }

    @Test
    void malformedCompoundsReportNothing() {
        ByteBuf truncated = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 200, 0, 6});
        assertThat(new RtcpParser().parse(truncated, listener)).isFalse();
        ByteBuf sdesFirst = Unpooled.buffer();
        new RtcpWriter().begin(sdesFirst).sdesCname(1, "x").finish();
        assertThat(new RtcpParser().parse(sdesFirst, listener)).isFalse();
        ByteBuf badLength = Unpooled.buffer();
        new RtcpWriter().begin(badLength).receiverReport(1).finish();
        badLength.writeByte(0);
        assertThat(new RtcpParser().parse(badLength, listener)).isFalse();
        assertThat(seen).isEmpty();
    }

    @Test
    void rtcpIsToldApartFromRtpByItsPacketType() {
        ByteBuf rr = Unpooled.buffer();
        new RtcpWriter().begin(rr).receiverReport(1).finish();
        assertThat(RtcpParser.looksLikeRtcp(rr)).isTrue();
        ByteBuf rtp = Unpooled.buffer();
        RtpHeader.write(rtp, true, 0, 1, 2, 3); // marker + PT 0 = 0x80, far from 200-204
        assertThat(RtcpParser.looksLikeRtcp(rtp)).isFalse();
    }
}
