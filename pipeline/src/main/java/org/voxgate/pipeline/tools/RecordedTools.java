package org.voxgate.pipeline.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

/**
 * Wraps a call's {@link Tools} so that every run, built-in or configured, is reported to
 * {@link CallContext#recordToolCall} with its arguments, result, outcome and duration (timed on
 * the call's clock). A tool that throws still gives the model a JSON error object.
 *
 * <p>Threading: thread-safe if the wrapped tools are; adds no state.
 */
public final class RecordedTools implements Tools {
    private static final Logger LOG = LoggerFactory.getLogger(RecordedTools.class);

    private final CallContext call;
    private final Tools tools;
    private final ObjectMapper json = new ObjectMapper();

    private RecordedTools(CallContext call, Tools tools) {
        this.call = call;
        this.tools = tools;
    }

    /** {@code tools} with every run recorded on {@code call}. */
    public static Tools of(CallContext call, Tools tools) {
        return tools instanceof RecordedTools ? tools : new RecordedTools(call, tools);
    }

    @Override
    public List<ToolSpec> specs() {
        return tools.specs();
    }

    @Override
    public String run(ToolCall toolCall) {
        Clock clock = call.clock();
        Instant start = clock.instant();
        String result;
        String error;
        try {
            result = tools.run(toolCall);
            error = errorOf(result);
        } catch (RuntimeException e) {
            LOG.warn("call {}: tool {} failed", call.callId(), toolCall.name(), e);
            error = "tool failed: " + e.getClass().getSimpleName();
            ObjectNode n = json.createObjectNode();
            n.put("error", error);
            result = n.toString();
        }
        long ms = Math.max(0, Duration.between(start, clock.instant()).toMillis());
        String args = toolCall.argumentsJson() == null || toolCall.argumentsJson().isBlank()
                ? "{}" : toolCall.argumentsJson();
        try {
            call.recordToolCall(new ToolCallLog(toolCall.name(), args, result, error == null, error, start, ms));
        } catch (RuntimeException e) {
            // The record is a side channel: losing it must not cost the model its result.
            LOG.warn("call {}: recording tool call {} failed", call.callId(), toolCall.name(), e);
        }
        return result;
    }

    /** The error a result reports ({@code {"error": ...}}), or null when it reports none. */
    private String errorOf(String result) {
        if (result == null) {
            return "no result";
        }
        try {
            JsonNode node = json.readTree(result);
            JsonNode error = node == null ? null : node.get("error");
            return error == null || error.isNull() ? null : error.isTextual() ? error.asText() : error.toString();
        } catch (java.io.IOException e) {
            return null; // not JSON: nothing says it failed
        }
    }
}
