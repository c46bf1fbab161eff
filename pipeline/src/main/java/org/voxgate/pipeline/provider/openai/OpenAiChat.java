package org.voxgate.pipeline.provider.openai;

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
 * OpenAI Chat Completions, streamed ({@code POST {baseUrl}/v1/chat/completions}, PROTOCOLS.md
 * section 4), with tool calls and the provider's own token counts. Any server that speaks the
 * same protocol works by pointing {@link ProviderSettings#baseUrl} at it.
 *
 * <p>Threading and ownership: as {@link StreamingChatModel}. The API key goes only into the
 * {@code Authorization} header.
 */
public final class OpenAiChat extends StreamingChatModel {
    public OpenAiChat(ProviderSettings settings, HttpClient http, ProviderGuard guard) {
        super(settings, http, guard, "/v1/chat/completions");
    }

    @Override
    protected ObjectNode body(LlmRequest request) {
        return ChatRequestBody.of(JSON, model(), request);
    }

    @Override
    protected HttpRequest.Builder headers(HttpRequest.Builder builder, ProviderSettings settings) {
        return builder.header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream");
    }

    @Override
    protected SseDecoder decoder(LlmListener listener) {
        return new ChatStreamDecoder(vendor(), JSON, listener);
    }
}
