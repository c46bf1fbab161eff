package org.voxgate.pipeline.review;

import java.util.List;
import java.util.Objects;
import org.voxgate.pipeline.provider.TokenUsage;

/**
 * A language model's review of a finished call: a short summary and a 1-10 quality rating with
 * its reasons. Immutable; the constructor enforces the ranges, so a review that exists is a
 * valid one.
 *
 * @param summary what happened on the call, in a few sentences (not blank)
 * @param rating how well the agent served the caller, 1 (worst) to 10 (best)
 * @param reasons why that rating (at least one, none blank)
 * @param usage the tokens the review itself cost, as the provider counted them
 */
public record CallReview(String summary, int rating, List<String> reasons, TokenUsage usage) {
    public CallReview {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("summary is blank");
        }
        if (rating < 1 || rating > 10) {
            throw new IllegalArgumentException("rating " + rating + " is outside 1..10");
        }
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
        if (reasons.isEmpty() || reasons.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("reasons must be at least one non-blank text");
        }
        usage = usage == null ? TokenUsage.NONE : usage;
    }
}
