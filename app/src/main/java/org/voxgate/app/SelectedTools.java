package org.voxgate.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.Tools;

/**
 * The tools of one call of a skillbase bot: the built-in tools the skillbase lists (the others
 * are neither offered nor run, even if a model names them) and the skillbase's own tools, each
 * call dispatched to the tool set that offers it.
 *
 * <p>Thread-safe when its parts are (it holds no mutable state of its own).
 */
final class SelectedTools implements Tools {
    private final Map<String, Tools> owners = new LinkedHashMap<>();
    private final List<ToolSpec> specs = new ArrayList<>();

    /**
     * @param builtIns the built-in tools of the call
     * @param allowed which of them the bot may use
     * @param custom the bot's own tools; a name already taken is refused
     */
    SelectedTools(Tools builtIns, Set<String> allowed, List<Tools> custom) {
        for (ToolSpec spec : builtIns.specs()) {
            if (allowed.contains(spec.name())) {
                add(spec, builtIns);
            }
        }
        for (Tools tools : custom) {
            for (ToolSpec spec : tools.specs()) {
                add(spec, tools);
            }
        }
    }

    private void add(ToolSpec spec, Tools owner) {
        if (owners.putIfAbsent(spec.name(), owner) != null) {
            throw new IllegalStateException("two tools are named " + spec.name());
        }
        specs.add(spec);
    }

    @Override
    public List<ToolSpec> specs() {
        return List.copyOf(specs);
    }

    @Override
    public String run(ToolCall call) {
        Tools owner = owners.get(call.name());
        if (owner == null) {
            return JsonNodeFactory.instance.objectNode().put("error", "no such tool: " + call.name()).toString();
        }
        return owner.run(call);
    }
}
