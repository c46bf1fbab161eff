package org.voxgate.pipeline.amd;

/** What answered an outbound call. */
public enum AmdResult {
    /** A person: connect the bot. */
    HUMAN,
    /** An answering machine or voicemail: leave a message (see {@link MessageCue}) or hang up. */
    MACHINE,
    /** No safe call (silence, or nothing decisive within the analysis time): the campaign's policy decides. */
    UNSURE
}
