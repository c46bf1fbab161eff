package org.voxgate.pipeline.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * The base of a language model streamed over server-sent events: it owns the settings, the
 * endpoint and the {@link SseClient} (retries, circuit, idle watchdog, cancel), builds the POST
 * and runs it, so a vendor class only says what its request body, headers and event decoder
 * are.
 *
 * <p>Threading: thread-safe and shared by every call; each {@link #stream} runs on its own
 * virtual thread and delivers to its listener there. Ownership: borrows the
 * {@link HttpClient} and the {@link ProviderGuard}; closes nothing of theirs. The API key goes
 * only into the headers a subclass sets and is never logged.
 */
public abstract class StreamingChatModel implements LanguageModel {
    /** Shared, thread-safe once configured. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderSettings settings;
    private final URI endpoint;
    private final SseClient sse;

    /** @param path the API path below the base URL, e.g. {@code /v1/messages} */
    protected StreamingChatModel(ProviderSettings settings, HttpClient http, ProviderGuard guard, String path) {
        this.settings = settings;
        this.endpoint = URI.create(settings.baseUrl().replaceAll("/+$", "") + path);
        this.sse = new SseClient(settings.vendor(), http, guard, settings.idleTimeout());
    }

    /** The vendor's request body for {@code request}. */
    protected abstract ObjectNode body(LlmRequest request);

    /** Adds the vendor's authentication and version headers. */
    protected abstract HttpRequest.Builder headers(HttpRequest.Builder builder, ProviderSettings settings);

    /** The decoder of one response's events, delivering to {@code listener}. */
    protected abstract SseDecoder decoder(LlmListener listener);

    @Override
    public final String vendor() {
        return settings.vendor();
    }

    @Override
    public final String model() {
        return settings.model();
    }

    @Override
    public final Cancellable stream(LlmRequest request, LlmListener listener) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(body(request));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            listener.onError(new ProviderException(vendor(), "cannot build the request: " + e.getMessage(), false, e));
            return () -> { };
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(settings.connectTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return sse.stream(headers(builder, settings).build(), listener, this::decoder);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + settings + "]";
    }
}
