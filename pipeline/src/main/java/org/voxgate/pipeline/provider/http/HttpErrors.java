package org.voxgate.pipeline.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.voxgate.pipeline.provider.ProviderException;

/** Turns a refused HTTP request into a {@link ProviderException}. Stateless. */
final class HttpErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 16 * 1024;

    private HttpErrors() {}

    /**
     * The failure a non-2xx response stands for, naming the status and the vendor's own error
     * message (both OpenAI and Anthropic put it at {@code error.message}). Rate limits, timeouts
     * and server errors may pass; a bad key, a forbidden model or a malformed request will not.
     * Reads at most a few KB of the body and closes it.
     */
    static ProviderException of(String vendor, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        String text;
        try (InputStream in = response.body()) {
            text = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        return new ProviderException(vendor, "HTTP " + status + ": " + message(text), retryable(status));
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static String message(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the raw text
        }
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            return "(no body)";
        }
        return trimmed.length() > 200 ? trimmed.substring(0, 200) + "..." : trimmed;
    }
}
