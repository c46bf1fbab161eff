package org.voxgate.bench.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Samples in milliseconds and their nearest-rank percentiles. Thread-safe (synchronized): the
 * fake's Jetty thread, the media loop and the probe's thread all add.
 */
final class Percentiles {
    private final List<Double> values = new ArrayList<>();

    synchronized void add(double millis) {
        values.add(millis);
    }

    synchronized int count() {
        return values.size();
    }

    /** Nearest-rank percentile {@code p} (0-100), or NaN with no samples. */
    synchronized double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** {@code n=.. p50=.. p95=.. p99=.. max=..}, in ms. */
    String summary() {
        return String.format("n=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f ms", count(), percentile(50), percentile(95),
                percentile(99), percentile(100));
    }
}
