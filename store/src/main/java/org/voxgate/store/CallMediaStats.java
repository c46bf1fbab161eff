package org.voxgate.store;

/**
 * The media figures of one call as stored: counters both ways, receiver statistics, the
 * caller's reports about our stream, E-model estimates per direction and jitter-buffer
 * figures. Inbound is caller to us, outbound us to caller. A {@code null} figure was not
 * measured (no RTCP report arrived, no packet was received, no jitter buffer reported it).
 *
 * <p>Immutable and thread-safe.
 *
 * @param packetsIn          RTP packets received from the caller's latched source
 * @param packetsOut         RTP packets sent
 * @param bytesIn            RTP payload bytes received
 * @param bytesOut           RTP payload bytes sent
 * @param packetsLost        caller's packets never received
 * @param packetsLate        caller's packets that came too late to play and were discarded
 * @param packetsRejected    packets dropped for coming from another source (anti-hijack)
 * @param jitterMs           RFC 3550 interarrival jitter of the caller's stream, ms
 * @param rttMs              round-trip time from RTCP (LSR/DLSR), ms
 * @param remotePacketsLost  our packets the caller reported lost
 * @param remoteJitterMs     jitter of our stream as the caller reported it, ms
 * @param rInbound           E-model R, caller to us
 * @param mosInbound         MOS estimate, caller to us
 * @param rOutbound          E-model R, us to caller
 * @param mosOutbound        MOS estimate, us to caller
 * @param jbDelayP50Ms       jitter-buffer delay, median, ms
 * @param jbDelayP95Ms       jitter-buffer delay, 95th percentile, ms
 * @param framesConcealed    frames the jitter buffer concealed (PLC)
 * @param packetsDiscarded   packets the jitter buffer threw away unplayed (overflow, restart)
 * @param packetsDuplicate   packets received more than once
 */
public record CallMediaStats(long packetsIn, long packetsOut, long bytesIn, long bytesOut,
                             long packetsLost, long packetsLate, long packetsRejected,
                             Double jitterMs, Double rttMs, Long remotePacketsLost,
                             Double remoteJitterMs, Double rInbound, Double mosInbound,
                             Double rOutbound, Double mosOutbound, Double jbDelayP50Ms,
                             Double jbDelayP95Ms, Long framesConcealed,
                             Long packetsDiscarded, Long packetsDuplicate) {
}
