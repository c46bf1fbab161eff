package org.voxgate.media.codec;

import org.voxgate.media.Codec;

/**
 * A G.711 codec chosen by the negotiated {@link Codec}: encodes 16-bit PCM to one byte per
 * sample and back, plus the code word for digital silence.
 *
 * <p>Threading: instances are immutable and thread-safe. Buffer ownership: callers own every
 * array passed in; nothing is retained.
 */
public enum AudioCodec {
    /** mu-law, RTP payload type 0. */
    PCMU(G711.linearToUlaw((short) 0)) {
        @Override
        public void encode(short[] src, int srcOff, byte[] dst, int dstOff, int length) {
            G711.encodeUlaw(src, srcOff, dst, dstOff, length);
        }

        @Override
        public void decode(byte[] src, int srcOff, short[] dst, int dstOff, int length) {
            G711.decodeUlaw(src, srcOff, dst, dstOff, length);
        }
    },
    /** A-law, RTP payload type 8. */
    PCMA(G711.linearToAlaw((short) 0)) {
        @Override
        public void encode(short[] src, int srcOff, byte[] dst, int dstOff, int length) {
            G711.encodeAlaw(src, srcOff, dst, dstOff, length);
        }

        @Override
        public void decode(byte[] src, int srcOff, short[] dst, int dstOff, int length) {
            G711.decodeAlaw(src, srcOff, dst, dstOff, length);
        }
    };

    private final byte silence;

    AudioCodec(byte silence) {
        this.silence = silence;
    }

    /** Encodes {@code length} samples, one output byte per sample. */
    public abstract void encode(short[] src, int srcOff, byte[] dst, int dstOff, int length);

    /** Decodes {@code length} bytes, one output sample per byte. */
    public abstract void decode(byte[] src, int srcOff, short[] dst, int dstOff, int length);

    /** The code word of a zero sample (0xFF for mu-law, 0xD5 for A-law). */
    public byte silence() {
        return silence;
    }

    /** The implementation of a negotiated codec. */
    public static AudioCodec of(Codec codec) {
        return switch (codec) {
            case PCMU -> PCMU;
            case PCMA -> PCMA;
            case G722, OPUS -> throw new IllegalArgumentException(codec + " is stateful: use AudioCodecs.decoder/encoder");
        };
    }
}
