package org.voxgate.app;

import java.time.Duration;

/**
 * The {@code review} section: whether calls of cascade and realtime bots get a post-call review
 * (summary and 1-10 rating) and how long one review may take. Which model reviews is per bot
 * ({@code bots.agents.<name>.review}, see {@link AgentReviewers}). Immutable.
 *
 * @param enabled whether any call is reviewed
 * @param timeout how long one review may take before it is given up (and logged)
 */
record ReviewConfig(boolean enabled, Duration timeout) {
    static ReviewConfig from(ConfigTree tree) {
        return new ReviewConfig(tree.bool("review.enabled"),
                Duration.ofMillis(tree.integer("review.timeout-ms", 1000, 600_000)));
    }
}
