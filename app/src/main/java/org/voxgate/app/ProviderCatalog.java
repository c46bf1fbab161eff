package org.voxgate.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import org.voxgate.pipeline.offline.OfflineBotConfig;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RealtimeModel;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.provider.anthropic.AnthropicMessages;
import org.voxgate.pipeline.provider.deepgram.DeepgramStt;
import org.voxgate.pipeline.provider.deepgram.DeepgramTts;
import org.voxgate.pipeline.provider.elevenlabs.ElevenLabsTts;
import org.voxgate.pipeline.provider.gemini.GeminiLive;
import org.voxgate.pipeline.provider.local.LocalSpeechToText;
import org.voxgate.pipeline.provider.local.LocalTextToSpeech;
import org.voxgate.pipeline.provider.openai.OpenAiChat;
import org.voxgate.pipeline.provider.openai.OpenAiRealtime;
import org.voxgate.pipeline.speech.EspeakSynthesizer;
import org.voxgate.pipeline.speech.PocketsphinxModel;

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
    private final OfflineBotConfig local;
    private PocketsphinxModel recognizerModel;
    private EspeakSynthesizer synthesizer;
    /** espeak-ng synthesizers for other voices or speeds than the node's, by voice and words per minute. */
    private final Map<String, EspeakSynthesizer> voices = new java.util.HashMap<>();

    /**
     * @param local the offline engines' settings (espeak-ng, pocketsphinx), for the {@code local}
     *     vendor of speech-to-text and text-to-speech
     */
    ProviderCatalog(ProvidersConfig config, Map<String, String> env, MeterRegistry metrics, OfflineBotConfig local) {
        this.local = local;
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

    /**
     * A speech-to-text model; {@code local} is pocketsphinx listening for {@code phrases}.
     *
     * @throws ConfigException naming {@code key} for an unknown vendor or a missing API key
     */
    SpeechToText speechToText(String key, String vendor, String model, Map<String, String> options,
            List<String> phrases) {
        return switch (vendor) {
            case "deepgram" -> new DeepgramStt(settings(key, vendor, false, model, options), guard(vendor, "stt"), http);
            case "local" -> {
                if (phrases.isEmpty()) {
                    throw new ConfigException(key + ".phrases: the local recognizer needs the phrases it listens for");
                }
                yield new LocalSpeechToText(recognizerModel(key), phrases);
            }
            default -> throw new ConfigException(key + ".vendor: no speech-to-text from '" + vendor + "' (deepgram, local)");
        };
    }

    /**
     * A text-to-speech voice; {@code local} is espeak-ng with the {@code bots} voice settings,
     * or with option {@code voice} (an espeak-ng voice such as {@code es}) and option
     * {@code speed} (0.5-2, scales the node's words per minute) when given.
     *
     * @throws ConfigException naming {@code key} for an unknown vendor or a missing API key
     */
    TextToSpeech textToSpeech(String key, String vendor, String model, Map<String, String> options) {
        return switch (vendor) {
            case "deepgram" -> new DeepgramTts(settings(key, vendor, false, model, options), guard(vendor, "tts"), http);
            case "elevenlabs" -> new ElevenLabsTts(settings(key, vendor, false, model, options), guard(vendor, "tts"), http);
            case "local" -> new LocalTextToSpeech(synthesizer(key, options));
            default -> throw new ConfigException(key + ".vendor: no text-to-speech from '" + vendor
                    + "' (deepgram, elevenlabs, local)");
        };
    }

    /**
     * A realtime speech-to-speech model.
     *
     * @throws ConfigException naming {@code key} for an unknown vendor or a missing API key
     */
    RealtimeModel realtime(String key, String vendor, String model, Map<String, String> options) {
        return switch (vendor) {
            case "openai" -> new OpenAiRealtime(settings(key, vendor, true, model, options), guard(vendor, "realtime"), http);
            case "gemini" -> new GeminiLive(settings(key, vendor, true, model, options), guard(vendor, "realtime"), http);
            default -> throw new ConfigException(key + ".vendor: no realtime model from '" + vendor + "' (openai, gemini)");
        };
    }

    private synchronized PocketsphinxModel recognizerModel(String key) {
        if (recognizerModel == null) {
            try {
                recognizerModel = PocketsphinxModel.load(local.pocketsphinxLibrary(), local.sphinxbaseLibrary(),
                        local.acousticModel(), local.dictionary());
            } catch (RuntimeException e) {
                throw new ConfigException(key + ": the local recognizer (pocketsphinx) cannot be loaded: " + e.getMessage(), e);
            }
        }
        return recognizerModel;
    }

    private synchronized EspeakSynthesizer synthesizer() {
        if (synthesizer == null) {
            synthesizer = new EspeakSynthesizer(local.espeakBinary(), local.espeakVoice(), local.speechRate(),
                    local.synthesisTimeout(), local.promptCacheEntries());
        }
        return synthesizer;
    }

    /** The espeak-ng synthesizer for a local voice's options (shared between bots with the same voice and speed). */
    synchronized EspeakSynthesizer synthesizer(String key, Map<String, String> options) {
        String voice = options.getOrDefault("voice", local.espeakVoice()).trim();
        int rate = local.speechRate();
        if (options.containsKey("speed")) {
            double speed;
            try {
                speed = Double.parseDouble(options.get("speed"));
            } catch (NumberFormatException e) {
                throw new ConfigException(key + ".speed must be a number, got '" + options.get("speed") + "'");
            }
            if (speed < 0.5 || speed > 2) {
                throw new ConfigException(key + ".speed must be between 0.5 and 2, got " + speed);
            }
            rate = Math.max(80, Math.min(450, (int) Math.round(local.speechRate() * speed)));
        }
        if (voice.equals(local.espeakVoice()) && rate == local.speechRate()) {
            return synthesizer();
        }
        int wordsPerMinute = rate;
        return voices.computeIfAbsent(voice + "@" + rate, k -> new EspeakSynthesizer(local.espeakBinary(), voice,
                wordsPerMinute, local.synthesisTimeout(), local.promptCacheEntries()));
    }

    /** The environment variable {@code name} as this catalog sees it, or null. */
    String environment(String name) {
        return env.get(name);
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
