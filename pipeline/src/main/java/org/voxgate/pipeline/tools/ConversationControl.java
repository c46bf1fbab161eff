package org.voxgate.pipeline.tools;

/**
 * What a call's conversation engine lets its tools ask of it (beyond the {@link
 * org.voxgate.pipeline.CallContext}): things that must wait for the bot's own speech.
 *
 * <p>Threading: thread-safe, non-blocking; called from tool threads.
 */
public interface ConversationControl {
    /** Ends the call with {@code reason} once the reply being spoken has finished playing. */
    void hangUpAfterReply(String reason);

    /** A transfer the bot asked for failed: the engine tells the model, which tells the caller. */
    void transferFailed(String reason);
}
