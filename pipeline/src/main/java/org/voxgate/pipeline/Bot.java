package org.voxgate.pipeline;

/**
 * A kind of voice agent, able to run on many calls at once.
 *
 * <p>Threading: {@link #open} is called from any thread, once per answered call.
 */
public interface Bot {
    /** The name calls are routed to (for example {@code receptionist} or {@code echo}). */
    String name();

    /** Starts this bot on a call. The returned session runs until stopped or hung up. */
    BotSession open(CallContext call);
}
