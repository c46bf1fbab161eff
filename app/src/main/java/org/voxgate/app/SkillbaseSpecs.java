package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.voxgate.pipeline.bridge.TwilioBridgeConfig;
import org.voxgate.pipeline.cascade.CascadeSettings;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.turn.TurnTakingSettings;

/**
 * Reads a validated skillbase document into the {@link AgentSpec} of its {@code mode}, the
 * same neutral form the {@code bots.agents} YAML produces: providers ({@link SkillbaseVoice}),
 * the system prompt ({@link SkillbasePrompt}), tools ({@link SkillbaseTools}), greeting,
 * model limits and turn-taking. A cascade skillbase without {@code llm} gets an empty language
 * model chain: that bot is the flow engine's to run.
 *
 * <p>Values the validator lets through but the runtime records refuse (a {@code maxSilenceMs}
 * below {@code minSilenceMs}) are reported as {@link IllegalArgumentException}s naming the
 * JSON Pointer. {@code turnTaking.noInputMs} is the flow engine's (reprompting), not read here.
 *
 * <p>Stateless.
 */
final class SkillbaseSpecs {
    private static final Set<String> REALTIME_FIELDS = Set.of("vendor", "model", "voice");

    private SkillbaseSpecs() {}

    static AgentSpec of(JsonNode doc) {
        String mode = SkillbaseNodes.text(doc, "mode", "").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "cascade" -> cascade(doc);
            case "realtime" -> realtime(doc);
            case "bridge" -> bridge(doc);
            default -> throw new IllegalArgumentException(where(doc, "/mode") + "must be cascade, realtime or bridge, got '"
                    + mode + "'");
        };
    }

    static AgentSpec.Cascade cascade(JsonNode doc) {
        CascadeSettings defaults = CascadeSettings.of("", "");
        JsonNode primaryLlm = SkillbaseNodes.oneOrMany(doc.get("llm")).stream().findFirst()
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        TurnTakingSettings turns = turnTaking(doc);
        CascadeSettings settings = checked(doc, "/llm", () -> new CascadeSettings(SkillbasePrompt.of(doc).build(),
                SkillbaseNodes.text(doc, "greeting", ""), SkillbaseNodes.bool(doc, "greetingUninterruptible", false),
                turns, SkillbaseNodes.integer(primaryLlm, "maxTokens", defaults.maxTokens()),
                SkillbaseNodes.decimal(primaryLlm, "temperature"), defaults.maxToolRounds(), defaults.finalWaitMs(),
                defaults.minClauseChars(), defaults.queueFrames()));
        return new AgentSpec.Cascade(name(doc), settings, SkillbaseVoice.stt(doc), SkillbaseVoice.llm(doc),
                SkillbaseVoice.tts(doc), SkillbaseTools.of(doc));
    }

    static AgentSpec.Realtime realtime(JsonNode doc) {
        JsonNode r = doc.path("realtime");
        // the realtime model's server VAD ends a turn after a fixed silence: the bot's short pause
        int silence = Math.clamp(SkillbaseNodes.integer(doc.path("turnTaking"), "minSilenceMs", 500), 100, 5000);
        RealtimeSession session = new RealtimeSession(SkillbasePrompt.of(doc).build(), SkillbaseNodes.text(r, "voice", ""),
                List.of(), null, silence, SkillbaseNodes.text(doc, "greeting", ""));
        ProviderChoice model = new ProviderChoice(SkillbaseNodes.text(r, "vendor", "").toLowerCase(Locale.ROOT),
                SkillbaseNodes.text(r, "model", ""), SkillbaseNodes.scalars(r, REALTIME_FIELDS), List.of());
        return new AgentSpec.Realtime(name(doc), model, session, SkillbaseTools.of(doc));
    }

    static AgentSpec.Bridge bridge(JsonNode doc) {
        JsonNode b = doc.path("bridge");
        Map<String, String> parameters = new LinkedHashMap<>();
        b.path("parameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return new AgentSpec.Bridge(checked(doc, "/bridge/url",
                () -> TwilioBridgeConfig.of(name(doc), SkillbaseNodes.text(b, "url", ""), parameters)));
    }

    static TurnTakingSettings turnTaking(JsonNode doc) {
        JsonNode t = doc.path("turnTaking");
        TurnTakingSettings d = TurnTakingSettings.defaults();
        return checked(doc, "/turnTaking", () -> new TurnTakingSettings(
                SkillbaseNodes.integer(t, "vadMode", d.vadMode()),
                SkillbaseNodes.integer(t, "speechOnsetMs", d.speechOnsetMs()),
                SkillbaseNodes.integer(t, "minSilenceMs", d.minSilenceMs()),
                SkillbaseNodes.integer(t, "maxSilenceMs", d.maxSilenceMs()),
                SkillbaseNodes.integer(t, "bargeInMinSpeechMs", d.bargeInMinSpeechMs()),
                SkillbaseNodes.integer(t, "bargeInMinWords", d.bargeInMinWords()),
                SkillbaseNodes.bool(t, "bargeInNeedsBoth", d.bargeInNeedsBoth()),
                t.has("backchannels") ? new HashSet<>(SkillbaseNodes.strings(t, "backchannels")) : d.backchannels(),
                SkillbaseNodes.integer(t, "deadAirMs", d.deadAirMs())));
    }

    static String name(JsonNode doc) {
        return SkillbaseNodes.text(doc, "name", "").toLowerCase(Locale.ROOT);
    }

    /** Error keys as JSON Pointers into the document: {@code bot receptionist /voice/stt/1}. */
    static AgentBuilder.Keys keys(JsonNode doc) {
        return (part, index) -> "bot " + name(doc) + " " + SkillbaseVoice.pointer(doc, part, index);
    }

    private static String where(JsonNode doc, String pointer) {
        return "bot " + name(doc) + " " + pointer + ": ";
    }

    private static <T> T checked(JsonNode doc, String pointer, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where(doc, pointer) + e.getMessage(), e);
        }
    }
}
