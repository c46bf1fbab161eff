package org.voxgate.fakes.realtime;

/**
 * The audio the fakes "say": a sine tone, so a test can tell the model's reply from silence
 * or from the caller's audio by its frequency. Also the G.711 mu-law code the OpenAI fake
 * needs (the fakes depend on nothing of ours, so they carry their own copy).
 *
 * <p>Threading: stateless helpers; {@link #next} keeps a phase per instance (one per reply).
 */
public final class Tone {
    /** Frequency of every fake reply, Hz. */
    public static final double REPLY_HZ = 600;

    private final int sampleRate;
    private final double hz;
    private long sample;

    public Tone(int sampleRate, double hz) {
        this.sampleRate = sampleRate;
        this.hz = hz;
    }

    /** The next {@code count} samples of the tone at amplitude 8000. */
    public short[] next(int count) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++, sample++) {
            out[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * sample / sampleRate));
        }
        return out;
    }

    /** 16-bit little-endian bytes of {@code pcm}. */
    public static byte[] littleEndian(short[] pcm) {
        byte[] out = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            out[2 * i] = (byte) pcm[i];
            out[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return out;
    }

    /** Samples of 16-bit little-endian bytes. */
    public static short[] fromLittleEndian(byte[] data) {
        short[] out = new short[data.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((data[2 * i] & 0xff) | (data[2 * i + 1] << 8));
        }
        return out;
    }

    /** G.711 mu-law encoding of {@code pcm}. */
    public static byte[] ulaw(short[] pcm) {
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            int s = pcm[i];
            int sign = s < 0 ? 0x80 : 0;
            int magnitude = Math.min(Math.abs(s), 32635) + 0x84;
            int exponent = 7;
            for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
                exponent--;
            }
            int mantissa = (magnitude >> (exponent + 3)) & 0x0f;
            out[i] = (byte) ~(sign | (exponent << 4) | mantissa);
        }
        return out;
    }

    /** PCM of G.711 mu-law bytes. */
    public static short[] fromUlaw(byte[] codes) {
        short[] out = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int u = ~codes[i] & 0xff;
            int t = ((u & 0x0f) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            out[i] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
        }
        return out;
    }
}
