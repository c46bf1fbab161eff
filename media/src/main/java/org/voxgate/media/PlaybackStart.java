package org.voxgate.media;

/**
 * When audio queued on an idle channel (one sending fill-in silence between replies) starts going
 * out.
 */
public enum PlaybackStart {
    /**
     * A reply queued as a burst (two frames or more) after at least 60 ms of silence: its first
     * frame goes at once instead of waiting up to 20 ms for the pacer's next tick, and the rest
     * of the talkspurt follows every 20 ms from it (a bot's reply, where that wait is turn
     * latency). Audio arriving one frame at a time stays on the tick. The default of an RTP
     * session.
     */
    IMMEDIATE,
    /**
     * Every frame on the pacer's tick: audio relayed from another call's paced playout
     * ({@link AudioBridge}), which arrives one frame per tick anyway and would otherwise race the
     * talkspurt's own 20 ms phase.
     */
    ON_TICK
}
