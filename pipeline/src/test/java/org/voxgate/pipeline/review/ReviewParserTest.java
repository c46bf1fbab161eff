package org.voxgate.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.provider.TokenUsage;

class ReviewParserTest {
    private static final TokenUsage USAGE = TokenUsage.text(400, 0, 60);

    @Test
    void readsAStrictJsonReview() throws Exception {
        CallReview review = ReviewParser.parse(
                " {\"summary\": \"Caller booked a table.\", \"rating\": 8, \"reasons\": [\"quick\", \" polite \"]}\n",
                USAGE);

        assertThat(review).isEqualTo(new CallReview("Caller booked a table.", 8, java.util.List.of("quick", "polite"),
                USAGE));
    }

    @Test
    void acceptsACodeFenceAroundTheObject() throws Exception {
        CallReview review = ReviewParser.parse(
                "```json\n{\"summary\": \"Short call.\", \"rating\": 10, \"reasons\": [\"solved\"]}\n```", USAGE);

        assertThat(review.rating()).isEqualTo(10);
    }

    @Test
    void rejectsProseAroundTheJson() {
        assertThatThrownBy(() -> ReviewParser.parse(
                "Here is the review: {\"summary\": \"x\", \"rating\": 5, \"reasons\": [\"y\"]}", USAGE))
                .isInstanceOf(ReviewFailedException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ReviewParser.parse(
                "{\"summary\": \"x\", \"rating\": 5, \"reasons\": [\"y\"]} Hope this helps!", USAGE))
                .isInstanceOf(ReviewFailedException.class).hasMessageContaining("not JSON");
    }

    @Test
    void rejectsRatingsThatAreNotWholeNumbersFromOneToTen() {
        for (String rating : new String[] {"0", "11", "7.5", "\"8\"", "null"}) {
            assertThatThrownBy(() -> ReviewParser.parse(
                    "{\"summary\": \"x\", \"rating\": " + rating + ", \"reasons\": [\"y\"]}", USAGE))
                    .as(rating).isInstanceOf(ReviewFailedException.class).hasMessageContaining("rating");
        }
    }

    @Test
    void rejectsMissingSummaryOrReasons() {
        assertThatThrownBy(() -> ReviewParser.parse("{\"rating\": 5, \"reasons\": [\"y\"]}", USAGE))
                .isInstanceOf(ReviewFailedException.class).hasMessageContaining("summary");
        assertThatThrownBy(() -> ReviewParser.parse("{\"summary\": \"x\", \"rating\": 5, \"reasons\": []}", USAGE))
                .isInstanceOf(ReviewFailedException.class).hasMessageContaining("reasons");
        assertThatThrownBy(() -> ReviewParser.parse("{\"summary\": \"x\", \"rating\": 5, \"reasons\": [3]}", USAGE))
                .isInstanceOf(ReviewFailedException.class).hasMessageContaining("reasons");
        assertThatThrownBy(() -> ReviewParser.parse("[1, 2]", USAGE))
                .isInstanceOf(ReviewFailedException.class).hasMessageContaining("not a JSON object");
    }
}
