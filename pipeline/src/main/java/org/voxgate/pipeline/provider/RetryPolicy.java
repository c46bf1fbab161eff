package org.voxgate.pipeline.provider;

import java.time.Duration;

/**
 * How a provider client retries a failed connection or request and when it stops trying for a
 * while. Immutable.
 *
 * @param maxAttempts attempts per connection or request, the first included (at least 1)
 * @param initialBackoff wait before the second attempt; doubles after each failure
 * @param maxBackoff the longest wait between attempts
 * @param failureRatePercent failure rate over the last {@code window} calls that opens the circuit
 * @param window calls the failure rate is measured over (at least 2)
 * @param openFor how long an open circuit refuses calls before it lets one through
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        int failureRatePercent, int window, Duration openFor) {
    /** Three attempts from 200 ms, the circuit open for 30 s at 50 % failures of the last 10 calls. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), 50, 10,
            Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1 || window < 2 || failureRatePercent < 1 || failureRatePercent > 100) {
            throw new IllegalArgumentException("bad retry policy: " + maxAttempts + " attempts, window " + window
                    + ", " + failureRatePercent + " %");
        }
    }
}
