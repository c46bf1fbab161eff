package org.voxgate.media.rtp;

/**
 * Receiver statistics of one incoming RTP stream, kept as RFC 3550 appendix A.1, A.3 and A.8
 * describe: extended highest sequence number (with wrap cycles), cumulative and fraction lost,
 * and the interarrival jitter estimate, plus what a report block needs for LSR and DLSR.
 *
 * <p>Probation (A.1) is left to the caller: the remote latch already demands a run of
 * in-sequence packets before a source is believed, so every packet given here counts.
 *
 * <p>Threading: not thread-safe; owned by the session's receive event loop, which both
 * updates it per packet and writes report blocks from it. Allocates nothing.
 */
public final class ReceiveStatistics {
    /** A forward jump beyond this is a restarted stream, not loss (A.1). */
    static final int MAX_DROPOUT = 3000;
    /** A backward jump beyond this is a restarted stream, not a late packet (A.1). */
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private final int clockRate;
    private boolean started;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = -1;
    private long received;
    private long bytes;
    private long expectedPrior;
    private long receivedPrior;
    // jitter in timestamp units, kept as a double instead of A.8's x16 fixed point
    private double jitter;
    private boolean haveTransit;
    private long transit;
    // last SR from this source: middle 32 bits of its NTP time and when it arrived
    private long lastSrNtpMiddle;
    private long lastSrArrivalNanos;
    private boolean haveSr;

    /** @param clockRate the stream's RTP clock rate in Hz (8000 for G.711) */
    public ReceiveStatistics(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * Counts one accepted packet.
     *
     * @param arrivalNanos monotonic arrival time in nanoseconds (any origin, same for all calls)
     * @param payloadBytes payload size, for the byte counter
     */
    public void onPacket(long ssrc, int sequence, long rtpTimestamp, long arrivalNanos, int payloadBytes) {
        onPacket(ssrc, sequence, rtpTimestamp, arrivalNanos, payloadBytes, true);
    }

    /**
     * Counts one accepted packet; {@code timed} false leaves it out of the jitter estimate
     * (RFC 4733 events repeat one timestamp for the whole event, so their transit time says
     * nothing about the network).
     */
    public void onPacket(long ssrc, int sequence, long rtpTimestamp, long arrivalNanos, int payloadBytes,
            boolean timed) {
        sequence &= 0xFFFF;
        if (!started || ssrc != this.ssrc) {
            restart(ssrc, sequence); // a new SSRC is a new stream (RFC 3550 8.2)
        } else if (!updateSequence(sequence)) {
            return;
        }
        received++;
        bytes += payloadBytes;
        if (timed) {
            updateJitter(rtpTimestamp, arrivalNanos);
        }
    }

    private void restart(long newSsrc, int sequence) {
        started = true;
        ssrc = newSsrc;
        maxSeq = sequence;
        cycles = 0;
        baseSeq = sequence;
        badSeq = -1;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        haveTransit = false;
        haveSr = false;
    }

    /** A.1 update_seq without probation; false when the packet is not counted. */
    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            // a very large jump: believe it only when the next packet follows it
            if (seq == badSeq) {
                long keepSsrc = ssrc;
                long keepBytes = bytes;
                restart(keepSsrc, seq);
                bytes = keepBytes;
                return true;
            }
            badSeq = (seq + 1) & 0xFFFF;
            return false;
        }
        // else: a duplicate or reordered packet, counted as received (A.1)
        return true;
    }

    /** A.8: J += (|D| - J) / 16 with D the change of relative transit time. */
    private void updateJitter(long rtpTimestamp, long arrivalNanos) {
        // arrival in timestamp units; only differences matter, so wrap of the long is harmless
        long arrival = (long) (arrivalNanos * (clockRate / 1e9));
        long t = arrival - rtpTimestamp;
        if (haveTransit) {
            long d = Math.abs(t - transit);
            jitter += (d - jitter) / 16.0;
        }
        transit = t;
        haveTransit = true;
    }

    /** Remembers an SR from this stream's sender, for the LSR and DLSR of our next report. */
    public void onSenderReport(long ntpMiddle32, long arrivalNanos) {
        lastSrNtpMiddle = ntpMiddle32 & 0xFFFFFFFFL;
        lastSrArrivalNanos = arrivalNanos;
        haveSr = true;
    }

    public boolean started() { return started; }

    public long ssrc() { return ssrc; }

    /** Packets counted (duplicates included, as A.3 does). */
    public long received() { return received; }

    /** Payload bytes counted. */
    public long bytes() { return bytes; }

    /** Extended highest sequence number received: cycles in the upper 16 bits. */
    public long extendedHighestSequence() { return cycles + maxSeq; }

    /** Packets expected from the first sequence number to the highest (A.3). */
    public long expected() { return started ? extendedHighestSequence() - baseSeq + 1 : 0; }

    /** Cumulative packets lost (A.3); negative when duplicates outnumber losses. */
    public long cumulativeLost() { return expected() - received; }

    /** Interarrival jitter in timestamp units. */
    public double jitter() { return jitter; }

    /** Interarrival jitter in milliseconds. */
    public double jitterMillis() { return jitter * 1000.0 / clockRate; }

    /**
     * Writes one 24-byte report block about this stream (RFC 3550 6.4.1) and starts a new
     * interval for the fraction lost.
     *
     * @param nowNanos the same monotonic clock as the arrival times, for DLSR
     * @return false (nothing written) before the first packet
     */
    public boolean writeReportBlock(RtcpWriter out, long nowNanos) {
        if (!started) {
            return false;
        }
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0
                ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long lost = Math.max(-0x800000L, Math.min(0x7FFFFFL, cumulativeLost()));
        long lsr = 0;
        long dlsr = 0;
        if (haveSr) {
            lsr = lastSrNtpMiddle;
            // DLSR in units of 1/65536 s
            dlsr = Math.max(0, ((nowNanos - lastSrArrivalNanos) << 16) / 1_000_000_000L) & 0xFFFFFFFFL;
        }
        out.reportBlock(ssrc, fraction, (int) lost, extendedHighestSequence() & 0xFFFFFFFFL,
                (long) jitter & 0xFFFFFFFFL, lsr, dlsr);
        return true;
    }
}
