package org.voxgate.media.audio;

/**
 * Streaming sample-rate converter for 16-bit mono PCM: a rational (L/M) polyphase resampler
 * whose prototype is a Kaiser-windowed sinc low-pass, so both imaging (when upsampling) and
 * aliasing (when downsampling) are suppressed by roughly 80 dB.
 *
 * <p>Any pair of rates whose reduced ratio has both terms at most {@value #MAX_RATIO_TERM}
 * works: 8000&lt;-&gt;16000, 16000&lt;-&gt;24000, 8000&lt;-&gt;48000, 22050-&gt;8000 and so on.
 *
 * <p>State: the last input samples of one call to {@link #process} are kept as filter history
 * for the next, so a signal cut into 20 ms frames comes out identical to the same signal
 * processed in one piece (no clicks at frame edges). The output is delayed by the filter's
 * group delay, {@link #delayInputSamples()} input samples.
 *
 * <p>Threading: not thread-safe; one instance per stream, used by one thread at a time.
 * Ownership: {@link #process} reads the caller's input array and writes into the caller's
 * output array; it keeps no reference to either and allocates nothing.
 */
public final class Resampler {
    /** Largest numerator or denominator of the reduced rate ratio (keeps filter tables small). */
    static final int MAX_RATIO_TERM = 1024;
    /** Zero crossings of the sinc on each side, counted at the lower of the two rates. */
    private static final int ZERO_CROSSINGS = 24;
    /** Cut-off as a fraction of the lower rate's Nyquist frequency; the rest is transition band. */
    private static final double CUTOFF_FRACTION = 0.9;
    /** Kaiser beta for about 80 dB of stop-band attenuation. */
    private static final double KAISER_BETA = 8.0;

    private final int inputRate;
    private final int outputRate;
    /** Upsampling factor (L): input samples sit every L steps on the fine grid. */
    private final int up;
    /** Downsampling factor (M): an output sample is taken every M steps on the fine grid. */
    private final int down;
    /** Taps per polyphase branch. */
    private final int taps;
    /** coefficients[phase][k] = h[phase + k * up]. */
    private final float[][] coefficients;
    /** Input history, newest first, written twice so a branch reads it as one contiguous run. */
    private final float[] history;
    private int writeIndex;
    /** Fine-grid position of the next output relative to the newest input sample. */
    private int nextOutputPhase;

    /**
     * @param inputRate sample rate of the samples given to {@link #process}, in Hz
     * @param outputRate sample rate of the samples it writes, in Hz
     * @throws IllegalArgumentException if a rate is not positive or the reduced ratio is too
     *     fine-grained for a polyphase table
     */
    public Resampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException(
                    "sample rates must be positive: " + inputRate + " -> " + outputRate);
        }
        int gcd = gcd(inputRate, outputRate);
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.up = outputRate / gcd;
        this.down = inputRate / gcd;
        if (up > MAX_RATIO_TERM || down > MAX_RATIO_TERM) {
            throw new IllegalArgumentException("unsupported rate ratio " + inputRate + " -> "
                    + outputRate + " (reduced " + down + ":" + up + ")");
        }
        // The filter runs on the fine grid at inputRate * up; its pass band must stop below
        // the Nyquist frequency of whichever side is slower.
        double fineRate = (double) inputRate * up;
        double cutoffHz = CUTOFF_FRACTION * Math.min(inputRate, outputRate) / 2.0;
        double cutoff = cutoffHz / fineRate; // cycles per fine-grid sample
        int fineSamplesPerCrossing = (int) Math.ceil(fineRate / Math.min(inputRate, outputRate));
        int length = 2 * ZERO_CROSSINGS * fineSamplesPerCrossing;
        this.taps = (length + up - 1) / up;
        this.coefficients = designPolyphase(up, taps, cutoff);
        this.history = new float[2 * taps];
        reset();
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Group delay of the filter, in input samples (output lags input by this much). */
    public int delayInputSamples() {
        return taps / 2;
    }

    /** Size an output array must have to take the result of {@code inputLength} samples. */
    public int maxOutputLength(int inputLength) {
        return (int) (((long) inputLength * up + down - 1) / down) + 1;
    }

    /** Forgets the filter history, as if the stream restarted with silence. */
    public void reset() {
        java.util.Arrays.fill(history, 0f);
        writeIndex = 0;
        nextOutputPhase = 0;
    }

    /**
     * Converts the next piece of the stream.
     *
     * @return how many samples were written to {@code out} starting at {@code outOffset}
     * @throws IllegalArgumentException if {@code out} has less room than
     *     {@link #maxOutputLength(int)} for {@code length}
     */
    public int process(short[] in, int offset, int length, short[] out, int outOffset) {
        if (out.length - outOffset < maxOutputLength(length)) {
            throw new IllegalArgumentException("output array too small: need "
                    + maxOutputLength(length) + " from offset " + outOffset);
        }
        int written = outOffset;
        int phase = nextOutputPhase;
        for (int i = offset; i < offset + length; i++) {
            writeIndex = (writeIndex == 0 ? taps : writeIndex) - 1;
            history[writeIndex] = in[i];
            history[writeIndex + taps] = in[i];
            // Every output whose fine-grid position falls between this input and the next
            // is computed from this input and the taps - 1 before it.
            while (phase < up) {
                out[written++] = clamp(convolve(coefficients[phase]));
                phase += down;
            }
            phase -= up;
        }
        nextOutputPhase = phase;
        return written - outOffset;
    }

    private float convolve(float[] branch) {
        float sum = 0f;
        int base = writeIndex;
        for (int k = 0; k < branch.length; k++) {
            sum += branch[k] * history[base + k];
        }
        return sum;
    }

    private static short clamp(float value) {
        int rounded = Math.round(value);
        if (rounded > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (rounded < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) rounded;
    }

    private static float[][] designPolyphase(int up, int taps, double cutoff) {
        int length = up * taps;
        double centre = (length - 1) / 2.0;
        double i0Beta = besselI0(KAISER_BETA);
        float[][] branches = new float[up][taps];
        for (int n = 0; n < length; n++) {
            double t = n - centre;
            double sinc = t == 0 ? 1.0 : Math.sin(2 * Math.PI * cutoff * t) / (2 * Math.PI * cutoff * t);
            double ratio = t / (length / 2.0);
            double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / i0Beta;
            // Gain 2 * cutoff makes a unit DC gain on the fine grid; times up restores the
            // energy lost by inserting up - 1 zeros between input samples.
            double h = 2 * cutoff * sinc * window * up;
            branches[n % up][n / up] = (float) h;
        }
        return branches;
    }

    /** Modified Bessel function of the first kind, order zero (power series). */
    private static double besselI0(double x) {
        double sum = 1.0;
        double term = 1.0;
        double halfX = x / 2.0;
        for (int k = 1; k < 50; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
