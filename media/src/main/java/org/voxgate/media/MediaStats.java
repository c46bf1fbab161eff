package org.voxgate.media;

/**
 * A snapshot of one session's media figures: counters both ways, RFC 3550 receiver
 * statistics of the caller's stream, what the caller's RTCP reports say of ours, and an
 * E-model ({@link org.voxgate.media.quality.EModel}) estimate per direction.
 *
 * <p>Inbound means caller to us, outbound us to caller. Figures that need something not yet
 * seen (an RTCP report from the caller, a packet from it) are {@code null}.
 *
 * @param packetsIn RTP packets received and accepted
 * @param packetsOut RTP packets sent
 * @param packetsLost caller's packets never received (given up by the receive buffer)
 * @param packetsLate packets that arrived after their playout time and were dropped
 * @param bytesIn RTP payload bytes received and accepted
 * @param bytesOut RTP payload bytes sent
 * @param packetsRejected packets dropped for coming from a source other than the latched one
 * @param jitterMillis RFC 3550 interarrival jitter of the caller's stream, in ms
 * @param rttMillis round-trip time from the caller's last report (LSR/DLSR), null without one
 * @param remotePacketsLost our packets the caller reports lost (cumulative), null without a report
 * @param remoteJitterMillis jitter of our stream as the caller reports it, null without a report
 * @param rInbound E-model R of the caller-to-us direction, null before any packet
 * @param mosInbound MOS estimated from {@code rInbound}
 * @param rOutbound E-model R of the us-to-caller direction, null without a report
 * @param mosOutbound MOS estimated from {@code rOutbound}
 * @param rtcpSent compound RTCP packets we sent
 * @param rtcpReceived valid compound RTCP packets we received
 * @param jitterDelayP50Ms median time from a packet's arrival to its playout (jitter buffer delay), over the call
 * @param jitterDelayP95Ms 95th percentile of that delay, over the call (refreshed about once a second)
 * @param concealedFrames 20 ms frames of missing audio that packet-loss concealment filled
 * @param packetsDiscarded packets thrown away unplayed: buffer overflow, stream restart (frames
 *     dropped to shrink the delay are not included)
 * @param packetsDuplicate packets received more than once (the copies were dropped)
 */
public record MediaStats(
        long packetsIn, long packetsOut, long packetsLost, long packetsLate,
        long bytesIn, long bytesOut, long packetsRejected,
        double jitterMillis, Double rttMillis,
        Long remotePacketsLost, Double remoteJitterMillis,
        Double rInbound, Double mosInbound, Double rOutbound, Double mosOutbound,
        long rtcpSent, long rtcpReceived,
        int jitterDelayP50Ms, int jitterDelayP95Ms, long concealedFrames, long packetsDiscarded,
        long packetsDuplicate) {

    /** Counters only, as before call-quality figures existed. */
    public MediaStats(long packetsIn, long packetsOut, long packetsLost, long packetsLate) {
        this(packetsIn, packetsOut, packetsLost, packetsLate, 0, 0, 0, 0, null, null, null, null, null, null,
                null, 0, 0, 0, 0, 0, 0, 0);
    }

    /** These figures with the receive playout's own (jitter-buffer delay, concealment, drops). */
    MediaStats withPlayout(PlayoutStats p) {
        return new MediaStats(packetsIn, packetsOut, packetsLost, packetsLate, bytesIn, bytesOut, packetsRejected,
                jitterMillis, rttMillis, remotePacketsLost, remoteJitterMillis, rInbound, mosInbound, rOutbound,
                mosOutbound, rtcpSent, rtcpReceived, p.delayP50Ms(), p.delayP95Ms(), p.concealedFrames(),
                p.packetsDiscarded(), p.packetsDuplicate());
    }
}
