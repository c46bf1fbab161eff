package org.voxgate.media;

/**
 * When a session hands the caller's decoded audio to its {@link InboundAudioListener} (and its
 * recorder tap).
 *
 * <p>Both keep what the jitter buffer gives: reordering, duplicates and late packets dropped,
 * loss concealed (PLC, Opus FEC), comfort noise, resync on a new source or a timestamp jump.
 */
public enum InboundPlayout {
    /**
     * One frame per 20 ms pacer tick at the jitter buffer's adaptive target delay: smooth timing
     * for audio a person hears in real time (a caller bridged to a human operator).
     */
    PACED,
    /**
     * Each frame as soon as the packets carrying it have arrived in order (no added delay); a
     * packet behind a gap waits until the gap is filled or its deadline (the target delay)
     * passes, when the gap is concealed. Exactly one frame per 20 ms of the sender's stream,
     * in bursts when the network delivers them so: for a bot, which nobody hears in real time.
     */
    EAGER
}
