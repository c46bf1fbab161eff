package org.voxgate.media.jitter;

/**
 * A fixed histogram of delays in whole milliseconds, for percentiles without storing samples.
 * Values at or above the last bucket land in it. Optionally a sliding window: with a window,
 * the oldest sample leaves the counts when a new one arrives after {@code window} samples.
 *
 * <p>Threading: not thread-safe; owned by one thread. Allocates only at construction.
 */
final class DelayHistogram {
    private final int[] counts;
    private final int msPerBucket;
    private final short[] ring;
    private int ringNext;
    private long total;

    /**
     * @param buckets number of buckets
     * @param msPerBucket width of one bucket
     * @param window samples kept, or 0 for all samples ever added
     */
    DelayHistogram(int buckets, int msPerBucket, int window) {
        this.counts = new int[buckets];
        this.msPerBucket = msPerBucket;
        this.ring = window > 0 ? new short[window] : null;
    }

    void add(long millis) {
        int bucket = (int) Math.min(counts.length - 1, Math.max(0, millis) / msPerBucket);
        if (ring != null) {
            if (total >= ring.length) {
                counts[ring[ringNext]]--;
            }
            ring[ringNext] = (short) bucket;
            ringNext = ringNext + 1 == ring.length ? 0 : ringNext + 1;
        }
        counts[bucket]++;
        total++;
    }

    /** Samples currently counted. */
    long size() {
        return ring == null ? total : Math.min(total, ring.length);
    }

    /**
     * The delay at or below which {@code percent} of the counted samples lie, as the upper
     * edge of its bucket in milliseconds (so it errs long, never short); 0 when empty.
     */
    int percentile(int percent) {
        long n = size();
        if (n == 0) {
            return 0;
        }
        long rank = (n * percent + 99) / 100; // ceiling: the sample that covers percent %
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return (b + 1) * msPerBucket;
            }
        }
        return counts.length * msPerBucket;
    }

    void clear() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        ringNext = 0;
    }
}
