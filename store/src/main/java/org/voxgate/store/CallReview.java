package org.voxgate.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A post-call review by a language model: a summary and a 1-10 rating with its reasons.
 * Immutable.
 *
 * @param summary what the call was about, never null
 * @param rating 1 (bad) to 10 (excellent), or {@code null} when the reviewer gave none
 * @param ratingReasons why, as the reviewer gave them (text, or a JSON document kept as text);
 *     may be null
 * @param reviewedAt when the review was made
 */
public record CallReview(String summary, Integer rating, String ratingReasons, Instant reviewedAt) {

    public CallReview {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
        if (rating != null && (rating < 1 || rating > 10)) {
            throw new IllegalArgumentException("rating must be within 1..10 (was " + rating + ")");
        }
    }
}
