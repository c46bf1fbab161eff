package org.voxgate.fakes;

/**
 * G.711 mu-law and a deterministic synthetic voice for the speech fakes, kept here so the
 * fakes module depends on nothing of ours. Stateless; thread-safe.
 */
public final class FakeAudio {
    /** Synthetic speech per character of text: the length of fake TTS audio is proportional to it. */
    public static final int MILLIS_PER_CHARACTER = 20;
    /** 20 ms of 8 kHz mu-law. */
    public static final int FRAME_BYTES = 160;

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private FakeAudio() {}

    /** ITU-T G.711 mu-law encoding of one sample. */
    public static byte ulaw(short sample) {
        int s = sample;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) {
            s = -s;
        }
        s = Math.min(s, CLIP) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** ITU-T G.711 mu-law decoding of one byte. */
    public static short linear(byte code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? BIAS - t : t - BIAS);
    }

    /** Root-mean-square level of {@code length} mu-law bytes. */
    public static double rms(byte[] ulaw, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double v = linear(ulaw[offset + i]);
            sum += v * v;
        }
        return Math.sqrt(sum / length);
    }

    /**
     * The fake's "voice" for {@code text}: a 440 Hz tone at about -12 dBFS lasting
     * {@link #MILLIS_PER_CHARACTER} per character (at least 20 ms), whole 20 ms frames, mu-law.
     */
    public static byte[] voice(String text) {
        int frames = Math.max(1, text.length() * MILLIS_PER_CHARACTER / 20);
        byte[] out = new byte[frames * FRAME_BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = ulaw((short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        return out;
    }
}
