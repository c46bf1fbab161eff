package org.voxgate.media.dtmf;

import org.voxgate.media.DtmfListener;

/**
 * Finds in-band DTMF (the dual tones of ITU-T Q.23) in 8 kHz audio, one report per key press,
 * for calls whose far end did not negotiate telephone-event.
 *
 * <p>Each 20 ms frame is one analysis block. Goertzel filters at the four row (697, 770, 852,
 * 941 Hz) and four column (1209, 1336, 1477, 1633 Hz) frequencies give the strongest row and
 * column; the block counts as that key only if
 * <ul>
 *   <li>the signal is loud enough (mean power above a floor near -45 dBm0);</li>
 *   <li>both tones stand out: each is at least 6 dB above the other frequencies of its group;</li>
 *   <li>the twist is within limits: the column tone at most 8 dB below the row tone
 *       (normal twist) and at most 6 dB above it (reverse twist);</li>
 *   <li>the two tones carry most of the block's energy (energy ratio), which rejects speech
 *       and music with energy everywhere else;</li>
 *   <li>the column tone has no strong second harmonic, which voiced speech always has.</li>
 * </ul>
 * A key is recognised after two consecutive matching blocks (40 ms, the shortest tone
 * Q.24 asks a receiver to accept) and released after two blocks without it, so a single
 * disturbed block neither splits one press into two nor ends it early. The digit is reported
 * on release with the measured duration.
 *
 * <p>Threading: not thread-safe; owned by the thread that delivers decoded frames. The
 * listener is called on that thread. Buffer ownership: {@link #process} only reads the frame.
 * Allocation: none per frame.
 */
public final class DtmfToneDetector {
    static final double[] ROWS = {697, 770, 852, 941};
    static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {
            {'1', '2', '3', 'A'},
            {'4', '5', '6', 'B'},
            {'7', '8', '9', 'C'},
            {'*', '0', '#', 'D'}};
    private static final int NO_KEY = -1;
    private static final int CONFIRM_BLOCKS = 2;
    private static final int RELEASE_BLOCKS = 2;
    /** Mean sample power floor: an amplitude of ~60 of 32768, about -45 dBm0 per tone. */
    private static final double MIN_MEAN_POWER = 60.0 * 60.0;
    private static final double GROUP_PEAK_RATIO = dbToPower(6);
    private static final double NORMAL_TWIST = dbToPower(8);
    private static final double REVERSE_TWIST = dbToPower(6);
    /** Share of the block's energy the two tones must carry together (1.0 for a clean pair). */
    private static final double MIN_ENERGY_SHARE = 0.65;
    /** A tone's second harmonic may carry at most this share of its fundamental's power. */
    private static final double MAX_HARMONIC_RATIO = dbToPower(-20);

    private final int sampleRate;
    private final double[] rowCoeff = new double[4];
    private final double[] colCoeff = new double[4];
    private final double[] colHarmonicCoeff = new double[4];
    private final double[] rowPower = new double[4];
    private final double[] colPower = new double[4];
    private final int frameMillis;
    private DtmfListener listener;

    private int candidate = NO_KEY;
    private int candidateBlocks;
    private int pressed = NO_KEY;
    private int pressedBlocks;
    private int missBlocks;
    private long digits;

    /**
     * @param sampleRate the audio's sample rate (8000 on the media API)
     * @param frameSamples samples per frame given to {@link #process}
     */
    public DtmfToneDetector(int sampleRate, int frameSamples) {
        this.sampleRate = sampleRate;
        this.frameMillis = frameSamples * 1000 / sampleRate;
        for (int i = 0; i < 4; i++) {
            rowCoeff[i] = coefficient(ROWS[i]);
            colCoeff[i] = coefficient(COLUMNS[i]);
            colHarmonicCoeff[i] = coefficient(2 * COLUMNS[i]);
        }
    }

    /** Sets the receiver of digits; {@code null} drops them. */
    public void setListener(DtmfListener listener) {
        this.listener = listener;
    }

    /** Digits reported so far. */
    public long digits() {
        return digits;
    }

    /** Forgets a key in progress without reporting it (for example when detection is switched off). */
    public void reset() {
        candidate = NO_KEY;
        candidateBlocks = 0;
        pressed = NO_KEY;
        pressedBlocks = 0;
        missBlocks = 0;
    }

    /** Analyses one block of audio ({@code length} samples from {@code frame[0]}). */
    public void process(short[] frame, int length) {
        int key = classify(frame, length);
        if (pressed != NO_KEY) {
            if (key == pressed) {
                pressedBlocks++;
                missBlocks = 0;
                return;
            }
            missBlocks++;
            if (missBlocks < RELEASE_BLOCKS && key == NO_KEY) {
                return; // one disturbed block inside a press
            }
            release();
        }
        if (key == NO_KEY) {
            candidate = NO_KEY;
            candidateBlocks = 0;
            return;
        }
        if (key == candidate) {
            candidateBlocks++;
        } else {
            candidate = key;
            candidateBlocks = 1;
        }
        if (candidateBlocks >= CONFIRM_BLOCKS) {
            pressed = candidate;
            pressedBlocks = candidateBlocks;
            missBlocks = 0;
            candidate = NO_KEY;
            candidateBlocks = 0;
        }
    }

    private void release() {
        int key = pressed;
        int blocks = pressedBlocks;
        pressed = NO_KEY;
        pressedBlocks = 0;
        missBlocks = 0;
        digits++;
        DtmfListener l = listener;
        if (l != null) {
            l.onDtmf(KEYS[key >> 2][key & 3], blocks * frameMillis);
        }
    }

    /** The key this block holds as row * 4 + column, or {@link #NO_KEY}. */
    private int classify(short[] x, int n) {
        if (n == 0) {
            return NO_KEY;
        }
        double energy = filterBank(x, n);
        if (energy / n < MIN_MEAN_POWER) {
            return NO_KEY;
        }
        int row = strongest(rowPower);
        int col = strongest(colPower);
        double r = rowPower[row];
        double c = colPower[col];
        if (!standsOut(rowPower, row) || !standsOut(colPower, col)) {
            return NO_KEY;
        }
        if (c * NORMAL_TWIST < r || c > r * REVERSE_TWIST) {
            return NO_KEY;
        }
        // a pure tone of energy e gives Goertzel power n * e / 2
        double share = (r + c) / (n * energy / 2);
        if (share < MIN_ENERGY_SHARE) {
            return NO_KEY;
        }
        // only the column tone's: a row tone's second harmonic (1394..1882 Hz) lies among the
        // columns, where the real column tone would leak into it
        if (goertzel(x, n, colHarmonicCoeff[col]) > c * MAX_HARMONIC_RATIO) {
            return NO_KEY;
        }
        return row * 4 + col;
    }

    /**
     * Runs the eight Goertzel filters in one pass over the block, filling {@link #rowPower} and
     * {@link #colPower}, and returns the block's energy. The filters' recurrences are
     * independent, so interleaving them lets the CPU overlap their latencies (about four times
     * faster than eight separate passes).
     */
    private double filterBank(short[] x, int n) {
        double c0 = rowCoeff[0], c1 = rowCoeff[1], c2 = rowCoeff[2], c3 = rowCoeff[3];
        double c4 = colCoeff[0], c5 = colCoeff[1], c6 = colCoeff[2], c7 = colCoeff[3];
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0; // s[n-1]
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0; // s[n-2]
        double energy = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            energy += v * v;
            double t;
            t = v + c0 * a0 - b0; b0 = a0; a0 = t;
            t = v + c1 * a1 - b1; b1 = a1; a1 = t;
            t = v + c2 * a2 - b2; b2 = a2; a2 = t;
            t = v + c3 * a3 - b3; b3 = a3; a3 = t;
            t = v + c4 * a4 - b4; b4 = a4; a4 = t;
            t = v + c5 * a5 - b5; b5 = a5; a5 = t;
            t = v + c6 * a6 - b6; b6 = a6; a6 = t;
            t = v + c7 * a7 - b7; b7 = a7; a7 = t;
        }
        rowPower[0] = a0 * a0 + b0 * b0 - c0 * a0 * b0;
        rowPower[1] = a1 * a1 + b1 * b1 - c1 * a1 * b1;
        rowPower[2] = a2 * a2 + b2 * b2 - c2 * a2 * b2;
        rowPower[3] = a3 * a3 + b3 * b3 - c3 * a3 * b3;
        colPower[0] = a4 * a4 + b4 * b4 - c4 * a4 * b4;
        colPower[1] = a5 * a5 + b5 * b5 - c5 * a5 * b5;
        colPower[2] = a6 * a6 + b6 * b6 - c6 * a6 * b6;
        colPower[3] = a7 * a7 + b7 * b7 - c7 * a7 * b7;
        return energy;
    }

    private static int strongest(double[] power) {
        int best = 0;
        for (int i = 1; i < power.length; i++) {
            if (power[i] > power[best]) {
                best = i;
            }
        }
        return best;
    }

    private static boolean standsOut(double[] power, int peak) {
        for (int i = 0; i < power.length; i++) {
            if (i != peak && power[i] * GROUP_PEAK_RATIO > power[peak]) {
                return false;
            }
        }
        return true;
    }

    private double coefficient(double hz) {
        return 2 * Math.cos(2 * Math.PI * hz / sampleRate);
    }

    /** Squared magnitude of the signal's component at the filter's frequency. */
    private static double goertzel(short[] x, int n, double coeff) {
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = x[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    private static double dbToPower(double db) {
        return Math.pow(10, db / 10);
    }
}
