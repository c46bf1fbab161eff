package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a skillbase's {@code voice.stt}, {@code voice.tts} and {@code llm} (each one provider or
 * a failover list) to {@link ProviderChoice}s, carrying the bot's language and voice speed to
 * each vendor in the option it understands:
 *
 * <ul>
 *   <li>stt deepgram: {@code model}; {@code language} (the entry's own, else the primary subtag
 *       of the bot's language: {@code es-ES} gives {@code es}).</li>
 *   <li>stt local (pocketsphinx, English only): no language; it listens for the phrases the
 *       skillbase expects (flow keywords, handoff keywords, yes and no for yes/no slots).</li>
 *   <li>tts deepgram: the voice is Deepgram's model ({@code aura-2-thalia-en}); {@code speed}
 *       goes as the {@code speed} query parameter.</li>
 *   <li>tts elevenlabs: option {@code voice} (the voice id), {@code speed} into
 *       {@code voice_settings.speed}; an optional {@code model} is the model id. The language
 *       follows the text (multilingual models), so nothing more is sent.</li>
 *   <li>tts local (espeak-ng): option {@code voice} (the entry's, else {@code es} style from a
 *       non-English bot language) and {@code speed} scaling the node's words per minute.</li>
 *   <li>llm: {@code vendor} and {@code model}; {@code temperature} and {@code maxTokens} are the
 *       bot's (see {@link SkillbaseSpecs}), not options.</li>
 * </ul>
 *
 * <p>Stateless.
 */
final class SkillbaseVoice {
    private static final Set<String> STT_FIELDS = Set.of("vendor", "model", "language");
    private static final Set<String> TTS_FIELDS = Set.of("vendor", "model", "voice", "speed");
    private static final Set<String> LLM_FIELDS = Set.of("vendor", "model", "temperature", "maxTokens");

    private SkillbaseVoice() {}

    static List<ProviderChoice> stt(JsonNode doc) {
        String language = language(doc);
        List<ProviderChoice> out = new ArrayList<>();
        for (JsonNode p : SkillbaseNodes.oneOrMany(doc.path("voice").get("stt"))) {
            String vendor = vendor(p);
            Map<String, String> options = new LinkedHashMap<>(SkillbaseNodes.scalars(p, STT_FIELDS));
            if (vendor.equals("local")) {
                out.add(new ProviderChoice(vendor, SkillbaseNodes.text(p, "model", ""), options, phrases(doc)));
                continue;
            }
            options.put("language", SkillbaseNodes.text(p, "language", primary(language)));
            out.add(new ProviderChoice(vendor, SkillbaseNodes.text(p, "model", ""), options, List.of()));
        }
        return out;
    }

    static List<ProviderChoice> tts(JsonNode doc) {
        String language = language(doc);
        List<ProviderChoice> out = new ArrayList<>();
        for (JsonNode p : SkillbaseNodes.oneOrMany(doc.path("voice").get("tts"))) {
            String vendor = vendor(p);
            Map<String, String> options = new LinkedHashMap<>(SkillbaseNodes.scalars(p, TTS_FIELDS));
            String voice = SkillbaseNodes.text(p, "voice", "");
            String model = SkillbaseNodes.text(p, "model", "");
            switch (vendor) {
                case "deepgram" -> model = voice.isEmpty() ? model : voice; // Deepgram names voices as models
                case "local" -> {
                    if (voice.isEmpty() && !primary(language).equals("en")) {
                        voice = primary(language); // espeak-ng's voices are named by language: es, cs, ru
                    }
                    if (!voice.isEmpty()) {
                        options.put("voice", voice);
                    }
                }
                default -> {
                    if (!voice.isEmpty()) {
                        options.put("voice", voice);
                    }
                }
            }
            if (p.hasNonNull("speed")) {
                options.put("speed", p.get("speed").asText());
            }
            out.add(new ProviderChoice(vendor, model, options, List.of()));
        }
        return out;
    }

    static List<ProviderChoice> llm(JsonNode doc) {
        List<ProviderChoice> out = new ArrayList<>();
        for (JsonNode p : SkillbaseNodes.oneOrMany(doc.get("llm"))) {
            out.add(new ProviderChoice(vendor(p), SkillbaseNodes.text(p, "model", ""),
                    SkillbaseNodes.scalars(p, LLM_FIELDS), List.of()));
        }
        return out;
    }

    /** The bot's BCP 47 language, {@code en-US} by default. */
    static String language(JsonNode doc) {
        return SkillbaseNodes.text(doc, "language", "en-US");
    }

    /** The JSON Pointer of one provider of a part, for error messages. */
    static String pointer(JsonNode doc, String part, int index) {
        String path = switch (part) {
            case "stt", "tts" -> "/voice/" + part;
            default -> "/" + part;
        };
        JsonNode node = doc.at(path);
        return node.isArray() ? path + "/" + index : path;
    }

    /**
     * What the local recognizer listens for: every flow keyword, the handoff keywords, and yes
     * and no when a state collects a yes/no slot. In document order, without repeats.
     */
    static List<String> phrases(JsonNode doc) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode state : doc.path("flow").path("states")) {
            for (JsonNode t : state.path("transitions")) {
                out.addAll(SkillbaseNodes.strings(t, "keywords"));
            }
            for (JsonNode slot : state.path("slots")) {
                if (slot.path("type").asText().equals("yes_no")) {
                    out.add("yes");
                    out.add("no");
                }
            }
        }
        out.addAll(SkillbaseNodes.strings(doc.path("handoff"), "keywords"));
        return List.copyOf(out);
    }

    private static String vendor(JsonNode provider) {
        return SkillbaseNodes.text(provider, "vendor", "").toLowerCase(Locale.ROOT);
    }

    private static String primary(String languageTag) {
        String lang = Locale.forLanguageTag(languageTag).getLanguage();
        return lang.isEmpty() ? "en" : lang;
    }
}
