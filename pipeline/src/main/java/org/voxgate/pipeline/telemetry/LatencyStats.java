package org.voxgate.pipeline.telemetry;

import java.util.Arrays;
import java.util.Collection;

/**
 * Minimum, mean, maximum and 95th percentile of a set of millisecond figures. Immutable.
 *
 * <p>The percentile is the nearest-rank one: the smallest value at least 95 % of the values
 * are less than or equal to, which is always one of the measured values.
 *
 * @param count how many figures; 0 means none and the other fields are 0
 */
public record LatencyStats(int count, long minMs, double avgMs, long maxMs, long p95Ms) {

    /** No figures. */
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0);

    /** The statistics of {@code values}. */
    public static LatencyStats of(Collection<Long> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        int n = sorted.length;
        int rank = (int) Math.ceil(0.95 * n); // 1-based nearest rank
        return new LatencyStats(n, sorted[0], (double) sum / n, sorted[n - 1], sorted[rank - 1]);
    }
}
