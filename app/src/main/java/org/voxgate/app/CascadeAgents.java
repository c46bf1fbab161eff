package org.voxgate.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.voxgate.pipeline.cascade.CascadeSettings;
import org.voxgate.pipeline.turn.TurnTakingSettings;

/**
 * Reads a {@code mode: cascade} bot's definition into its {@link AgentSpec.Cascade}: the
 * speech-to-text, language-model and text-to-speech chains (each a list of providers tried in
 * order), the prompt, greeting, model limits and turn-taking; every built-in tool. Errors name
 * the key. {@link AgentBuilder} makes the bot.
 *
 * <p>Stateless; used at start-up.
 */
final class CascadeAgents {
    private static final Set<String> KEYS = Set.of("mode", "prompt", "greeting", "greeting-uninterruptible", "stt",
            "llm", "tts", "temperature", "max-tokens", "max-tool-rounds", "turn-taking", "review", "tools");
    private static final Set<String> PROVIDER_KEYS = Set.of("vendor", "model", "phrases");
    private static final Set<String> TURN_KEYS = Set.of("vad-mode", "speech-onset-ms", "min-silence-ms",
            "max-silence-ms", "barge-in-min-speech-ms", "barge-in-min-words", "barge-in-needs-both", "backchannels",
            "dead-air-ms");

    private CascadeAgents() {}

    /** The neutral form of a {@code mode: cascade} definition; errors name the key. */
    static AgentSpec.Cascade spec(BotDefinition bot) {
        AgentSettings s = new AgentSettings("bots.agents." + bot.name(), bot.settings());
        s.onlyKeys(KEYS);
        CascadeSettings defaults = CascadeSettings.of("", "");
        CascadeSettings settings = guarded(s.key("turn-taking"), () -> new CascadeSettings(
                s.string("prompt", ""), s.string("greeting", ""), s.bool("greeting-uninterruptible", false),
                turnTaking(s.section("turn-taking")),
                s.integer("max-tokens", 1, 32_000, defaults.maxTokens()), s.decimal("temperature", 0, 2),
                s.integer("max-tool-rounds", 0, 16, defaults.maxToolRounds()), defaults.finalWaitMs(),
                defaults.minClauseChars(), defaults.queueFrames()));
        return new AgentSpec.Cascade(bot.name(), settings, chain(s, "stt"), chain(s, "llm"), chain(s, "tts"),
                AgentTools.choice(bot));
    }

    /** Error keys in this source's form: {@code bots.agents.<name>.stt[0]}. */
    static AgentBuilder.Keys keys(BotDefinition bot) {
        return (part, index) -> "bots.agents." + bot.name() + "." + part + "[" + index + "]";
    }

    private static List<ProviderChoice> chain(AgentSettings s, String part) {
        List<ProviderChoice> out = new ArrayList<>();
        for (AgentSettings p : s.sections(part)) {
            out.add(new ProviderChoice(vendor(p), p.string("model", ""), p.options(PROVIDER_KEYS),
                    part.equals("stt") ? p.strings("phrases", List.of()) : List.of()));
        }
        return out;
    }

    private static String vendor(AgentSettings p) {
        String vendor = p.string("vendor", "").toLowerCase(java.util.Locale.ROOT);
        if (vendor.isEmpty()) {
            throw new ConfigException(p.key("vendor") + " must be set");
        }
        return vendor;
    }

    private static TurnTakingSettings turnTaking(AgentSettings t) {
        t.onlyKeys(TURN_KEYS);
        TurnTakingSettings d = TurnTakingSettings.defaults();
        return new TurnTakingSettings(t.integer("vad-mode", 0, 3, d.vadMode()),
                t.integer("speech-onset-ms", 20, 1000, d.speechOnsetMs()),
                t.integer("min-silence-ms", 60, 5000, d.minSilenceMs()),
                t.integer("max-silence-ms", 60, 10_000, d.maxSilenceMs()),
                t.integer("barge-in-min-speech-ms", 0, 5000, d.bargeInMinSpeechMs()),
                t.integer("barge-in-min-words", 0, 20, d.bargeInMinWords()),
                t.bool("barge-in-needs-both", d.bargeInNeedsBoth()),
                t.has("backchannels") ? new HashSet<>(t.strings("backchannels", List.of())) : d.backchannels(),
                t.integer("dead-air-ms", 500, 60_000, d.deadAirMs()));
    }

    /** Runs a record constructor; its IllegalArgumentException becomes a ConfigException naming {@code key}. */
    static <T> T guarded(String key, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage(), e);
        }
    }
}
