package org.voxgate.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A mutable view of one RTP fixed header (RFC 3550 section 5.1), filled by {@link #parse} and
 * reused for every packet so the receive path allocates nothing per datagram.
 *
 * <p>Threading: not thread-safe; each receive path owns its instance. Buffer ownership:
 * {@link #parse} only reads the buffer (indices unchanged) and keeps no reference to it; the
 * payload is located by {@link #payloadOffset()} and {@link #payloadLength()} in that buffer.
 */
public final class RtpHeader {
    /** Size of the fixed header without CSRCs or extension. */
    public static final int FIXED_SIZE = 12;

    private boolean padding;
    private boolean extension;
    private int csrcCount;
    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Parses the RTP header at the buffer's reader index.
     *
     * @return false when the datagram is not a well-formed RTP version 2 packet (too short,
     *     wrong version, CSRC list, extension or padding running past the end); never throws
     *     for bad input, so garbage can be counted and dropped
     */
    public boolean parse(ByteBuf buf) {
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < FIXED_SIZE) {
            return false;
        }
        int b0 = buf.getUnsignedByte(start);
        if ((b0 >> 6) != 2) {
            return false;
        }
        padding = (b0 & 0x20) != 0;
        extension = (b0 & 0x10) != 0;
        csrcCount = b0 & 0x0F;
        int b1 = buf.getUnsignedByte(start + 1);
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequenceNumber = buf.getUnsignedShort(start + 2);
        timestamp = buf.getUnsignedInt(start + 4);
        ssrc = buf.getUnsignedInt(start + 8);

        int headerEnd = FIXED_SIZE + 4 * csrcCount;
        if (headerEnd > length) {
            return false;
        }
        if (extension) {
            if (headerEnd + 4 > length) {
                return false;
            }
            int words = buf.getUnsignedShort(start + headerEnd + 2);
            headerEnd += 4 + 4 * words;
            if (headerEnd > length) {
                return false;
            }
        }
        int end = length;
        if (padding) {
            int padCount = buf.getUnsignedByte(start + length - 1);
            // the count includes itself, so zero is invalid (RFC 3550 section 5.1, P bit)
            if (padCount == 0 || headerEnd + padCount > length) {
                return false;
            }
            end -= padCount;
        }
        payloadOffset = start + headerEnd;
        payloadLength = end - headerEnd;
        return true;
    }

    /**
     * Writes a fixed 12-byte header (version 2, no padding, extension or CSRCs) at the
     * writer index.
     */
    public static void write(ByteBuf buf, boolean marker, int payloadType, int sequenceNumber,
            long timestamp, long ssrc) {
        buf.writeByte(0x80);
        buf.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        buf.writeShort(sequenceNumber & 0xFFFF);
        buf.writeInt((int) timestamp);
        buf.writeInt((int) ssrc);
    }

    public boolean padding() { return padding; }

    public boolean extension() { return extension; }

    public int csrcCount() { return csrcCount; }

    public boolean marker() { return marker; }

    public int payloadType() { return payloadType; }

    /** Sequence number, 0-65535. */
    public int sequenceNumber() { return sequenceNumber; }

    /** Timestamp as an unsigned 32-bit value. */
    public long timestamp() { return timestamp; }

    /** SSRC as an unsigned 32-bit value. */
    public long ssrc() { return ssrc; }

    /** Absolute index of the first payload byte in the parsed buffer. */
    public int payloadOffset() { return payloadOffset; }

    /** Payload bytes, excluding padding. */
    public int payloadLength() { return payloadLength; }
}
