package org.voxgate.pipeline.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.tools.Tools;

/**
 * Runs a state's {@link ActionSpec} through the bot's {@link Tools}, by name, like a model's tool
 * call (so the app's tool logging sees it), and reads the result as JSON for
 * {@code {{result.field}}} placeholders. A result that is not JSON is kept as a text node.
 *
 * <p>Threading: stateless; {@link #run} blocks as long as the tool does.
 */
final class ActionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionRunner() {}

    static JsonNode run(Tools tools, ActionSpec action, Map<String, String> slots, String callId, int n) {
        String result = tools.run(new ToolCall("flow-action-" + n, action.tool(), action.argumentsJson(slots)));
        LOG.info("call {}: flow action {} -> {}", callId, action.tool(), result);
        try {
            return JSON.readTree(result);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(result);
        }
    }
}
