package org.voxgate.media.rtp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes RTCP packets (RFC 3550 section 6.4 to 6.6) into a buffer, one after another, so that
 * they form a compound packet: a sender or receiver report with its report blocks, then an
 * SDES with our CNAME, and at the end of a session a BYE.
 *
 * <p>Usage: {@link #begin} with the buffer, then {@link #senderReport} or
 * {@link #receiverReport}, any number of {@link #reportBlock}s (at most 31), then
 * {@link #sdesCname} and optionally {@link #bye}; each packet's count and length fields are
 * filled in when the next packet starts or at {@link #finish}.
 *
 * <p>Threading: not thread-safe; one per writer thread. Buffer ownership: the caller owns the
 * buffer; this class keeps a reference only between {@link #begin} and {@link #finish}.
 */
public final class RtcpWriter {
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    private static final int CNAME = 1;

    private ByteBuf buf;
    private int packetStart = -1;
    private int count;

    /** Starts a compound packet at the buffer's writer index. */
    public RtcpWriter begin(ByteBuf out) {
        this.buf = out;
        this.packetStart = -1;
        this.count = 0;
        return this;
    }

    /** An SR: sender info (6.4.1); report blocks may follow. */
    public RtcpWriter senderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount,
            long octetCount) {
        header(SR);
        buf.writeInt((int) ssrc);
        buf.writeLong(ntpTimestamp);
        buf.writeInt((int) rtpTimestamp);
        buf.writeInt((int) packetCount);
        buf.writeInt((int) octetCount);
        return this;
    }

    /** An RR (6.4.2); report blocks may follow. */
    public RtcpWriter receiverReport(long ssrc) {
        header(RR);
        buf.writeInt((int) ssrc);
        return this;
    }

    /**
     * One report block of the current SR or RR.
     *
     * @param cumulativeLost signed, clamped to 24 bits by the caller
     * @param lastSr middle 32 bits of the NTP time of the last SR received from that source
     * @param delaySinceLastSr in units of 1/65536 s
     */
    public RtcpWriter reportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighest,
            long jitter, long lastSr, long delaySinceLastSr) {
        if (packetStart < 0 || count == 31) {
            throw new IllegalStateException("a report block needs an SR or RR with room for it");
        }
        buf.writeInt((int) ssrc);
        buf.writeInt(((fractionLost & 0xFF) << 24) | (cumulativeLost & 0xFFFFFF));
        buf.writeInt((int) extendedHighest);
        buf.writeInt((int) jitter);
        buf.writeInt((int) lastSr);
        buf.writeInt((int) delaySinceLastSr);
        count++;
        return this;
    }

    /** An SDES with one chunk carrying one CNAME item (6.5.1), padded to a 32-bit boundary. */
    public RtcpWriter sdesCname(long ssrc, String cname) {
        header(SDES);
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, 255);
        buf.writeInt((int) ssrc);
        buf.writeByte(CNAME);
        buf.writeByte(length);
        buf.writeBytes(text, 0, length);
        // the item list ends with at least one null octet, then pads to a word boundary
        int itemBytes = 2 + length;
        int pad = 4 - (itemBytes % 4);
        buf.writeZero(pad);
        count = 1;
        return this;
    }

    /** A BYE for one SSRC, without a reason (6.6). */
    public RtcpWriter bye(long ssrc) {
        header(BYE);
        buf.writeInt((int) ssrc);
        count = 1;
        return this;
    }

    /** Completes the last packet; the compound packet is everything written since begin. */
    public void finish() {
        closePacket();
        buf = null;
    }

    private void header(int packetType) {
        closePacket();
        packetStart = buf.writerIndex();
        count = 0;
        buf.writeByte(0x80); // version 2, no padding, count filled in later
        buf.writeByte(packetType);
        buf.writeShort(0);
    }

    private void closePacket() {
        if (packetStart < 0) {
            return;
        }
        int bytes = buf.writerIndex() - packetStart;
        buf.setByte(packetStart, 0x80 | count);
        buf.setShort(packetStart + 2, bytes / 4 - 1); // length in 32-bit words minus one
        packetStart = -1;
    }
}
