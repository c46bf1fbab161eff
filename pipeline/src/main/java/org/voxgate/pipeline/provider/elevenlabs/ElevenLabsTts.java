package org.voxgate.pipeline.provider.elevenlabs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.ProviderSocket;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;

/**
 * ElevenLabs input-streaming text-to-speech
 * ({@code {baseUrl}/v1/text-to-speech/{voice_id}/stream-input}, PROTOCOLS.md section 5), asking
 * for {@code ulaw_8000}. The model is the {@code model_id} (default {@code eleven_flash_v2_5},
 * also the pricing key); the voice comes from option {@code voice} (default
 * {@code 21m00Tcm4TlvDq8ikWAM}). Other options: {@code stability} (0.5),
 * {@code similarity_boost} (0.75), {@code speed} (1.0), {@code chunk_length_schedule}
 * (comma-separated, default {@code 50}: lowest latency, as the SDK), {@code inactivity_timeout}
 * (s, default 180, the most the endpoint allows, so that a pre-opened socket survives a long
 * caller turn). The key goes in the {@code xi-api-key} header.
 *
 * <p>Threading: thread-safe and shared by every call; {@link #open} returns at once.
 * Ownership: the HTTP client and guard are shared, not closed.
 */
public final class ElevenLabsTts implements TextToSpeech {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderSettings settings;
    private final ProviderGuard guard;
    private final HttpClient http;
    private final URI uri;
    private final String initMessage;

    /**
     * @param settings base URL (e.g. {@code wss://api.elevenlabs.io}), key, model id, options
     * @param guard retries, circuit breaker and metrics for this vendor (kind {@code tts})
     * @param http the shared JDK HTTP client that opens the WebSockets
     */
    public ElevenLabsTts(ProviderSettings settings, ProviderGuard guard, HttpClient http) {
        this.settings = settings;
        this.guard = guard;
        this.http = http;
        String base = settings.baseUrl().endsWith("/")
                ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1) : settings.baseUrl();
        this.uri = URI.create(base + "/v1/text-to-speech/" + encode(settings.option("voice", "21m00Tcm4TlvDq8ikWAM"))
                + "/stream-input?model_id=" + encode(model()) + "&output_format=ulaw_8000&inactivity_timeout="
                + encode(settings.option("inactivity_timeout", "180")));
        this.initMessage = initMessage(settings);
    }

    /** With the default retry policy, a guard of its own registered in {@code registry}, and a new HTTP client. */
    public ElevenLabsTts(ProviderSettings settings, MeterRegistry registry) {
        this(settings, new ProviderGuard(settings.vendor(), "tts", RetryPolicy.DEFAULT, registry),
                HttpClient.newHttpClient());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String initMessage(ProviderSettings settings) {
        ObjectNode init = JSON.createObjectNode().put("text", " ");
        init.putObject("voice_settings")
                .put("stability", Double.parseDouble(settings.option("stability", "0.5")))
                .put("similarity_boost", Double.parseDouble(settings.option("similarity_boost", "0.75")))
                .put("speed", Double.parseDouble(settings.option("speed", "1.0")));
        ArrayNode schedule = init.putObject("generation_config").putArray("chunk_length_schedule");
        for (String step : settings.option("chunk_length_schedule", "50").split(",")) {
            schedule.add(Integer.parseInt(step.trim()));
        }
        return init.toString();
    }

    @Override
    public String vendor() {
        return settings.vendor();
    }

    @Override
    public String model() {
        return settings.model().isEmpty() ? "eleven_flash_v2_5" : settings.model();
    }

    @Override
    public TtsStream open(TtsListener listener) {
        return new ElevenLabsTtsStream(settings.vendor(), listener, guard, handler -> ProviderSocket.connect(http,
                settings.vendor(), uri, Map.of("xi-api-key", settings.apiKey()), settings.connectTimeout(), handler),
                initMessage);
    }
}
