package org.voxgate.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Reads a compound RTCP packet (RFC 3550 section 6) and hands its sender info, report blocks
 * and BYEs to a {@link Listener}. SDES, APP and unknown packet types are skipped by their
 * length field.
 *
 * <p>Validity follows appendix A.2 loosely: every packet must be version 2 and the lengths
 * must add up to the datagram; the first must be an SR or RR. Nothing is reported from an
 * invalid datagram.
 *
 * <p>Threading: stateless apart from the listener; one per receive thread. Buffer ownership:
 * reads the buffer without changing its indices and keeps no reference.
 */
public final class RtcpParser {

    /** Receives the parts of one compound packet, in order, on the parsing thread. */
    public interface Listener {
        void onSenderInfo(long senderSsrc, long ntpTimestamp, long rtpTimestamp, long packetCount,
                long octetCount);

        /** A report block from {@code reporterSsrc} about the stream {@code sourceSsrc}. */
        void onReportBlock(long reporterSsrc, long sourceSsrc, int fractionLost, int cumulativeLost,
                long extendedHighest, long jitter, long lastSr, long delaySinceLastSr);

        void onBye(long ssrc);
    }

    /** True when the first bytes look like RTCP rather than RTP (RFC 5761 section 4). */
    public static boolean looksLikeRtcp(ByteBuf buf) {
        int start = buf.readerIndex();
        if (buf.readableBytes() < 8 || (buf.getUnsignedByte(start) >> 6) != 2) {
            return false;
        }
        int pt = buf.getUnsignedByte(start + 1);
        return pt >= 200 && pt <= 204;
    }

    /** Validates, then reports the packet's parts; false (nothing reported) when invalid. */
    public boolean parse(ByteBuf buf, Listener listener) {
        if (!valid(buf)) {
            return false;
        }
        int index = buf.readerIndex();
        int end = index + buf.readableBytes();
        while (index < end) {
            int b0 = buf.getUnsignedByte(index);
            int count = b0 & 0x1F;
            int pt = buf.getUnsignedByte(index + 1);
            int bytes = (buf.getUnsignedShort(index + 2) + 1) * 4;
            switch (pt) {
                case RtcpWriter.SR -> senderReport(buf, index, bytes, count, listener);
                case RtcpWriter.RR -> receiverReport(buf, index, bytes, count, listener);
                case RtcpWriter.BYE -> {
                    for (int i = 0; i < count && 4 + 4 * (i + 1) <= bytes; i++) {
                        listener.onBye(buf.getUnsignedInt(index + 4 + 4 * i));
                    }
                }
                default -> { } // SDES, APP, XR: nothing we use
            }
            index += bytes;
        }
        return true;
    }

    private static boolean valid(ByteBuf buf) {
        int index = buf.readerIndex();
        int end = index + buf.readableBytes();
        if (end - index < 8) {
            return false;
        }
        int firstType = buf.getUnsignedByte(index + 1);
        if (firstType != RtcpWriter.SR && firstType != RtcpWriter.RR) {
            return false;
        }
        while (index < end) {
            if (end - index < 4 || (buf.getUnsignedByte(index) >> 6) != 2) {
                return false;
            }
            index += (buf.getUnsignedShort(index + 2) + 1) * 4;
        }
        return index == end;
    }

    private static void senderReport(ByteBuf buf, int index, int bytes, int count, Listener listener) {
        if (bytes < 28) {
            return;
        }
        long ssrc = buf.getUnsignedInt(index + 4);
        listener.onSenderInfo(ssrc, buf.getLong(index + 8), buf.getUnsignedInt(index + 16),
                buf.getUnsignedInt(index + 20), buf.getUnsignedInt(index + 24));
        blocks(buf, index + 28, index + bytes, count, ssrc, listener);
    }

    private static void receiverReport(ByteBuf buf, int index, int bytes, int count, Listener listener) {
        if (bytes < 8) {
            return;
        }
        blocks(buf, index + 8, index + bytes, count, buf.getUnsignedInt(index + 4), listener);
    }

    private static void blocks(ByteBuf buf, int index, int end, int count, long reporter, Listener listener) {
        for (int i = 0; i < count && index + 24 <= end; i++, index += 24) {
            int lossWord = buf.getInt(index + 4);
            int cumulative = (lossWord << 8) >> 8; // sign-extend the 24-bit count
            listener.onReportBlock(reporter, buf.getUnsignedInt(index), (lossWord >>> 24) & 0xFF, cumulative,
                    buf.getUnsignedInt(index + 8), buf.getUnsignedInt(index + 12), buf.getUnsignedInt(index + 16),
                    buf.getUnsignedInt(index + 20));
        }
    }
}
