package org.voxgate.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.voxgate.media.rtp.ReceiveStatistics;
import org.voxgate.media.rtp.RtcpParser;
import org.voxgate.media.rtp.RtcpWriter;

/**
 * The RTCP half of one session (RFC 3550 section 6): when to report, what our compound
 * reports say (SR with a report block about the caller's stream, then SDES CNAME; a BYE at
 * close), and what the caller's reports tell us about our own stream (its loss and jitter,
 * and the round-trip time from LSR and DLSR).
 *
 * <p>Timing runs off the engine's pacer clock: {@link #due} is asked on every tick and says
 * yes about every 5 s, each interval drawn uniformly from 0.5 to 1.5 times it (6.3.1), the
 * first one from half of that since a new session reports early (6.2). We are always a sender
 * (a frame every 20 ms), so reports are SRs once a packet has gone out.
 *
 * <p>Wall-clock NTP times are derived from one wall-clock reading taken at construction plus
 * the monotonic clock, so LSR, DLSR and the arrival time of reports share one time base and
 * a wall-clock step during the call cannot corrupt the round-trip time.
 *
 * <p>Threading: {@link #due} and {@link #onRtpSent} run on the pacer thread; {@link #onRtcp}, {@link #send},
 * {@link #write} and the {@link #received() receive statistics} on the session's receive
 * event loop (RTP and RTCP sockets share it). Figures read by other threads are volatile.
 */
final class RtcpSession implements RtcpParser.Listener {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private final long ssrc;
    private final String cname;
    private final RandomGenerator random;
    private final long wallNanosAtBase;
    private final long monoNanosAtBase;
    private final ReceiveStatistics received;
    private final RtcpParser parser = new RtcpParser();
    private final RtcpWriter writer = new RtcpWriter();

    // pacer thread
    private long nextReportNanos;
    private boolean scheduled;
    private volatile long packetsSent;
    private volatile long octetsSent;
    private volatile long lastRtpTimestamp;
    private volatile long lastSentNanos;
    private final int clockRate;
    private final int firstSequence;

    // receive event loop
    private long parseNanos;
    private volatile InetSocketAddress rtcpSource;
    private volatile boolean muxed;
    private volatile boolean muxNegotiated;
    private volatile long reportsReceived;
    private volatile long reportsSent;
    private volatile boolean haveRemoteReport;
    private volatile long remoteCumulativeLost;
    private volatile long remoteExtendedHighest;
    private volatile long remoteJitter;
    private volatile double rttMillis = Double.NaN;
    private volatile boolean byeReceived;

    /**
     * @param ssrc our sending SSRC
     * @param firstSequence the sequence number of our first RTP packet
     * @param wallClockMillis the wall clock now (Unix epoch ms), read once for NTP times
     * @param nowNanos the monotonic clock now, the same clock later calls pass
     */
    RtcpSession(long ssrc, int firstSequence, int clockRate, String cname, RandomGenerator random,
            long wallClockMillis, long nowNanos) {
        this.ssrc = ssrc;
        this.firstSequence = firstSequence;
        this.clockRate = clockRate;
        this.cname = cname;
        this.random = random;
        this.wallNanosAtBase = TimeUnit.MILLISECONDS.toNanos(wallClockMillis);
        this.monoNanosAtBase = nowNanos;
        this.received = new ReceiveStatistics(clockRate);
    }

    ReceiveStatistics received() { return received; }

    // ---------------------------------------------------------------- pacer thread

    /** Records one RTP packet we sent, for the sender info of our next SR. */
    void onRtpSent(long rtpTimestamp, int payloadBytes, long nowNanos) {
        lastRtpTimestamp = rtpTimestamp;
        lastSentNanos = nowNanos;
        octetsSent += payloadBytes; // single writer: the pacer thread
        packetsSent++;
    }

    /** True when a report is due now; then schedules the next one. */
    boolean due(long nowNanos) {
        if (!scheduled) {
            scheduled = true;
            nextReportNanos = nowNanos + randomized(INTERVAL_NANOS / 2);
            return false;
        }
        if (nowNanos - nextReportNanos < 0) {
            return false;
        }
        nextReportNanos = nowNanos + randomized(INTERVAL_NANOS);
        return true;
    }

    private long randomized(long interval) {
        return (long) (interval * (0.5 + random.nextDouble()));
    }

    // ---------------------------------------------------------------- receive event loop

    /**
     * Reads a compound RTCP packet from the caller.
     *
     * @param onRtpPort true when it came multiplexed on the RTP port (RFC 5761)
     * @return false when it was not valid RTCP
     */
    boolean onRtcp(ByteBuf content, InetSocketAddress source, boolean onRtpPort, long nowNanos) {
        parseNanos = nowNanos;
        if (!parser.parse(content, this)) {
            return false;
        }
        reportsReceived++;
        if (rtcpSource == null || !rtcpSource.equals(source)) {
            rtcpSource = source; // symmetric RTCP: report to where the caller's reports come from
        }
        muxed = onRtpPort;
        return true;
    }

    @Override
    public void onSenderInfo(long senderSsrc, long ntpTimestamp, long rtpTimestamp, long packetCount,
            long octetCount) {
        if (received.started() && senderSsrc == received.ssrc()) {
            received.onSenderReport(ntpTimestamp >>> 16, parseNanos);
        }
    }

    @Override
    public void onReportBlock(long reporterSsrc, long sourceSsrc, int fractionLost, int cumulativeLost,
            long extendedHighest, long jitter, long lastSr, long delaySinceLastSr) {
        if (sourceSsrc != ssrc) {
            return; // about some other stream
        }
        remoteCumulativeLost = cumulativeLost;
        remoteExtendedHighest = extendedHighest;
        remoteJitter = jitter;
        haveRemoteReport = true;
        if (lastSr != 0) {
            // RFC 3550 6.4.1: RTT = A - LSR - DLSR, all in 1/65536 s
            long arrival = ntpTimestamp(parseNanos) >>> 16 & 0xFFFFFFFFL;
            long rtt = (arrival - lastSr - delaySinceLastSr) & 0xFFFFFFFFL;
            if (rtt < 0x80000000L) { // a negative difference is a broken report, not an RTT
                rttMillis = rtt * 1000.0 / 65536;
            }
        }
    }

    @Override
    public void onBye(long byeSsrc) {
        if (received.started() && byeSsrc == received.ssrc()) {
            byeReceived = true;
        }
    }

    /**
     * Writes our compound report: an SR (an RR while we have sent nothing) with a report block
     * about the caller's stream when we have one, SDES CNAME, and a BYE when {@code bye}.
     */
    void write(ByteBuf out, long nowNanos, boolean bye) {
        writer.begin(out);
        long sent = packetsSent;
        if (sent > 0) {
            long elapsed = nowNanos - lastSentNanos;
            long rtpNow = (lastRtpTimestamp + elapsed * clockRate / 1_000_000_000L) & 0xFFFFFFFFL;
            writer.senderReport(ssrc, ntpTimestamp(nowNanos), rtpNow, sent, octetsSent);
        } else {
            writer.receiverReport(ssrc);
        }
        received.writeReportBlock(writer, nowNanos);
        writer.sdesCname(ssrc, cname);
        if (bye) {
            writer.bye(ssrc);
        }
        writer.finish();
        reportsSent++;
    }

    /** Where to send our reports: the caller's RTCP source once seen, else by SDP convention. */
    InetSocketAddress destination(InetSocketAddress rtpRemote) {
        InetSocketAddress seen = rtcpSource;
        if (seen != null) {
            return seen;
        }
        if (muxed || muxNegotiated || rtpRemote == null || rtpRemote.isUnresolved()) {
            return rtpRemote;
        }
        return new InetSocketAddress(rtpRemote.getAddress(), rtpRemote.getPort() + 1);
    }

    /** Whether SDP agreed RTCP-mux: then reports go to the RTP address until the caller's are seen. */
    void muxNegotiated(boolean mux) {
        muxNegotiated = mux;
    }

    /** Forgets the caller's RTCP address (re-INVITE with a new address). */
    void resetDestination() {
        rtcpSource = null;
        muxed = false;
    }

    /** 64-bit NTP timestamp for a monotonic instant. */
    long ntpTimestamp(long nowNanos) {
        long wall = wallNanosAtBase + (nowNanos - monoNanosAtBase);
        long seconds = Math.floorDiv(wall, 1_000_000_000L) + NTP_UNIX_OFFSET;
        long nanos = Math.floorMod(wall, 1_000_000_000L);
        long fraction = (nanos << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    // ---------------------------------------------------------------- figures, any thread

    long reportsSent() { return reportsSent; }

    long reportsReceived() { return reportsReceived; }

    boolean byeReceived() { return byeReceived; }

    /** Round-trip time in ms from the caller's last report with an LSR, or NaN. */
    double rttMillis() { return rttMillis; }

    boolean haveRemoteReport() { return haveRemoteReport; }

    /** The caller's cumulative count of our packets lost. */
    long remoteCumulativeLost() { return remoteCumulativeLost; }

    /** The caller's interarrival jitter of our stream, in ms. */
    double remoteJitterMillis() { return remoteJitter * 1000.0 / clockRate; }

    /** Percentage of our packets the caller reports lost, or NaN before its first report. */
    double remoteLossPercent() {
        if (!haveRemoteReport) {
            return Double.NaN;
        }
        // the caller's extended highest counts from our first sequence number in cycle 0
        long expected = ((remoteExtendedHighest - firstSequence) & 0xFFFFFFFFL) + 1;
        if (expected <= 0 || expected > packetsSent + 1000) {
            expected = Math.max(1, packetsSent);
        }
        return Math.max(0, 100.0 * remoteCumulativeLost / expected);
    }

    long packetsSent() { return packetsSent; }

    long octetsSent() { return octetsSent; }

    /**
     * Sends our compound report (with a BYE at close) to {@link #destination}: from the RTP
     * socket when RTCP is multiplexed on the RTP port, as the caller sends it, else from the RTCP
     * socket. On the receive event loop; a closed socket sends nothing.
     */
    void send(Channel rtpChannel, Channel rtcpChannel, InetSocketAddress rtpRemote, long nowNanos, boolean bye) {
        InetSocketAddress to = destination(rtpRemote);
        Channel channel = to.getPort() == rtpRemote.getPort() ? rtpChannel : rtcpChannel;
        if (channel == null || !channel.isActive()) {
            return;
        }
        ByteBuf buf = channel.alloc().directBuffer(256);
        write(buf, nowNanos, bye);
        channel.writeAndFlush(new DatagramPacket(buf, to), channel.voidPromise());
    }
}
