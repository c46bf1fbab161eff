package org.voxgate.media.codec;

/**
 * Comfort noise for RFC 3389: low-level white noise at the level a comfort-noise packet
 * announces, played while the sender is silent so the line does not sound dead.
 *
 * <p>The level byte is in -dBov, 0 to 127. RFC 3389 takes 0 dBov as the system's overload
 * point (for 16-bit PCM a full-scale square wave, RMS 32767); the noise is uniform, whose
 * RMS is its peak over the square root of three.
 *
 * <p>Threading: not thread-safe; one per received stream. Allocates nothing per call.
 */
public final class ComfortNoise {
    private int state = 0x2545F491;
    private int cachedLevel = -1;
    private double peak;

    /** Writes {@code n} samples of noise at {@code levelDbov} (0-127, -dBov). */
    public void fill(short[] out, int off, int n, int levelDbov) {
        if (levelDbov != cachedLevel) {
            cachedLevel = levelDbov;
            double rms = 32767 * Math.pow(10, -levelDbov / 20.0);
            peak = Math.min(32767, rms * Math.sqrt(3));
        }
        for (int i = 0; i < n; i++) {
            // xorshift32: cheap, and good enough for noise nobody analyses
            state ^= state << 13;
            state ^= state >>> 17;
            state ^= state << 5;
            double uniform = state / 2147483648.0; // -1 .. 1
            out[off + i] = (short) Math.round(uniform * peak);
        }
    }

    /** RMS of the noise for a level, for tests and logs. */
    public static double rmsFor(int levelDbov) {
        return 32767 * Math.pow(10, -levelDbov / 20.0);
    }
}
