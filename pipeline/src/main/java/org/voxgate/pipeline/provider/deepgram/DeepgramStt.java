package org.voxgate.pipeline.provider.deepgram;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.SttStream;

/**
 * Deepgram live speech-to-text ({@code {baseUrl}/v1/listen}, PROTOCOLS.md section 1): caller
 * audio goes as 8 kHz mu-law binary frames, results come back as {@code Results},
 * {@code SpeechStarted}, {@code UtteranceEnd} and {@code Metadata}.
 *
 * <p>Options (ProviderSettings.options, all optional): {@code endpointing} (ms of silence
 * before {@code speech_final}, default 300), {@code utterance_end_ms} (default 1000, raised to
 * 1000 if lower), {@code language} (default {@code en}), {@code smart_format} and
 * {@code punctuate} (default true), {@code keepalive_ms} (default 4000). The model defaults to
 * {@code nova-3}.
 *
 * <p>Threading: thread-safe and shared by every call; {@link #open} returns at once and
 * connects on a virtual thread. Ownership: the HTTP client and guard are shared, not closed.
 */
public final class DeepgramStt implements SpeechToText {
    private final ProviderSettings settings;
    private final ProviderGuard guard;
    private final HttpClient http;
    private final URI uri;

    /**
     * @param settings base URL (e.g. {@code wss://api.deepgram.com}), key, model, options
     * @param guard retries, circuit breaker and metrics for this vendor (kind {@code stt})
     * @param http the shared JDK HTTP client that opens the WebSockets
     */
    public DeepgramStt(ProviderSettings settings, ProviderGuard guard, HttpClient http) {
        this.settings = settings;
        this.guard = guard;
        this.http = http;
        this.uri = listenUri(settings);
    }

    /** With the default retry policy, a guard of its own registered in {@code registry}, and a new HTTP client. */
    public DeepgramStt(ProviderSettings settings, MeterRegistry registry) {
        this(settings, new ProviderGuard(settings.vendor(), "stt", RetryPolicy.DEFAULT, registry),
                HttpClient.newHttpClient());
    }

    @Override
    public String vendor() {
        return settings.vendor();
    }

    @Override
    public String model() {
        return settings.model().isEmpty() ? "nova-3" : settings.model();
    }

    @Override
    public SttStream open(SttListener listener) {
        DeepgramSttStream stream = new DeepgramSttStream(settings.vendor(), listener, guard,
                Duration.ofMillis(Long.parseLong(settings.option("keepalive_ms", "4000"))));
        stream.start(() -> org.voxgate.pipeline.provider.ProviderSocket.connect(http, settings.vendor(), uri,
                Map.of("Authorization", "Token " + settings.apiKey()), settings.connectTimeout(), stream));
        return stream;
    }

    /** The listen URL with every query parameter this client relies on. */
    static URI listenUri(ProviderSettings settings) {
        int utteranceEnd = Math.max(1000, Integer.parseInt(settings.option("utterance_end_ms", "1000")));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("model", settings.model().isEmpty() ? "nova-3" : settings.model());
        query.put("encoding", "mulaw");
        query.put("sample_rate", "8000");
        query.put("channels", "1");
        query.put("interim_results", "true");
        query.put("endpointing", settings.option("endpointing", "300"));
        query.put("utterance_end_ms", Integer.toString(utteranceEnd));
        query.put("vad_events", "true");
        query.put("smart_format", settings.option("smart_format", "true"));
        query.put("punctuate", settings.option("punctuate", "true"));
        query.put("language", settings.option("language", "en"));
        return URI.create(stripSlash(settings.baseUrl()) + "/v1/listen?" + encode(query));
    }

    static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static String encode(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
