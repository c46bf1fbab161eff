package org.voxgate.media;

import org.voxgate.media.quality.EModel;

/**
 * Turns one session's transport figures into {@link MediaStats} with an E-model estimate per
 * direction.
 *
 * <p>Inbound: loss is what we never received plus what arrived too late to play (both are
 * silence to the listener); delay is half the round-trip time plus our jitter-buffer delay.
 * Outbound: loss is what the caller reports; delay is half the round-trip time plus an
 * assumed caller jitter buffer of twice the jitter it reports, at least one 20 ms frame
 * (we cannot see the caller's buffer; twice the jitter is the usual rule of thumb). Without
 * any RTT measurement, the network delay is taken as zero.
 *
 * <p>Stateless and thread-safe.
 */
final class CallQuality {
    private CallQuality() {}

    /**
     * @param packetsLost packets the receive buffer gave up on (never played); the RFC 3550
     *     cumulative loss in our RRs differs only in counting duplicates against it
     */
    static MediaStats snapshot(RtcpSession rtcp, EModel.Codec codec, long packetsIn, long packetsOut,
            long packetsLost, long packetsLate, long packetsRejected, double jitterBufferMillis) {
        var rx = rtcp.received();
        long expected = rx.expected();
        long lost = packetsLost;
        double rtt = rtcp.rttMillis();
        double halfRtt = Double.isNaN(rtt) ? 0 : rtt / 2;
        Double rIn = null;
        Double mosIn = null;
        if (expected > 0) {
            double lossPercent = 100.0 * Math.min(expected, lost + packetsLate) / expected;
            double r = EModel.rFactor(halfRtt + jitterBufferMillis, lossPercent, codec);
            rIn = r;
            mosIn = EModel.mos(r);
        }
        Double rOut = null;
        Double mosOut = null;
        Long remoteLost = null;
        Double remoteJitter = null;
        if (rtcp.haveRemoteReport()) {
            remoteLost = rtcp.remoteCumulativeLost();
            remoteJitter = rtcp.remoteJitterMillis();
            double peerBuffer = Math.max(20, 2 * remoteJitter);
            double r = EModel.rFactor(halfRtt + peerBuffer, rtcp.remoteLossPercent(), codec);
            rOut = r;
            mosOut = EModel.mos(r);
        }
        return new MediaStats(packetsIn, packetsOut, lost, packetsLate, rx.bytes(), rtcp.octetsSent(),
                packetsRejected, rx.jitterMillis(), Double.isNaN(rtt) ? null : rtt, remoteLost, remoteJitter,
                rIn, mosIn, rOut, mosOut, rtcp.reportsSent(), rtcp.reportsReceived(), 0, 0, 0, 0, 0);
    }
}
