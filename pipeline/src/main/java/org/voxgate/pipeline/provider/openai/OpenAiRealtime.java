package org.voxgate.pipeline.provider.openai;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RealtimeListener;
import org.voxgate.pipeline.provider.RealtimeModel;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.RealtimeStream;

/**
 * OpenAI Realtime speech-to-speech over WebSocket ({@code {base}/v1/realtime?model=...},
 * PROTOCOLS.md section 3). GA event and field names by default; the beta protocol (header
 * {@code OpenAI-Beta: realtime=v1}, flat session fields) when option {@code api} is
 * {@code beta}. Audio travels as G.711 mu-law, the call's own 8 kHz rate. Options:
 * {@code api} ({@code ga}|{@code beta}), {@code transcription_model} (default
 * {@code gpt-4o-mini-transcribe}).
 *
 * <p>Threading: thread-safe and shared by every call; {@link #open} returns at once and
 * connects on a virtual thread (failures reach {@link RealtimeListener#onError}). Ownership:
 * each returned stream is the caller's to close. The API key is sent only in the
 * {@code Authorization} header and never logged.
 */
public final class OpenAiRealtime implements RealtimeModel {
    private final ProviderSettings settings;
    private final ProviderGuard guard;
    private final HttpClient http;
    private final OpenAiSessionConfig config;
    private final boolean beta;

    /**
     * @param settings base URL (e.g. {@code wss://api.openai.com}), key, model, timeouts, options
     * @param guard retries and circuit breaker for this vendor's realtime connections
     * @param http the client WebSockets are built from (shared)
     */
    public OpenAiRealtime(ProviderSettings settings, ProviderGuard guard, HttpClient http) {
        this.settings = settings;
        this.guard = guard;
        this.http = http;
        this.beta = "beta".equalsIgnoreCase(settings.option("api", "ga"));
        this.config = new OpenAiSessionConfig(beta, settings.option("transcription_model", "gpt-4o-mini-transcribe"));
    }

    /** With an HTTP client of its own. */
    public OpenAiRealtime(ProviderSettings settings, ProviderGuard guard) {
        this(settings, guard, HttpClient.newHttpClient());
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
    public RealtimeStream open(RealtimeSession session, RealtimeListener listener) {
        OpenAiRealtimeStream stream = new OpenAiRealtimeStream(settings.vendor(), session, listener, guard, config);
        URI uri = URI.create(trimSlash(settings.baseUrl()) + "/v1/realtime?model="
                + URLEncoder.encode(settings.model(), StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + settings.apiKey());
        if (beta) {
            headers.put("OpenAI-Beta", "realtime=v1");
        }
        Thread.ofVirtual().name("openai-realtime-connect")
                .start(() -> stream.connect(http, uri, headers, settings.connectTimeout()));
        return stream;
    }

    private static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
