package org.voxgate.media.jitter;

/**
 * Estimates how much delay the arrival jitter of one RTP stream needs.
 *
 * <p>For each packet the relative transit time is its arrival time minus its RTP timestamp
 * (both in nanoseconds; RFC 3550 section 6.4.1 uses the same difference for its interarrival
 * jitter). Its smallest value over the last {@value #BASE_WINDOW} packets is the baseline: the
 * transit of the fastest recent packets. A packet's jitter is how much later than that
 * baseline it came. A short baseline window keeps sender clock drift (a steady slope in the
 * transit) from passing for jitter; a longer window of jitter values (about five seconds of
 * 20 ms packets) gives the percentile that the buffer's target delay follows.
 *
 * <p>Threading: not thread-safe; owned by the jitter buffer's thread. Allocates only at
 * construction.
 */
final class JitterEstimator {
    /** About one second of 20 ms packets: drift of 0.5 % moves the baseline by only 5 ms in it. */
    static final int BASE_WINDOW = 50;
    private static final int JITTER_WINDOW = 250;

    private final long[] transit = new long[BASE_WINDOW];
    private final DelayHistogram jitter = new DelayHistogram(512, 1, JITTER_WINDOW);
    private int count;
    private int next;
    private long baseline;

    /**
     * Takes one packet's relative transit time and returns its jitter: how many nanoseconds
     * later than the baseline it came (0 or more).
     */
    long onArrival(long relativeTransitNanos) {
        transit[next] = relativeTransitNanos;
        next = next + 1 == BASE_WINDOW ? 0 : next + 1;
        if (count < BASE_WINDOW) {
            count++;
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, transit[i]);
        }
        baseline = min;
        long late = relativeTransitNanos - min;
        jitter.add(late / 1_000_000L);
        return late;
    }

    boolean hasBaseline() {
        return count > 0;
    }

    /** Smallest recent relative transit, in nanoseconds; meaningful once {@link #hasBaseline}. */
    long baseline() {
        return baseline;
    }

    /** The jitter (ms) that {@code percent} % of recent packets stayed within. */
    int jitterPercentileMillis(int percent) {
        return jitter.percentile(percent);
    }

    /** Forgets the baseline (the timestamps of a new stream mean something else); keeps the jitter seen on the path. */
    void restartStream() {
        count = 0;
        next = 0;
    }
}
