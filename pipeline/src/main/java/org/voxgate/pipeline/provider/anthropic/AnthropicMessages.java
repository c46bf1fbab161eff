package org.voxgate.pipeline.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.http.SseDecoder;
import org.voxgate.pipeline.provider.http.StreamingChatModel;

/**
 * Anthropic Messages, streamed ({@code POST {baseUrl}/v1/messages}, PROTOCOLS.md section 7),
 * with tool use and the provider's own token counts.
 *
 * <p>Threading and ownership: as {@link StreamingChatModel}. The API key goes only into the
 * {@code x-api-key} header.
 */
public final class AnthropicMessages extends StreamingChatModel {
    /** The API version this client speaks. */
    public static final String API_VERSION = "2023-06-01";

    public AnthropicMessages(ProviderSettings settings, HttpClient http, ProviderGuard guard) {
        super(settings, http, guard, "/v1/messages");
    }

    @Override
    protected ObjectNode body(LlmRequest request) {
        return MessagesRequestBody.of(JSON, model(), request);
    }

    @Override
    protected HttpRequest.Builder headers(HttpRequest.Builder builder, ProviderSettings settings) {
        return builder.header("x-api-key", settings.apiKey())
                .header("anthropic-version", API_VERSION)
                .header("content-type", "application/json")
                .header("accept", "text/event-stream");
    }

    @Override
    protected SseDecoder decoder(LlmListener listener) {
        return new MessagesStreamDecoder(vendor(), JSON, listener);
    }
}
