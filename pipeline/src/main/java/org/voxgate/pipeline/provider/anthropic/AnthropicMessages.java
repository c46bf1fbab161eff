package org.voxgate.pipeline.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.http.SseClient;

/**
 * Anthropic Messages, streamed ({@code POST {baseUrl}/v1/messages}, PROTOCOLS.md section 7),
 * with tool use and the provider's own token counts.
 *
 * <p>Threading: thread-safe and shared by every call; each {@link #stream} runs on its own
 * virtual thread and delivers to its listener there. Ownership: borrows the
 * {@link HttpClient} and the {@link ProviderGuard}; closes nothing of theirs. The API key goes
 * only into the {@code x-api-key} header and is never logged.
 */
public final class AnthropicMessages implements LanguageModel {
    /** The API version this client speaks. */
    public static final String API_VERSION = "2023-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderSettings settings;
    private final URI endpoint;
    private final SseClient sse;

    public AnthropicMessages(ProviderSettings settings, HttpClient http, ProviderGuard guard) {
        this.settings = settings;
        this.endpoint = URI.create(settings.baseUrl().replaceAll("/+$", "") + "/v1/messages");
        this.sse = new SseClient(settings.vendor(), http, guard, settings.idleTimeout());
    }

    @Override
    public String vendor() {
        return settings.vendor();
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public Cancellable stream(LlmRequest request, LlmListener listener) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(MessagesRequestBody.of(JSON, settings.model(), request));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            listener.onError(new ProviderException(vendor(), "cannot build the request: " + e.getMessage(), false, e));
            return () -> { };
        }
        HttpRequest http = HttpRequest.newBuilder(endpoint)
                .timeout(settings.connectTimeout())
                .header("x-api-key", settings.apiKey())
                .header("anthropic-version", API_VERSION)
                .header("content-type", "application/json")
                .header("accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return sse.stream(http, listener, gated -> new MessagesStreamDecoder(vendor(), JSON, gated));
    }

    @Override
    public String toString() {
        return "AnthropicMessages[" + settings + "]";
    }
}
