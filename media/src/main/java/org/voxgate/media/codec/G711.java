package org.voxgate.media.codec;

/**
 * ITU-T G.711 companding: mu-law (PCMU) and A-law (PCMA) between 16-bit linear PCM and
 * 8-bit code words.
 *
 * <p>Threading: stateless and thread-safe; the decode tables are built once when the class
 * loads and never change. Buffer ownership: every method reads the caller's source array
 * and writes the caller's destination array; nothing is retained or allocated per call.
 */
public final class G711 {
    /** Added before mu-law segment search so that the segment boundaries fall on powers of two. */
    private static final int MU_BIAS = 0x84;
    /** Largest magnitude mu-law can represent once the bias is added without overflowing 15 bits. */
    private static final int MU_CLIP = 32635;
    /** A-law inverts the even bits of every code word on the wire (G.711 section 3). */
    private static final int A_XOR = 0x55;

    private static final short[] MU_DECODE = new short[256];
    private static final short[] A_DECODE = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            MU_DECODE[code] = computeUlawToLinear(code);
            A_DECODE[code] = computeAlawToLinear(code);
        }
    }

    private G711() {}

    /** Encodes one linear sample to a mu-law code word. */
    public static byte linearToUlaw(short sample) {
        int s = sample;
        int sign = 0;
        if (s < 0) {
            sign = 0x80;
            s = -s; // -32768 becomes 32768 here, which the clip below absorbs
        }
        if (s > MU_CLIP) {
            s = MU_CLIP;
        }
        s += MU_BIAS;
        // s is now in [0x84, 0x7FFF]; its top bit sits between bit 7 and bit 14
        int exponent = (31 - Integer.numberOfLeadingZeros(s)) - 7;
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** Decodes one mu-law code word to a linear sample. */
    public static short ulawToLinear(byte code) {
        return MU_DECODE[code & 0xFF];
    }

    /** Encodes one linear sample to an A-law code word. */
    public static byte linearToAlaw(short sample) {
        // A-law works on 13-bit magnitudes; negative values use the one's complement so that
        // -1 and 0 land in the two smallest code words, as the standard's tables do.
        int v = sample >> 3;
        int sign;
        int magnitude;
        if (v >= 0) {
            sign = 0x80;
            magnitude = v;
        } else {
            sign = 0;
            magnitude = ~v;
        }
        int code;
        if (magnitude < 32) {
            code = sign | (magnitude >> 1);
        } else {
            int segment = (31 - Integer.numberOfLeadingZeros(magnitude)) - 4;
            int mantissa = (magnitude >> segment) & 0x0F;
            code = sign | (segment << 4) | mantissa;
        }
        return (byte) (code ^ A_XOR);
    }

    /** Decodes one A-law code word to a linear sample. */
    public static short alawToLinear(byte code) {
        return A_DECODE[code & 0xFF];
    }

    /** Encodes {@code length} samples from {@code src} into {@code dst} as mu-law. */
    public static void encodeUlaw(short[] src, int srcOff, byte[] dst, int dstOff, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOff + i] = linearToUlaw(src[srcOff + i]);
        }
    }

    /** Encodes {@code length} samples from {@code src} into {@code dst} as A-law. */
    public static void encodeAlaw(short[] src, int srcOff, byte[] dst, int dstOff, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOff + i] = linearToAlaw(src[srcOff + i]);
        }
    }

    /** Decodes {@code length} mu-law bytes from {@code src} into {@code dst}. */
    public static void decodeUlaw(byte[] src, int srcOff, short[] dst, int dstOff, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOff + i] = MU_DECODE[src[srcOff + i] & 0xFF];
        }
    }

    /** Decodes {@code length} A-law bytes from {@code src} into {@code dst}. */
    public static void decodeAlaw(byte[] src, int srcOff, short[] dst, int dstOff, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOff + i] = A_DECODE[src[srcOff + i] & 0xFF];
        }
    }

    private static short computeUlawToLinear(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + MU_BIAS) << exponent) - MU_BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static short computeAlawToLinear(int code) {
        int a = (code ^ A_XOR) & 0xFF;
        int segment = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        // reconstruct at the middle of the quantisation step (the "+ 8"), scaled to 16 bits
        int magnitude = (mantissa << 4) + 8;
        if (segment > 0) {
            magnitude = (magnitude + 0x100) << (segment - 1);
        }
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }
}
