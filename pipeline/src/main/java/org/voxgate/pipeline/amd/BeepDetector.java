package org.voxgate.pipeline.amd;

/**
 * Finds an answering machine's beep in 20 ms frames of 8 kHz audio: a steady, nearly pure tone
 * of any frequency from 350 to 2500 Hz lasting at least the configured time.
 *
 * <p>Per frame, the tone's frequency is estimated from the sinusoid recurrence
 * {@code x[n+1] + x[n-1] = 2 cos(w) x[n]} (exact for a pure tone, unbiased by white noise),
 * and Goertzel filters tuned to within 5 Hz of it measure how much of the frame's energy lies
 * there (its purity: 1 for a pure tone, 0.85 needed, so the tone must stand about 8 dB over
 * the line's noise). Voiced speech spreads its energy over many harmonics and glides in pitch, and DTMF puts half its
 * energy in each of two tones, so neither passes the purity test frame after frame at one
 * frequency.
 *
 * <p>{@link #onFrame} reports {@link Event#STARTED} on the frame that completes the minimum
 * length (the beep is then still sounding) and {@link Event#ENDED} on the first frame after
 * it that is no longer the tone. Time is counted in frames.
 *
 * <p>Threading: not thread-safe; one per call, on its media thread. Allocates nothing per frame.
 * Ownership: frames are read, never kept.
 */
public final class BeepDetector {
    /** What a frame changed. */
    public enum Event { NONE, STARTED, ENDED }

    private static final int RATE = 8000;
    /** 350-2500 Hz with a little room, so a beep at either end is not lost to rounding. */
    private static final double MIN_HZ = 340;
    private static final double MAX_HZ = 2560;
    /** Share of the frame's energy at the one frequency. */
    private static final double MIN_PURITY = 0.85;
    private static final int SEARCH_STEPS = 4;
    private static final double SEARCH_HZ = 5;
    /** RMS (16-bit scale) below which a frame is too quiet to be a beep (about -40 dBFS). */
    private static final double MIN_RMS = 300;
    /** How far a beep's frequency may wander between frames, as a fraction. */
    private static final double FREQUENCY_TOLERANCE = 0.02;

    private final int minFrames;
    private int run;
    private double runHz;
    private boolean inBeep;
    private double lastBeepHz;
    private long frames;
    private long beepStartFrame = -1;
    private long beepEndFrame = -1;

    /** @param minBeepMillis the shortest tone taken for a beep (ms, rounded up to frames) */
    public BeepDetector(int minBeepMillis) {
        if (minBeepMillis <= 0) {
            throw new IllegalArgumentException("minBeepMillis must be positive: " + minBeepMillis);
        }
        this.minFrames = AmdConfig.frames(minBeepMillis);
    }

    /** Reads one 20 ms frame (160 samples). */
    public Event onFrame(short[] frame) {
        frames++;
        double hz = toneHz(frame);
        boolean continues = hz > 0 && (run == 0 || Math.abs(hz - runHz) <= FREQUENCY_TOLERANCE * runHz);
        if (continues) {
            // A running mean, so a slow vibrato of the estimate does not break the run.
            runHz = run == 0 ? hz : (runHz * run + hz) / (run + 1);
            run++;
            if (!inBeep && run >= minFrames) {
                inBeep = true;
                lastBeepHz = runHz;
                beepStartFrame = frames - run;
                return Event.STARTED;
            }
            return Event.NONE;
        }
        boolean ended = inBeep;
        inBeep = false;
        run = hz > 0 ? 1 : 0;
        runHz = hz;
        if (ended) {
            beepEndFrame = frames - 1;
            return Event.ENDED;
        }
        return Event.NONE;
    }

    /** Whether a confirmed beep is sounding now. */
    public boolean inBeep() {
        return inBeep;
    }

    /** The last confirmed beep's frequency in Hz, or 0 before any. */
    public double beepHz() {
        return lastBeepHz;
    }

    /** Where the last confirmed beep started, in ms of audio (to the frame), or -1. */
    public int beepStartMillis() {
        return beepStartFrame < 0 ? -1 : (int) (beepStartFrame * 20);
    }

    /** Where the last beep ended, in ms of audio (to the frame), or -1 while none has ended. */
    public int beepEndMillis() {
        return beepEndFrame < 0 ? -1 : (int) (beepEndFrame * 20);
    }

    /**
     * The frequency of the frame's tone if it is loud and pure enough and in range, else 0.
     * Package-private for tests.
     */
    static double toneHz(short[] x) {
        int n = x.length;
        double energy = 0;
        for (int i = 0; i < n; i++) {
            energy += (double) x[i] * x[i];
        }
        if (energy < MIN_RMS * MIN_RMS * n) {
            return 0;
        }
        // The recurrence y[i] = x[i+1] + x[i-1] = 2cos(w) x[i], solved with the later samples
        // x[i+2] and x[i+3] as instruments: no sample is multiplied by itself, so white noise
        // on the line does not pull the estimate towards 2 kHz as plain least squares does.
        // Two instruments, because x[i]x[i+2] sums to zero at 1 kHz and x[i]x[i+3] at 667 and
        // 2000 Hz, never both.
        double a1 = 0;
        double b1 = 0;
        double a2 = 0;
        double b2 = 0;
        for (int i = 1; i < n - 3; i++) {
            double y = (double) x[i + 1] + x[i - 1];
            a1 += y * x[i + 2];
            b1 += (double) x[i] * x[i + 2];
            a2 += y * x[i + 3];
            b2 += (double) x[i] * x[i + 3];
        }
        double coefficient = (a1 * b1 + a2 * b2) / (b1 * b1 + b2 * b2);
        if (!(coefficient > -2 && coefficient < 2)) {
            return 0;
        }
        double hz = Math.acos(coefficient / 2) * RATE / (2 * Math.PI);
        if (hz < MIN_HZ || hz > MAX_HZ) {
            return 0;
        }
        // Noise leaves the estimate a few Hz off, and a 160-sample Goertzel loses 12 % of a
        // tone's power at 10 Hz off; so look around it in 5 Hz steps and keep the strongest.
        double best = 0;
        double bestHz = hz;
        for (int step = -SEARCH_STEPS; step <= SEARCH_STEPS; step++) {
            double f = hz + step * SEARCH_HZ;
            double power = goertzel(x, 2 * Math.cos(2 * Math.PI * f / RATE));
            if (power > best) {
                best = power;
                bestHz = f;
            }
        }
        // A sinusoid of amplitude A: power = (N A / 2)^2 and energy = N A^2 / 2, so this is 1.
        double purity = 2 * best / (n * energy);
        hz = bestHz;
        return purity >= MIN_PURITY && hz >= MIN_HZ && hz <= MAX_HZ ? hz : 0;
    }

    /** |X(w)|^2 of the frame at {@code coefficient = 2cos(w)}. */
    private static double goertzel(short[] x, double coefficient) {
        double s1 = 0;
        double s2 = 0;
        for (short sample : x) {
            double s = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }
}
