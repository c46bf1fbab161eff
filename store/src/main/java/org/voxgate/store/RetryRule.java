package org.voxgate.store;

import java.time.Duration;

/**
 * How a contact is retried while its attempts end one way (busy, no answer, ...).
 *
 * <p>Immutable and thread-safe.
 *
 * @param delay       how long after the attempt ended the next one is due (campaign clock), at least 0
 * @param maxAttempts total attempts (1..20) a contact may get while its attempts end this way;
 *                    1 means no retry
 */
public record RetryRule(Duration delay, int maxAttempts) {

    public RetryRule {
        if (delay == null) {
            throw new IllegalArgumentException("retry.delay is required");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("retry.delay must be >= 0 (was " + delay + ")");
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("retry.maxAttempts must be 1..20 (was " + maxAttempts + ")");
        }
    }
}
