package org.voxgate.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxgate.pipeline.provider.RetryPolicy;

/**
 * Where the AI providers are reached (the {@code providers} section): per vendor a base URL
 * (configurable, so a proxy or a local fake can stand in) and the name of the environment
 * variable that holds its key. Keys never come from the file and are never logged.
 *
 * <p>Immutable; built once at start-up.
 *
 * @param endpoints per vendor ({@code deepgram}, {@code openai}, {@code anthropic},
 *     {@code elevenlabs}, {@code gemini})
 * @param connectTimeout connection (or response-header) timeout for every provider
 * @param idleTimeout how long an open provider stream may stay silent before it counts as dead
 * @param retry retries with back-off and circuit breaking for every provider
 */
record ProvidersConfig(Map<String, Endpoint> endpoints, Duration connectTimeout, Duration idleTimeout,
        RetryPolicy retry) {
    /** The vendors a base URL is configured for. */
    static final List<String> VENDORS = List.of("deepgram", "openai", "anthropic", "elevenlabs", "gemini");

    /**
     * One vendor's address.
     *
     * @param baseUrl the HTTP or WebSocket base (scheme, host, optional port), no {@code /v1}
     * @param realtimeUrl the WebSocket base of its realtime API (OpenAI), else the base URL
     * @param apiKeyEnv the environment variable holding the key
     */
    record Endpoint(String vendor, String baseUrl, String realtimeUrl, String apiKeyEnv) {}

    ProvidersConfig {
        endpoints = Map.copyOf(endpoints);
    }

    static ProvidersConfig from(ConfigTree tree) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (String vendor : VENDORS) {
            String prefix = "providers." + vendor + ".";
            String base = url(tree, prefix + "base-url");
            String realtime = vendor.equals("openai") ? url(tree, prefix + "realtime-url") : base;
            String env = tree.string(prefix + "api-key-env");
            if (!env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException(prefix + "api-key-env must name an environment variable, got '" + env + "'");
            }
            endpoints.put(vendor, new Endpoint(vendor, base, realtime, env));
        }
        int attempts = tree.integer("providers.retry.attempts", 1, 10);
        int initial = tree.integer("providers.retry.initial-backoff-ms", 1, 60_000);
        int max = tree.integer("providers.retry.max-backoff-ms", initial, 600_000);
        int openFor = tree.integer("providers.retry.circuit-open-seconds", 1, 3600);
        RetryPolicy retry = new RetryPolicy(attempts, Duration.ofMillis(initial), Duration.ofMillis(max), 50, 10,
                Duration.ofSeconds(openFor));
        return new ProvidersConfig(endpoints,
                Duration.ofMillis(tree.integer("providers.connect-timeout-ms", 100, 120_000)),
                Duration.ofMillis(tree.integer("providers.idle-timeout-ms", 1000, 600_000)), retry);
    }

    private static String url(ConfigTree tree, String key) {
        String value = tree.string(key).replaceAll("/+$", "");
        if (!value.matches("(?i)(https?|wss?)://[^/\\s]+(/\\S*)?")) {
            throw new ConfigException(key + " must be an http(s):// or ws(s):// URL, got '" + value + "'");
        }
        return value;
    }

    /** The endpoint of {@code vendor}; the caller has checked the name against {@link #VENDORS}. */
    Endpoint endpoint(String vendor) {
        Endpoint e = endpoints.get(vendor);
        if (e == null) {
            throw new IllegalArgumentException("no provider endpoint for " + vendor);
        }
        return e;
    }
}
