package org.voxgate.pipeline.outcome;

/** How a call turned out for the business, as {@link OutcomeClassifier} classifies it. */
public enum CallOutcome {
    /** The conversation ran and ended normally (the bot or an operator hung up). */
    COMPLETED,
    /** The caller was handed to someone else. */
    TRANSFERRED,
    /** The person on the line hung up (or cancelled before we answered). */
    CALLER_HUNG_UP,
    /** An answering machine took the call (the bot or answering-machine detection said so). */
    VOICEMAIL,
    /** A call we placed was not answered (408, 480, our ring timeout). */
    NO_ANSWER,
    /** A call we placed found the line busy (486, 600). */
    BUSY,
    /** Anything else: errors, timeouts, rejections, shutdown. */
    FAILED
}
