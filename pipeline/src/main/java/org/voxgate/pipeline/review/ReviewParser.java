package org.voxgate.pipeline.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.voxgate.pipeline.provider.TokenUsage;

/**
 * Reads the model's reply as {@code {"summary": ..., "rating": n, "reasons": [...]}} and
 * nothing else. The one leniency is a Markdown code fence around the object, which models add
 * even when told not to; prose around it, a fractional or out-of-range rating, or a missing
 * field fails. Stateless.
 */
final class ReviewParser {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ReviewParser() {}

    static CallReview parse(String reply, TokenUsage usage) throws ReviewFailedException {
        String text = unfence(reply.strip());
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ReviewFailedException("the review is not JSON: " + excerpt(reply), e);
        }
        if (node == null || !node.isObject()) {
            throw new ReviewFailedException("the review is not a JSON object: " + excerpt(reply));
        }
        JsonNode summary = node.path("summary");
        if (!summary.isTextual() || summary.asText().isBlank()) {
            throw new ReviewFailedException("the review has no summary: " + excerpt(reply));
        }
        JsonNode rating = node.path("rating");
        if (!rating.isIntegralNumber() || rating.asLong() < 1 || rating.asLong() > 10) {
            throw new ReviewFailedException("the review's rating is not a whole number from 1 to 10: " + rating);
        }
        JsonNode reasons = node.path("reasons");
        List<String> why = new ArrayList<>();
        for (JsonNode reason : reasons) {
            if (!reason.isTextual() || reason.asText().isBlank()) {
                throw new ReviewFailedException("the review's reasons must be texts: " + reasons);
            }
            why.add(reason.asText().strip());
        }
        if (!reasons.isArray() || why.isEmpty()) {
            throw new ReviewFailedException("the review gives no reasons: " + excerpt(reply));
        }
        return new CallReview(summary.asText().strip(), rating.intValue(), why, usage);
    }

    private static String unfence(String text) {
        if (!text.startsWith("```") || !text.endsWith("```") || text.length() < 6) {
            return text;
        }
        String inner = text.substring(3, text.length() - 3);
        int newline = inner.indexOf('\n');
        // drop a language tag such as ```json on the opening line
        return newline >= 0 && !inner.substring(0, newline).contains("{") ? inner.substring(newline + 1) : inner;
    }

    private static String excerpt(String reply) {
        String flat = reply.strip().replaceAll("\\s+", " ");
        return flat.length() > 160 ? "\"" + flat.substring(0, 160) + "...\"" : "\"" + flat + "\"";
    }
}
