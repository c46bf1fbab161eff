package org.voxgate.pipeline.amd;

/**
 * Finds an answering machine's beep in 20 ms frames of 8 kHz audio: a steady, nearly pure tone
 * of any frequency from 350 to 2500 Hz lasting at least the configured time.
 *
 * <p>Per frame, the tone's frequency is estimated by least squares from the sinusoid recurrence
 * {@code x[n+1] + x[n-1] = 2 cos(w) x[n]}, and a Goertzel filter tuned to exactly that frequency
 * measures how much of the frame's energy lies there (its purity: 1 for a pure tone). Voiced
 * speech spreads its energy over many harmonics and glides in pitch, and DTMF puts half its
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
    private static final double MIN_HZ = 350;
    private static final double MAX_HZ = 2500;
    /** Share of the frame's energy at the one frequency. */
    private static final double MIN_PURITY = 0.9;
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
        double cross = 0;
        double inner = 0;
        for (int i = 0; i < n; i++) {
            energy += (double) x[i] * x[i];
        }
        if (energy < MIN_RMS * MIN_RMS * n) {
            return 0;
        }
        for (int i = 1; i < n - 1; i++) {
            cross += (double) x[i] * (x[i - 1] + x[i + 1]);
            inner += (double) x[i] * x[i];
        }
        double coefficient = cross / inner;
        if (coefficient >= 2 || coefficient <= -2) {
            return 0;
        }
        double hz = Math.acos(coefficient / 2) * RATE / (2 * Math.PI);
        if (hz < MIN_HZ || hz > MAX_HZ) {
            return 0;
        }
        // Goertzel at exactly that frequency: |X(w)|^2 = s1^2 + s2^2 - 2cos(w) s1 s2.
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s = x[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        // A sinusoid of amplitude A: power = (N A / 2)^2 and energy = N A^2 / 2, so this is 1.
        double purity = 2 * power / (n * energy);
        return purity >= MIN_PURITY ? hz : 0;
    }
}
