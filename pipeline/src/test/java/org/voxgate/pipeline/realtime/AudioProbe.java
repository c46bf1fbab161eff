package org.voxgate.pipeline.realtime;

/** Test helpers: a tone source and a Goertzel detector to tell the fakes' 600 Hz reply from anything else. */
final class AudioProbe {
    private AudioProbe() {}

    /** A loud sine at 8 kHz, continuous across calls. */
    static final class Tone {
        private final double hz;
        private long n;

        Tone(double hz) {
            this.hz = hz;
        }

        short[] next(int count) {
            short[] out = new short[count];
            for (int i = 0; i < count; i++, n++) {
                out[i] = (short) (10000 * Math.sin(2 * Math.PI * hz * n / 8000));
            }
            return out;
        }
    }

    /** Power of {@code hz} in {@code pcm} (8 kHz), normalised by length. */
    static double power(short[] pcm, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (short x : pcm) {
            double s = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return power / Math.max(1, (double) pcm.length * pcm.length);
    }

    /** Whether the reply tone (600 Hz) clearly dominates the caller's (300 Hz) and an unrelated 1 kHz. */
    static boolean isReplyTone(short[] pcm) {
        double reply = power(pcm, 600);
        return pcm.length > 0 && reply > 20 * power(pcm, 300) && reply > 20 * power(pcm, 1000) && reply > 1000;
    }
}
