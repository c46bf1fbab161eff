package org.voxgate.pipeline.provider.gemini;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RealtimeListener;
import org.voxgate.pipeline.provider.RealtimeModel;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.RealtimeStream;

/**
 * Google Gemini Live speech-to-speech over WebSocket
 * ({@code {base}/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=KEY},
 * PROTOCOLS.md section 8). The call's 8 kHz audio goes up as 16 kHz PCM; the model's 24 kHz
 * audio comes down to 8 kHz. Barge-in is the server's own ({@code START_OF_ACTIVITY_INTERRUPTS}).
 *
 * <p>Threading: thread-safe and shared by every call; {@link #open} returns at once and
 * connects on a virtual thread (failures reach {@link RealtimeListener#onError}). Ownership:
 * each returned stream is the caller's to close. The key travels only in the URL's query and
 * is never logged (errors name the host and path only).
 */
public final class GeminiLive implements RealtimeModel {
    static final String PATH = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";

    private final ProviderSettings settings;
    private final ProviderGuard guard;
    private final HttpClient http;

    /**
     * @param settings base URL (e.g. {@code wss://generativelanguage.googleapis.com}), key, model
     *     (without {@code models/}), timeouts
     * @param guard retries and circuit breaker for this vendor's realtime connections
     * @param http the client WebSockets are built from (shared)
     */
    public GeminiLive(ProviderSettings settings, ProviderGuard guard, HttpClient http) {
        this.settings = settings;
        this.guard = guard;
        this.http = http;
    }

    /** With an HTTP client of its own. */
    public GeminiLive(ProviderSettings settings, ProviderGuard guard) {
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
        GeminiLiveStream stream = new GeminiLiveStream(settings.vendor(), settings.model(), session, listener, guard);
        String base = settings.baseUrl().endsWith("/") ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
                : settings.baseUrl();
        URI uri = URI.create(base + PATH + "?key=" + URLEncoder.encode(settings.apiKey(), StandardCharsets.UTF_8));
        Thread.ofVirtual().name("gemini-live-connect").start(() -> stream.connect(http, uri, settings.connectTimeout()));
        return stream;
    }
}
