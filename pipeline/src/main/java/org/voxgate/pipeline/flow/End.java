package org.voxgate.pipeline.flow;

/**
 * How a flow state ends the call once its words have been spoken (skillbase
 * {@code flow.states[].end}).
 *
 * <p>Threading: immutable.
 */
public enum End {
    /** The bot hangs up. */
    HANGUP,
    /** The caller is handed over as the bot's {@link HandoffPolicy} says. */
    TRANSFER
}
