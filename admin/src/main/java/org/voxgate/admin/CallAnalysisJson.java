package org.voxgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.voxgate.store.CallAnalysis;
import org.voxgate.store.CallCostLine;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallReview;
import org.voxgate.store.TurnMetricsRecord;

/**
 * Shapes a call's analysis and review for {@code GET /api/calls/{id}}:
 * {@code callOutcome} (COMPLETED, TRANSFERRED, ...; {@code outcome} keeps saying how the SIP
 * setup ended), {@code cost} {@code {total, currency: "USD", lines: [...]}}, {@code latency}
 * {@code {voiceToVoice: {minMs, avgMs, maxMs, p95Ms}, interruptions, falseInterruptions,
 * deadAir}}, {@code turnMetrics} (one object per conversational turn: its marks, its parts in
 * ms adding up to {@code voiceToVoiceMs}, {@code interrupted}), and {@code summary},
 * {@code rating}, {@code ratingReasons}, {@code reviewedAt} when reviewed ({@code ratingReasons}
 * is a list of texts when stored as a JSON array, as the post-call reviewer stores them, and the
 * stored text otherwise). Fields of a call
 * without analysis are {@code null} (lists empty).
 *
 * <p>Stateless and thread-safe.
 */
final class CallAnalysisJson {

    private CallAnalysisJson() {
    }

    /** Replaces the record's raw {@code analysis} and {@code review} in {@code body} with the shaped fields. */
    static void addTo(ObjectNode body, CallRecord call, ObjectMapper json) {
        body.remove("analysis");
        body.remove("review");
        CallAnalysis a = call.analysis();
        if (a == null) {
            body.putNull("callOutcome");
            body.putNull("cost");
            body.putNull("latency");
            body.putArray("turnMetrics");
        } else {
            body.put("callOutcome", a.outcome());
            ObjectNode cost = body.putObject("cost");
            cost.put("total", a.costTotal());
            cost.put("currency", "USD");
            ArrayNode lines = cost.putArray("lines");
            for (CallCostLine line : a.costLines()) {
                lines.add(json.valueToTree(line));
            }
            ObjectNode latency = body.putObject("latency");
            ObjectNode v2v = latency.putObject("voiceToVoice");
            v2v.put("minMs", a.voiceToVoiceMinMs());
            v2v.put("avgMs", a.voiceToVoiceAvgMs());
            v2v.put("maxMs", a.voiceToVoiceMaxMs());
            v2v.put("p95Ms", a.voiceToVoiceP95Ms());
            latency.put("interruptions", a.interruptions());
            latency.put("falseInterruptions", a.falseInterruptions());
            latency.put("deadAir", a.deadAirCount());
            ArrayNode turns = body.putArray("turnMetrics");
            for (TurnMetricsRecord t : a.turns()) {
                ObjectNode turn = json.valueToTree(t);
                turn.put("interrupted", t.interrupted());
                turns.add(turn);
            }
        }
        CallReview r = call.review();
        body.put("summary", r == null ? null : r.summary());
        body.put("rating", r == null ? null : r.rating());
        body.set("ratingReasons", r == null ? null : reasons(r.ratingReasons(), json));
        body.set("reviewedAt", r == null ? null : json.valueToTree(r.reviewedAt()));
    }

    /** The stored reasons: a JSON array of texts as that array, anything else as the text itself. */
    private static JsonNode reasons(String stored, ObjectMapper json) {
        if (stored == null) {
            return NullNode.getInstance();
        }
        if (stored.startsWith("[")) {
            try {
                JsonNode parsed = json.readTree(stored);
                boolean texts = parsed.isArray();
                for (JsonNode item : parsed) {
                    texts &= item.isTextual();
                }
                if (texts) {
                    return parsed;
                }
            } catch (JsonProcessingException e) {
                // plain text that happens to start with a bracket
            }
        }
        return TextNode.valueOf(stored);
    }
}
