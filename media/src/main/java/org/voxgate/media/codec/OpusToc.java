package org.voxgate.media.codec;

import io.netty.buffer.ByteBuf;

/**
 * How long an Opus packet plays, read from its table-of-contents byte (RFC 6716 section 3.1):
 * the configuration gives the frame duration, the code the number of frames. The jitter buffer
 * needs it because an Opus payload's length says nothing about its duration.
 *
 * <p>Stateless and thread-safe; reads the buffer without moving its indices.
 */
public final class OpusToc {
    /** Frame durations in 48 kHz samples: SILK (configs 0-11), hybrid (12-15), CELT (16-31). */
    private static final int[] SILK = {480, 960, 1920, 2880};
    private static final int[] HYBRID = {480, 960};
    private static final int[] CELT = {120, 240, 480, 960};
    /** RFC 6716 limits a packet to 120 ms. */
    private static final int MAX_SAMPLES = 5760;

    private OpusToc() {
    }

    /**
     * The packet's duration in 48 kHz samples (RTP timestamp units of an Opus stream), or 0 for
     * an empty or malformed packet.
     */
    public static int samplesAt48kHz(ByteBuf buf, int index, int length) {
        if (length < 1) {
            return 0;
        }
        int toc = buf.getUnsignedByte(index);
        int config = toc >> 3;
        int frameSamples = config < 12 ? SILK[config & 3] : config < 16 ? HYBRID[config & 1] : CELT[config & 3];
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> length < 2 ? 0 : buf.getUnsignedByte(index + 1) & 0x3F;
        };
        int samples = frames * frameSamples;
        return samples > MAX_SAMPLES ? 0 : samples;
    }
}
