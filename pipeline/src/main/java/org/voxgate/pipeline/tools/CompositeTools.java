package org.voxgate.pipeline.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

/**
 * Several {@link Tools} offered as one: the specs of all, each call sent to the tools that
 * declared its name (the first one when two declare it). Optionally limited to a set of names,
 * so a bot offers only the built-ins its configuration lists.
 *
 * <p>Threading: immutable; thread-safe if the parts are.
 */
public final class CompositeTools implements Tools {
    private final List<ToolSpec> specs;
    private final Map<String, Tools> byName;

    private CompositeTools(List<ToolSpec> specs, Map<String, Tools> byName) {
        this.specs = List.copyOf(specs);
        this.byName = Map.copyOf(byName);
    }

    /** All tools of all {@code parts}. */
    public static Tools of(List<Tools> parts) {
        return only(parts, null);
    }

    /** The tools of {@code parts} named in {@code names} ({@code null} = all). */
    public static Tools only(List<Tools> parts, Set<String> names) {
        List<ToolSpec> specs = new ArrayList<>();
        Map<String, Tools> byName = new LinkedHashMap<>();
        for (Tools part : parts) {
            for (ToolSpec spec : part.specs()) {
                if ((names == null || names.contains(spec.name())) && !byName.containsKey(spec.name())) {
                    specs.add(spec);
                    byName.put(spec.name(), part);
                }
            }
        }
        return new CompositeTools(specs, byName);
    }

    @Override
    public List<ToolSpec> specs() {
        return specs;
    }

    @Override
    public String run(ToolCall call) {
        Tools target = byName.get(call.name());
        return target == null ? Tools.NONE.run(call) : target.run(call);
    }
}
