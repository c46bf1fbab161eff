package org.voxgate.pipeline.provider.deepgram;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.ProviderSocket;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;

/**
 * Deepgram Aura text-to-speech over WebSocket ({@code {baseUrl}/v1/speak}, PROTOCOLS.md
 * section 2), asking for 8 kHz mu-law. The model (voice) defaults to {@code aura-2-thalia-en};
 * option {@code speed} is passed through when set.
 *
 * <p>Threading: thread-safe and shared by every call; {@link #open} returns at once and
 * connects on a virtual thread (text given meanwhile is queued). Ownership: the HTTP client
 * and guard are shared, not closed.
 */
public final class DeepgramTts implements TextToSpeech {
    private final ProviderSettings settings;
    private final ProviderGuard guard;
    private final HttpClient http;
    private final URI uri;

    /**
     * @param settings base URL (e.g. {@code wss://api.deepgram.com}), key, model, options
     * @param guard retries, circuit breaker and metrics for this vendor (kind {@code tts})
     * @param http the shared JDK HTTP client that opens the WebSockets
     */
    public DeepgramTts(ProviderSettings settings, ProviderGuard guard, HttpClient http) {
        this.settings = settings;
        this.guard = guard;
        this.http = http;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("model", model());
        query.put("encoding", "mulaw");
        query.put("sample_rate", "8000");
        if (settings.options().containsKey("speed")) {
            query.put("speed", settings.option("speed", "1.0"));
        }
        this.uri = URI.create(DeepgramStt.stripSlash(settings.baseUrl()) + "/v1/speak?" + DeepgramStt.encode(query));
    }

    /** With the default retry policy, a guard of its own registered in {@code registry}, and a new HTTP client. */
    public DeepgramTts(ProviderSettings settings, MeterRegistry registry) {
        this(settings, new ProviderGuard(settings.vendor(), "tts", RetryPolicy.DEFAULT, registry),
                HttpClient.newHttpClient());
    }

    @Override
    public String vendor() {
        return settings.vendor();
    }

    @Override
    public String model() {
        return settings.model().isEmpty() ? "aura-2-thalia-en" : settings.model();
    }

    @Override
    public TtsStream open(TtsListener listener) {
        DeepgramTtsStream stream = new DeepgramTtsStream(settings.vendor(), listener, guard);
        stream.start(() -> ProviderSocket.connect(http, settings.vendor(), uri,
                Map.of("Authorization", "Token " + settings.apiKey()), settings.connectTimeout(), stream));
        return stream;
    }
}
