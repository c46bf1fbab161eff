package org.voxgate.media;

/**
 * The receive playout's figures for {@link MediaStats}: packets lost and late, jitter-buffer
 * delay percentiles over the call, concealed frames, and packets dropped unplayed. An immutable snapshot, made only when
 * stats are asked for (never per packet).
 */
record PlayoutStats(long packetsLost, long packetsLate, int delayP50Ms, int delayP95Ms, long concealedFrames,
        long packetsDiscarded, long packetsDuplicate) {}
