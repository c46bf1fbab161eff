package org.voxgate.pipeline.tools;

import java.util.List;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

/**
 * The tools a bot offers the model on one call (hang up, transfer to a human, send DTMF, and
 * the bot's own: appointment booking, webhooks; see {@link ConfiguredTools}).
 *
 * <p>Threading: thread-safe. {@link #run} may block (an HTTP webhook): call it on a virtual
 * thread, never on a media or provider I/O thread.
 */
public interface Tools {
    /** What the model is told it may call. */
    List<ToolSpec> specs();

    /**
     * Runs one tool call and returns its result as JSON text for the model. An unknown tool or
     * bad arguments give a JSON error object (the model can recover), never an exception.
     */
    String run(ToolCall call);

    /** No tools. */
    Tools NONE = new Tools() {
        @Override public List<ToolSpec> specs() { return List.of(); }
        @Override public String run(ToolCall call) { return "{\"error\":\"no such tool: " + call.name() + "\"}"; }
    };
}
