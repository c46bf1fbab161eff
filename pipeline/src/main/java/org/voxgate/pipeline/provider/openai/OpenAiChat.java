package org.voxgate.pipeline.provider.openai;

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
 * OpenAI Chat Completions, streamed ({@code POST {baseUrl}/v1/chat/completions}, PROTOCOLS.md
 * section 4), with tool calls and the provider's own token counts. Any server that speaks the
 * same protocol works by pointing {@link ProviderSettings#baseUrl} at it.
 *
 * <p>Threading: thread-safe and shared by every call; each {@link #stream} runs on its own
 * virtual thread and delivers to its listener there. Ownership: borrows the
 * {@link HttpClient} and the {@link ProviderGuard}; closes nothing of theirs. The API key goes
 * only into the {@code Authorization} header and is never logged.
 */
public final class OpenAiChat implements LanguageModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderSettings settings;
    private final URI endpoint;
    private final SseClient sse;

    public OpenAiChat(ProviderSettings settings, HttpClient http, ProviderGuard guard) {
        this.settings = settings;
        this.endpoint = URI.create(settings.baseUrl().replaceAll("/+$", "") + "/v1/chat/completions");
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
            body = JSON.writeValueAsBytes(ChatRequestBody.of(JSON, settings.model(), request));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            listener.onError(new ProviderException(vendor(), "cannot build the request: " + e.getMessage(), false, e));
            return () -> { };
        }
        HttpRequest http = HttpRequest.newBuilder(endpoint)
                .timeout(settings.connectTimeout())
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return sse.stream(http, listener, gated -> new ChatStreamDecoder(vendor(), JSON, gated));
    }

    @Override
    public String toString() {
        return "OpenAiChat[" + settings + "]";
    }
}
