package org.voxgate.pipeline.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.voxgate.pipeline.guard.GuardrailRules;

/**
 * Builds this package's records from the {@code flow}, {@code handoff} and {@code guardrails}
 * parts of a skillbase document (already checked against the skillbase JSON Schema; YAML read
 * into the same tree). A value the records refuse fails with an {@link IllegalArgumentException}
 * whose message starts with the JSON Pointer of the part at fault, for example
 * {@code /flow/states/1/slots/0: slot name must match ...}.
 *
 * <p>Defaults: no {@code handoff} is {@link HandoffPolicy#DEFAULT}; in a {@code handoff},
 * {@code mode} blind, {@code afterMisunderstandings} 0, {@code onNegativeSentiment} false,
 * {@code onExplicitRequest} true; in {@code guardrails}, {@code maxReplyChars} 0 (no limit) and
 * the default blocked reply.
 *
 * <p>Threading: stateless.
 */
public final class SkillbaseParts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SkillbaseParts() {}

    /** The {@code flow} object, or {@code null} when it is absent (free conversation). */
    public static FlowSpec flow(JsonNode flow) {
        if (flow == null || flow.isNull() || flow.isMissingNode()) {
            return null;
        }
        List<StateSpec> states = new ArrayList<>();
        JsonNode list = flow.path("states");
        for (int i = 0; i < list.size(); i++) {
            states.add(state(list.get(i), "/flow/states/" + i));
        }
        String type = text(flow, "type");
        return at("/flow", () -> new FlowSpec("linear".equalsIgnoreCase(type) ? FlowSpec.Type.LINEAR
                : FlowSpec.Type.GRAPH, text(flow, "start"), states));
    }

    /** The {@code handoff} object; absent gives {@link HandoffPolicy#DEFAULT}. */
    public static HandoffPolicy handoff(JsonNode h) {
        if (h == null || h.isNull() || h.isMissingNode()) {
            return HandoffPolicy.DEFAULT;
        }
        return at("/handoff", () -> new HandoffPolicy(text(h, "target"), "warm".equalsIgnoreCase(text(h, "mode")),
                strings(h.get("keywords")), h.path("afterMisunderstandings").asInt(0),
                h.path("onNegativeSentiment").asBoolean(false), h.path("onExplicitRequest").asBoolean(true),
                text(h, "message")));
    }

    /** The {@code guardrails} object; absent gives {@link GuardrailRules#NONE}. */
    public static GuardrailRules guardrails(JsonNode g) {
        if (g == null || g.isNull() || g.isMissingNode()) {
            return GuardrailRules.NONE;
        }
        try {
            return GuardrailRules.of(strings(g.get("bannedPhrases")), strings(g.get("patterns")),
                    text(g, "blockedReply"), g.path("maxReplyChars").asInt(0));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("guardrails/") ? "/" + m : "/guardrails: " + m, e);
        }
    }

    private static StateSpec state(JsonNode s, String path) {
        List<SlotSpec> slots = new ArrayList<>();
        JsonNode slotList = s.path("slots");
        for (int k = 0; k < slotList.size(); k++) {
            JsonNode slot = slotList.get(k);
            String p = path + "/slots/" + k;
            SlotType type = SlotType.fromName(text(slot, "type") == null ? "text" : text(slot, "type"));
            if (type == null) {
                throw new IllegalArgumentException(p + "/type: must be text, number, date, time, phone or yes_no");
            }
            slots.add(at(p, () -> new SlotSpec(text(slot, "name"), type, slot.path("required").asBoolean(false),
                    text(slot, "prompt"))));
        }
        List<Transition> transitions = new ArrayList<>();
        JsonNode tList = s.path("transitions");
        for (int t = 0; t < tList.size(); t++) {
            JsonNode tr = tList.get(t);
            transitions.add(at(path + "/transitions/" + t, () -> new Transition(text(tr, "to"),
                    strings(tr.get("keywords")), text(tr, "dtmf"), text(tr, "intent"))));
        }
        JsonNode a = s.get("action");
        ActionSpec action = a == null || a.isNull() ? null : at(path + "/action", () -> new ActionSpec(text(a, "tool"),
                a.has("arguments") ? JSON.convertValue(a.get("arguments"), Map.class) : Map.of()));
        String end = text(s, "end");
        End ending = end == null ? null : switch (end.toLowerCase(Locale.ROOT)) {
            case "hangup" -> End.HANGUP;
            case "transfer" -> End.TRANSFER;
            default -> throw new IllegalArgumentException(path + "/end: must be hangup or transfer");
        };
        return at(path, () -> new StateSpec(text(s, "id"), text(s, "prompt"), text(s, "say"), slots, transitions,
                text(s, "next"), action, ending));
    }

    private static <T> T at(String path, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
