package org.voxgate.media;

/** Test signals: a sine generator and a Goertzel detector for one frequency. */
public final class Tones {
    private Tones() {}

    public static short[] sine(double hz, int samples, double amplitude, int phaseOffset) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (i + phaseOffset) / 8000.0));
        }
        return pcm;
    }

    /** Share of the signal's energy at {@code hz}, about 1.0 for a pure tone and near 0 for others. */
    public static double toneShare(short[] pcm, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (short x : pcm) {
            double s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) x * x;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        if (energy == 0) {
            return 0;
        }
        // a pure sinusoid of N samples gives Goertzel power N * energy / 2
        return power / (pcm.length * energy / 2);
    }
}
