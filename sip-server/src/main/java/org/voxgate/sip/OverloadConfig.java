package org.voxgate.sip;

import java.time.Duration;

/**
 * Limits that protect the node from more work than it can take.
 *
 * @param maxCalls calls held at once (ringing or answered); a new INVITE above it gets 503
 *     with Retry-After; 0 means no limit
 * @param requestsPerSecond sustained requests per second allowed from one source IP address
 *     (requests of calls already held are not counted); 0 turns the limit off
 * @param burst requests a source may send at once before the rate applies
 * @param trackedSources how many source addresses are remembered at most (the least recently
 *     seen is forgotten first), so a spoofed-source flood cannot exhaust memory
 * @param retryAfter the Retry-After value sent with 503
 */
public record OverloadConfig(int maxCalls, double requestsPerSecond, int burst, int trackedSources,
        Duration retryAfter) {

    public OverloadConfig {
        if (maxCalls < 0) {
            throw new IllegalArgumentException("sip.max-calls must be zero (no limit) or positive: " + maxCalls);
        }
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("sip.rate-limit.requests-per-second must not be negative");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("sip.rate-limit.burst must be at least 1: " + burst);
        }
        if (trackedSources < 1) {
            throw new IllegalArgumentException("sip.rate-limit.tracked-sources must be at least 1");
        }
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("sip.retry-after-seconds must be zero or positive");
        }
    }

    /** No call limit; 50 requests/s per source with bursts of 100; 10 000 sources tracked. */
    public static OverloadConfig defaults() {
        return new OverloadConfig(0, 50, 100, 10_000, Duration.ofSeconds(5));
    }
}
