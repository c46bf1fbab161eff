package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.voxgate.admin.BotProblem;

/**
 * The rules of a skillbase that a JSON Schema cannot express: references between states, unique
 * ids and tool names, what each mode needs, what a bot without a language model can do, tools a
 * state runs being the bot's, regular expressions that compile, time zones and opening hours
 * that make sense.
 *
 * <p>Runs on any JSON tree, also one the schema refused: a value of the wrong type is skipped
 * here (the schema reports it), so every problem is reported once, all at once.
 *
 * <p>Stateless and thread-safe.
 */
final class SkillbaseRules {
    private static final Set<String> BUILT_IN_TOOLS = Set.of("hang_up", "transfer_to_human", "send_dtmf",
            "book_appointment");
    private static final Set<String> NO_LLM_SLOT_TYPES = Set.of("yes_no", "number", "date");
    // sip:/sips: URI, a phone number, or a registered SIP user's name
    private static final Pattern HANDOFF_TARGET =
            Pattern.compile("(sips?:[^\\s@]+(@[^\\s]+)?)|(\\+?[0-9]{2,15})|([A-Za-z0-9._-]{1,64})");

    List<BotProblem> problems(JsonNode doc) {
        List<BotProblem> out = new ArrayList<>();
        if (!doc.isObject()) {
            return out;
        }
        boolean hasLlm = doc.has("llm") && !doc.get("llm").isNull();
        mode(doc, hasLlm, out);
        Set<String> tools = tools(doc.path("tools"), out);
        flow(doc.path("flow"), hasLlm, tools, out);
        handoff(doc.path("handoff"), out);
        guardrails(doc.path("guardrails"), out);
        turnTaking(doc.path("turnTaking"), out);
        return out;
    }

    private static void mode(JsonNode doc, boolean hasLlm, List<BotProblem> out) {
        String mode = doc.path("mode").asText("");
        JsonNode voice = doc.path("voice");
        switch (mode) {
            case "cascade" -> {
                if (voice.path("stt").isMissingNode()) {
                    out.add(new BotProblem("/voice/stt", "mode cascade needs a speech-to-text provider"));
                }
                if (voice.path("tts").isMissingNode()) {
                    out.add(new BotProblem("/voice/tts", "mode cascade needs a text-to-speech provider"));
                }
                if (!hasLlm && !voice.path("stt").isMissingNode() && !allLocal(voice.path("stt"))) {
                    out.add(new BotProblem("/voice/stt", "a bot without an llm runs on the local recognizer:"
                            + " stt vendor must be local"));
                }
                if (!hasLlm && !doc.path("flow").isObject()) {
                    out.add(new BotProblem("/flow", "a cascade bot without an llm needs a flow to follow"));
                }
            }
            case "realtime" -> {
                if (!doc.path("realtime").isObject()) {
                    out.add(new BotProblem("/realtime", "mode realtime needs realtime (vendor, model, voice)"));
                }
            }
            case "bridge" -> {
                if (!doc.path("bridge").path("url").isTextual()) {
                    out.add(new BotProblem("/bridge/url", "mode bridge needs bridge.url"));
                }
            }
            default -> { } // missing or unknown mode: the schema says so
        }
        // realtime/bridge sections under another mode are allowed and ignored: switching a bot's
        // mode back and forth must not mean retyping them.
    }

    private static boolean allLocal(JsonNode providers) {
        if (providers.isArray()) {
            for (JsonNode p : providers) {
                if (!"local".equals(p.path("vendor").asText())) {
                    return false;
                }
            }
            return true;
        }
        return "local".equals(providers.path("vendor").asText());
    }

    /** Checks the tools and returns the names a flow action may use (built-in types and webhook names). */
    private static Set<String> tools(JsonNode tools, List<BotProblem> out) {
        Set<String> names = new HashSet<>();
        if (!tools.isArray()) {
            return names;
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = tool.path("type").asText("");
            String path = "/tools/" + i;
            if (type.equals("webhook")) {
                String name = tool.path("name").asText("");
                if (!name.isEmpty() && (!names.add(name) || BUILT_IN_TOOLS.contains(name))) {
                    out.add(new BotProblem(path + "/name", "tool name " + name + " is used twice"
                            + (BUILT_IN_TOOLS.contains(name) ? " (it is a built-in tool's name)" : "")));
                }
                JsonNode params = tool.path("parameters");
                if (params.isObject() && !"object".equals(params.path("type").asText())) {
                    out.add(new BotProblem(path + "/parameters/type",
                            "webhook parameters must be a JSON Schema of type object"));
                }
            } else if (BUILT_IN_TOOLS.contains(type) && !names.add(type)) {
                if (!type.equals("book_appointment")) {
                    out.add(new BotProblem(path + "/type", "tool " + type + " is listed twice"));
                }
            }
            if (type.equals("book_appointment")) {
                bookingTool(tool, path, out);
            }
        }
        return names;
    }

    private static void bookingTool(JsonNode tool, String path, List<BotProblem> out) {
        JsonNode zone = tool.path("timeZone");
        if (zone.isTextual()) {
            try {
                ZoneId.of(zone.asText());
            } catch (DateTimeException e) {
                out.add(new BotProblem(path + "/timeZone", "unknown time zone " + zone.asText()
                        + " (use a region such as Europe/London)"));
            }
        }
        JsonNode hours = tool.path("hours");
        if (hours.isObject()) {
            hours.fields().forEachRemaining(day -> {
                String range = day.getValue().asText("");
                if (range.matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d") && range.substring(0, 5).compareTo(range.substring(6)) >= 0) {
                    out.add(new BotProblem(path + "/hours/" + day.getKey(), "opening " + range
                            + " must end after it starts"));
                }
            });
        }
    }

    private static void flow(JsonNode flow, boolean hasLlm, Set<String> tools, List<BotProblem> out) {
        JsonNode states = flow.path("states");
        if (!flow.isObject() || !states.isArray()) {
            return;
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < states.size(); i++) {
            String id = states.get(i).path("id").asText("");
            if (!id.isEmpty() && ids.putIfAbsent(id, i) != null) {
                out.add(new BotProblem("/flow/states/" + i + "/id", "state id " + id + " is used twice (first by state "
                        + ids.get(id) + ")"));
            }
        }
        JsonNode start = flow.path("start");
        if (start.isTextual() && !ids.containsKey(start.asText())) {
            out.add(new BotProblem("/flow/start", "no state has the id " + start.asText()));
        }
        for (int i = 0; i < states.size(); i++) {
            state(states.get(i), "/flow/states/" + i, hasLlm, ids, tools, out);
        }
    }

    private static void state(JsonNode state, String path, boolean hasLlm, Map<String, Integer> ids,
            Set<String> tools, List<BotProblem> out) {
        if (!state.isObject()) {
            return;
        }
        if (!hasLlm && !state.path("say").isTextual()) {
            out.add(new BotProblem(path + "/say", "a bot without an llm speaks only what each state says: say is required"));
        }
        JsonNode next = state.path("next");
        if (next.isTextual() && !ids.containsKey(next.asText())) {
            out.add(new BotProblem(path + "/next", "no state has the id " + next.asText()));
        }
        JsonNode transitions = state.path("transitions");
        for (int t = 0; transitions.isArray() && t < transitions.size(); t++) {
            JsonNode transition = transitions.get(t);
            String tp = path + "/transitions/" + t;
            JsonNode to = transition.path("to");
            if (to.isTextual() && !ids.containsKey(to.asText())) {
                out.add(new BotProblem(tp + "/to", "no state has the id " + to.asText()));
            }
            if (transition.isObject() && !transition.has("keywords") && !transition.has("dtmf")
                    && !transition.has("intent")) {
                out.add(new BotProblem(tp, "a transition needs keywords, dtmf or intent to know when to go"));
            }
            if (transition.has("intent") && !hasLlm) {
                out.add(new BotProblem(tp + "/intent", "intent transitions are classified by the llm, and the bot"
                        + " has none: use keywords or dtmf"));
            }
        }
        JsonNode slots = state.path("slots");
        Set<String> slotNames = new HashSet<>();
        for (int s = 0; slots.isArray() && s < slots.size(); s++) {
            JsonNode slot = slots.get(s);
            String name = slot.path("name").asText("");
            if (!name.isEmpty() && !slotNames.add(name)) {
                out.add(new BotProblem(path + "/slots/" + s + "/name", "slot " + name + " is used twice in this state"));
            }
            String type = slot.path("type").asText("");
            if (!hasLlm && !type.isEmpty() && !NO_LLM_SLOT_TYPES.contains(type)) {
                out.add(new BotProblem(path + "/slots/" + s + "/type", "a bot without an llm can only collect"
                        + " yes_no, number or date slots"));
            }
        }
        JsonNode tool = state.path("action").path("tool");
        if (tool.isTextual() && !tools.contains(tool.asText())) {
            out.add(new BotProblem(path + "/action/tool", "the bot has no tool " + tool.asText()
                    + " (list it under tools)"));
        }
    }

    private static void handoff(JsonNode handoff, List<BotProblem> out) {
        JsonNode target = handoff.path("target");
        if (target.isTextual() && !HANDOFF_TARGET.matcher(target.asText()).matches()) {
            out.add(new BotProblem("/handoff/target", "must be a SIP URI (sip:desk@pbx.example), a phone number"
                    + " (+14155550123) or a registered SIP user's name"));
        }
    }

    private static void guardrails(JsonNode guardrails, List<BotProblem> out) {
        JsonNode patterns = guardrails.path("patterns");
        for (int i = 0; patterns.isArray() && i < patterns.size(); i++) {
            if (!patterns.get(i).isTextual()) {
                continue;
            }
            try {
                Pattern.compile(patterns.get(i).asText());
            } catch (PatternSyntaxException e) {
                out.add(new BotProblem("/guardrails/patterns/" + i, "not a regular expression: "
                        + e.getDescription() + " near index " + e.getIndex()));
            }
        }
    }

    private static void turnTaking(JsonNode turnTaking, List<BotProblem> out) {
        JsonNode min = turnTaking.path("minSilenceMs");
        JsonNode max = turnTaking.path("maxSilenceMs");
        if (min.isInt() && max.isInt() && min.asInt() > max.asInt()) {
            out.add(new BotProblem("/turnTaking/maxSilenceMs", "must not be less than minSilenceMs ("
                    + min.asInt() + ")"));
        }
    }
}
