package org.voxgate.media;

/**
 * A snapshot of one session's RTP counters.
 *
 * @param packetsIn RTP packets received and accepted
 * @param packetsOut RTP packets sent
 * @param packetsLost sequence numbers never received
 * @param packetsLate packets that arrived after their playout time and were dropped
 */
public record MediaStats(long packetsIn, long packetsOut, long packetsLost, long packetsLate) {}
