package org.voxgate.pipeline.provider;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one provider: its base URL (configurable so tests and proxies can point it
 * elsewhere), the API key (from the environment; never logged), the model or voice, and the
 * timeouts. Immutable.
 *
 * @param vendor the vendor's name as configured, e.g. {@code deepgram}; also the metrics tag
 * @param baseUrl scheme, host and optional path prefix, e.g. {@code wss://api.deepgram.com}
 * @param apiKey secret; empty when the vendor needs none (a local recognizer)
 * @param model model id (or voice id for TTS vendors that name voices in the URL)
 * @param connectTimeout how long to wait for a connection or the response headers
 * @param idleTimeout how long a stream may stay silent before it is treated as dead
 * @param options vendor-specific extras (e.g. {@code voice}, {@code language}); never null
 */
public record ProviderSettings(String vendor, String baseUrl, String apiKey, String model,
        Duration connectTimeout, Duration idleTimeout, Map<String, String> options) {
    public ProviderSettings {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(baseUrl, "baseUrl");
        apiKey = apiKey == null ? "" : apiKey;
        model = model == null ? "" : model;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** Settings with the default timeouts and no options. */
    public static ProviderSettings of(String vendor, String baseUrl, String apiKey, String model) {
        return new ProviderSettings(vendor, baseUrl, apiKey, model, null, null, null);
    }

    /** A vendor option, or {@code fallback} when it is not set. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** The same settings with one more option. */
    public ProviderSettings withOption(String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(options);
        copy.put(key, value);
        return new ProviderSettings(vendor, baseUrl, apiKey, model, connectTimeout, idleTimeout, copy);
    }

    @Override
    public String toString() {
        return "ProviderSettings[vendor=" + vendor + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey.isEmpty() ? "(none)" : "(set)") + ", options=" + options + "]";
    }
}
