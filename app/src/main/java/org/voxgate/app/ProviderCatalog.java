package org.voxgate.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.anthropic.AnthropicMessages;
import org.voxgate.pipeline.provider.openai.OpenAiChat;

/**
 * Makes vendor clients for the bots of {@code bots.agents} from the {@code providers} section:
 * the settings (base URL, the key from the environment, model, timeouts, options), one
 * {@link ProviderGuard} per vendor and kind (so a failing vendor trips one circuit for every
 * bot that uses it) and one shared HTTP client.
 *
 * <p>Used at start-up on the main thread; the clients it returns are thread-safe.
 */
final class ProviderCatalog {
    private final ProvidersConfig config;
    private final Map<String, String> env;
    private final MeterRegistry metrics;
    private final HttpClient http;
    private final Map<String, ProviderGuard> guards = new ConcurrentHashMap<>();

    ProviderCatalog(ProvidersConfig config, Map<String, String> env, MeterRegistry metrics) {
        this.config = config;
        this.env = Map.copyOf(env);
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The shared HTTP client (WebSocket clients are built from it too). */
    HttpClient http() {
        return http;
    }

    /**
     * A language model.
     *
     * @param key the config key that chose it, for error messages
     * @throws ConfigException naming {@code key} for an unknown vendor or a missing API key
     */
    LanguageModel languageModel(String key, String vendor, String model, Map<String, String> options) {
        return switch (vendor) {
            case "openai" -> new OpenAiChat(settings(key, vendor, false, model, options), http, guard(vendor, "llm"));
            case "anthropic" -> new AnthropicMessages(settings(key, vendor, false, model, options), http, guard(vendor, "llm"));
            default -> throw new ConfigException(key + ".vendor: no language model from '" + vendor
                    + "' (openai, anthropic)");
        };
    }

    /** Settings for one client; the key is taken from the environment variable the config names. */
    ProviderSettings settings(String key, String vendor, boolean realtime, String model, Map<String, String> options) {
        ProvidersConfig.Endpoint endpoint = config.endpoint(vendor);
        String apiKey = env.getOrDefault(endpoint.apiKeyEnv(), "").trim();
        if (apiKey.isEmpty()) {
            throw new ConfigException(key + ": " + vendor + " needs its API key in the environment variable "
                    + endpoint.apiKeyEnv() + " (providers." + vendor + ".api-key-env)");
        }
        return new ProviderSettings(vendor, realtime ? endpoint.realtimeUrl() : endpoint.baseUrl(), apiKey, model,
                config.connectTimeout(), config.idleTimeout(), options);
    }

    /** One guard per vendor and kind: a vendor that keeps failing is rested for every bot. */
    ProviderGuard guard(String vendor, String kind) {
        return guards.computeIfAbsent(vendor + "/" + kind,
                k -> new ProviderGuard(vendor, kind, config.retry(), metrics));
    }
}
