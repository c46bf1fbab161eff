package org.voxgate.bench.probe;

/**
 * Goertzel power of one frequency in a frame, normalised so that a pure tone exactly on the
 * frequency gives 1.0 relative to the frame's total energy ({@link #toneShare}).
 *
 * <p>Threading: stateless.
 */
final class Goertzel {
    private Goertzel() {}

    /**
     * Share of the frame's energy that sits at {@code hz}: about 1 for a pure tone on a
     * bin centre (multiples of rate / length), about 0 for other content, 0 for silence.
     */
    static double toneShare(short[] frame, int length, double hz, int rate) {
        double energy = 0;
        for (int i = 0; i < length; i++) {
            energy += (double) frame[i] * frame[i];
        }
        if (energy < 1) {
            return 0;
        }
        double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < length; i++) {
            double s0 = frame[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return power / (length / 2.0 * energy);
    }

    static double energy(short[] frame, int length) {
        double energy = 0;
        for (int i = 0; i < length; i++) {
            energy += (double) frame[i] * frame[i];
        }
        return energy;
    }
}
