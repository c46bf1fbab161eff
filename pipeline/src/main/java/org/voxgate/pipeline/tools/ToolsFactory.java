package org.voxgate.pipeline.tools;

import org.voxgate.pipeline.CallContext;

/**
 * Makes the {@link Tools} of one call (tools hold per-call state: the call to hang up, the audio
 * to send digits on).
 *
 * <p>Threading: thread-safe; called once per call from the session's start.
 */
@FunctionalInterface
public interface ToolsFactory {
    Tools create(CallContext call, ConversationControl control);

    /** No tools on any call. */
    ToolsFactory NONE = (call, control) -> Tools.NONE;
}
