package org.voxgate.sip;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per source IP address: each source may send {@code burst} requests at once
 * and {@code ratePerSecond} on average. Memory is bounded: at most {@code maxSources} buckets
 * are kept, the least recently used forgotten first (a forgotten source starts again with a
 * full bucket, which errs on the side of letting a real peer through).
 *
 * <p>Threading: thread-safe; one short critical section per request. The clock is a
 * nanosecond supplier so tests drive it by hand.
 */
final class SourceRateLimiter {
    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    SourceRateLimiter(double ratePerSecond, int burst, int maxSources, LongSupplier nanoTime) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(Math.min(maxSources, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** True when a request from {@code source} may be processed now (and counts it). */
    synchronized boolean tryAcquire(String source) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.get(source);
        if (b == null) {
            b = new Bucket(burst, now);
            buckets.put(source, b);
        } else {
            b.tokens = Math.min(burst, b.tokens + (now - b.updatedNanos) * ratePerNano);
            b.updatedNanos = now;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }

    /** Sources remembered now; for tests. */
    synchronized int trackedSources() {
        return buckets.size();
    }
}
