package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.flow.FlowConversation;
import org.voxgate.pipeline.flow.FlowSpec;
import org.voxgate.pipeline.flow.HandoffPolicy;
import org.voxgate.pipeline.flow.SkillbaseParts;
import org.voxgate.pipeline.guard.GuardListener;
import org.voxgate.pipeline.guard.Guardrails;
import org.voxgate.pipeline.offline.OfflineBots;

/**
 * Turns a validated skillbase document and its version into a running bot: the real function
 * the bot registry builds stored versions with. Each part of the document is mapped by its own
 * class ({@link SkillbaseSpecs} with {@link SkillbaseVoice}, {@link SkillbasePrompt},
 * {@link SkillbaseTools}; {@link CallRules}; {@link Handoff}; the flow, handoff triggers and
 * guardrails by the pipeline's {@link SkillbaseParts}):
 * <ul>
 *   <li>a cascade bot with an {@code llm} is made by the same {@link AgentBuilder} as the
 *       {@code bots.agents} bots and runs its flow (or free conversation), handoff triggers and
 *       guardrails through a {@link FlowConversation};</li>
 *   <li>a cascade bot without an {@code llm} runs its flow deterministically on the local
 *       recognizer and espeak-ng ({@link OfflineBots#flowBot});</li>
 *   <li>realtime and bridge bots are made by the {@link AgentBuilder} (their speech never passes
 *       through Voxgate as text, so guardrails cannot apply).</li>
 * </ul>
 * Every blocked reply is recorded on its call as a {@code guardrail_blocked} event.
 *
 * <p>Thread-safe: holds only thread-safe builders; a stored version is built once and its bot
 * shared by its calls.
 */
final class SkillbaseBots {
    /** Records one event on a live call: call id, kind, detail. */
    @FunctionalInterface
    interface CallEvents {
        void record(String callId, String kind, Map<String, String> detail);
    }

    private final AgentBuilder builder;
    private final OfflineBots offline;
    private final MeterRegistry metrics;
    private final CallEvents events;

    /**
     * @param offline the node's offline engines, for bots without a language model
     * @param metrics where each bot's guardrail counters go
     * @param events where blocked replies are recorded
     */
    SkillbaseBots(AgentBuilder builder, OfflineBots offline, MeterRegistry metrics, CallEvents events) {
        this.builder = builder;
        this.offline = offline;
        this.metrics = metrics;
        this.events = events;
    }

    /**
     * @param doc a skillbase the validator accepted
     * @param version its stored version number
     * @throws ConfigException naming the document path when a provider cannot be made (a
     *     missing API key, an unknown vendor)
     * @throws IllegalArgumentException naming the document path for values the runtime refuses
     */
    SkillbaseBot build(JsonNode doc, int version) {
        AgentSpec spec = SkillbaseSpecs.of(doc);
        Bot bot = switch (spec) {
            case AgentSpec.Cascade cascade when cascade.llm().isEmpty() -> modelLessFlowBot(cascade, doc);
            case AgentSpec.Cascade cascade -> builder.cascade(cascade, SkillbaseSpecs.keys(doc))
                    .withPolicy(FlowConversation.factory(flow(doc), handoff(doc), language(doc), guardrails(doc),
                            this::guardListener));
            default -> builder.build(spec, SkillbaseSpecs.keys(doc));
        };
        return new SkillbaseBot(bot, version, CallRules.of(doc), Handoff.of(doc), SkillbasePrompt.of(doc));
    }

    private Bot modelLessFlowBot(AgentSpec.Cascade spec, JsonNode doc) {
        FlowSpec flow = flow(doc);
        if (flow == null) {
            throw new IllegalArgumentException("/flow: a bot without an llm needs a flow");
        }
        return offline.flowBot(spec.name(), language(doc), doc.path("greeting").asText(""), flow, handoff(doc),
                builder.tools(spec.name(), SkillbaseTools.of(doc)), guardrails(doc), this::guardListener, zone(doc));
    }

    private static FlowSpec flow(JsonNode doc) {
        return doc.hasNonNull("flow") ? SkillbaseParts.flow(doc.get("flow")) : null;
    }

    private static HandoffPolicy handoff(JsonNode doc) {
        return doc.hasNonNull("handoff") ? SkillbaseParts.handoff(doc.get("handoff")) : null;
    }

    private Guardrails guardrails(JsonNode doc) {
        return doc.hasNonNull("guardrails")
                ? new Guardrails(doc.path("name").asText(), SkillbaseParts.guardrails(doc.get("guardrails")), metrics)
                : null;
    }

    private static String language(JsonNode doc) {
        return doc.path("language").asText("en-US");
    }

    /** Dates the caller says ("tomorrow") are read in the time zone of the bot's calendar, else UTC. */
    private static ZoneId zone(JsonNode doc) {
        for (JsonNode tool : doc.path("tools")) {
            if (tool.path("type").asText().equals("book_appointment") && tool.hasNonNull("timeZone")) {
                return ZoneId.of(tool.get("timeZone").asText());
            }
        }
        return ZoneOffset.UTC;
    }

    private GuardListener guardListener(CallContext call) {
        return (rule, matched, blockedText) -> events.record(call.callId(), "guardrail_blocked",
                Map.of("rule", rule, "matched", matched));
    }
}
