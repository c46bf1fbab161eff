package org.voxgate.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.codec.AudioCodec;
import org.voxgate.media.rtp.ReorderBuffer;
import org.voxgate.media.rtp.Rfc4733Decoder;
import org.voxgate.media.rtp.RtpHeader;

/**
 * One call's RTP endpoint as created by {@link RtpMediaEngine}.
 *
 * <p>Receive path (on the RTP channel's event loop): parse, payload-type demux,
 * telephone-event to {@link Rfc4733Decoder}, audio through {@link ReorderBuffer} and
 * {@link InboundFrameAssembler} to the inbound listener. Send path (on the engine's pacer
 * thread): one frame per tick from the {@link PlaybackQueue}, encoded silence when nothing is
 * queued, through {@link RtpSender}. The receive and pacer threads share only volatile fields
 * and the thread-safe playback queue.
 *
 * <p>Parts kept in their own classes, one each per session: {@link LocalSdpState} (our
 * {@code o=} numbering and last offer), {@link DirectionState} (whether we send, and the media
 * timeout) and {@link SessionListeners} (the application's listeners and their delivery).
 */
final class RtpSession implements MediaSession, DatagramHandler.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);
    static final int REORDER_DEPTH = 4;
    /** How long a hole in the sequence may hold later packets: the reorder window, 4 x 20 ms. */
    private static final long MAX_HOLD_NANOS = REORDER_DEPTH * Pacer.PERIOD_NANOS;
    private static final long NOT_HOLDING = Long.MIN_VALUE;
    /** Two minutes of queued audio is far more than any prompt; beyond it a producer is broken. */
    private static final int MAX_QUEUED_SAMPLES = 120 * AudioChannel.SAMPLE_RATE;

    private final RtpMediaEngine engine;
    private final String callId;
    private final int rtpPort;
    private final InetSocketAddress localRtpAddress;
    private final RandomGenerator random;
    private final LocalSdpState sdp;
    private final DirectionState direction;
    private final SessionListeners listeners;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PlaybackQueue playback = new PlaybackQueue(AudioChannel.SAMPLE_RATE, MAX_QUEUED_SAMPLES);

    // receive thread state
    private final RtpHeader header = new RtpHeader();
    private final InboundFrameAssembler assembler = new InboundFrameAssembler(this::deliverFrame);
    private final ReorderBuffer reorder = new ReorderBuffer(REORDER_DEPTH, 320, assembler::onPayload);
    private final Rfc4733Decoder dtmf = new Rfc4733Decoder(8000);
    private final Runnable skipGapTask = this::skipGap;
    private boolean latched;
    private boolean haveSsrc;
    private long remoteSsrc;
    private long garbage;
    private long unexpectedPayload;

    // pacer thread state
    private final short[] outPcm = new short[AudioChannel.FRAME_SAMPLES];
    private final byte[] outPayload = new byte[AudioChannel.FRAME_SAMPLES];
    private RtpSender sender;
    private volatile AudioCodec outCodec;
    private boolean partialHeld;

    // shared between threads
    private volatile Channel rtpChannel;
    private volatile Channel rtcpChannel;
    private volatile MediaParameters parameters;
    private volatile InetSocketAddress remote;
    private volatile long holdingSinceNanos = NOT_HOLDING;
    private final AtomicBoolean skipGapScheduled = new AtomicBoolean();
    private volatile long packetsIn;
    private volatile long packetsOut;
    private volatile long packetsLost;
    private volatile long packetsLate;

    RtpSession(RtpMediaEngine engine, String callId, int rtpPort, InetSocketAddress localRtpAddress,
            Clock clock, long timeoutMillis, RandomGenerator random) {
        this.engine = engine;
        this.callId = callId;
        this.rtpPort = rtpPort;
        this.localRtpAddress = localRtpAddress;
        this.random = random;
        this.sdp = new LocalSdpState(random.nextLong() & Long.MAX_VALUE);
        this.direction = new DirectionState(clock, timeoutMillis);
        this.listeners = new SessionListeners(callId);
        dtmf.setListener(listeners::dtmf);
    }

    /** Gives the session its bound sockets; called once by the engine before it is shared. */
    void attach(Channel rtp, Channel rtcp) {
        this.rtpChannel = rtp;
        this.rtcpChannel = rtcp;
    }

    int rtpPort() { return rtpPort; }

    /** Our {@code o=} numbering and last offer, for {@link OfferAnswer}. */
    LocalSdpState sdp() { return sdp; }

    /** Applies the direction of the latest SDP exchange; see {@link DirectionState#apply}. */
    void applyDirection(boolean send, boolean watchTimeout) {
        direction.apply(send, watchTimeout);
    }

    @Override
    public String callId() { return callId; }

    @Override
    public InetSocketAddress localRtpAddress() { return localRtpAddress; }

    @Override
    public void start(MediaParameters params) {
        if (closed.get()) {
            throw new IllegalStateException("session " + callId + " is closed");
        }
        synchronized (this) {
            if (parameters != null) {
                throw new IllegalStateException("session " + callId + " already started");
            }
            AudioCodec codec = AudioCodec.of(params.codec());
            // written before the volatile publish of parameters, read by the other threads after it
            sender = new RtpSender(random);
            outCodec = codec;
            assembler.setCodec(codec);
            remote = params.remoteRtp();
            direction.received();
            parameters = params;
        }
        CallLog.info(LOG, callId, "media started: {} pt {} te {} remote {} local port {}", params.codec(),
                params.payloadType(), params.telephoneEventPayloadType(), params.remoteRtp(), rtpPort);
    }

    @Override
    public void update(MediaParameters params) {
        if (closed.get()) {
            return;
        }
        MediaParameters before;
        synchronized (this) {
            before = parameters;
            if (before == null) {
                throw new IllegalStateException("session " + callId + " is not started");
            }
            if (before.equals(params)) {
                return;
            }
            boolean newCodec = before.codec() != params.codec();
            AudioCodec codec = AudioCodec.of(params.codec());
            outCodec = codec; // written before the volatile publish of parameters below
            boolean newRemote = !java.util.Objects.equals(before.remoteRtp(), params.remoteRtp());
            if (newRemote) {
                remote = params.remoteRtp();
            }
            Channel channel = rtpChannel;
            if (channel != null && (newCodec || newRemote)) {
                // receive-thread state belongs to that thread's event loop
                channel.eventLoop().execute(() -> {
                    if (newCodec) {
                        assembler.setCodec(codec);
                        reorder.reset();
                    }
                    if (newRemote) {
                        latched = false; // learn the new source from its first packet
                    }
                });
            }
            parameters = params;
        }
        CallLog.info(LOG, callId, "media updated: {} pt {} te {} remote {}", params.codec(), params.payloadType(),
                params.telephoneEventPayloadType(), params.remoteRtp());
    }

    @Override
    public MediaParameters parameters() { return parameters; }

    @Override
    public void injectDtmf(char digit, int durationMillis) {
        if ("0123456789*#ABCD".indexOf(digit) < 0 || closed.get()) {
            return;
        }
        listeners.dtmf(digit, durationMillis);
    }

    @Override
    public void setInboundListener(InboundAudioListener listener) { listeners.setInbound(listener); }

    @Override
    public void setDtmfListener(DtmfListener listener) { listeners.setDtmf(listener); }

    @Override
    public void setTimeoutListener(Runnable onTimeout) { listeners.setTimeout(onTimeout); }

    @Override
    public void play(short[] pcm, int offset, int length) {
        int accepted = playback.offer(pcm, offset, length);
        if (accepted < length) {
            CallLog.warn(LOG, callId, "playback queue full, dropped {} samples", length - accepted);
        }
    }

    @Override
    public void clearPlayback() { playback.clear(); }

    @Override
    public long queuedPlaybackMillis() {
        return playback.size() * 1000L / AudioChannel.SAMPLE_RATE;
    }

    @Override
    public MediaStats stats() {
        return new MediaStats(packetsIn, packetsOut, packetsLost, packetsLate);
    }

    /** Datagrams that were not valid RTP; for tests and close-time logging. */
    long garbagePackets() { return garbage; }

    // ---------------------------------------------------------------- receive path

    @Override
    public void onDatagram(ByteBuf content, InetSocketAddress source) {
        if (!header.parse(content)) {
            garbage++;
            return;
        }
        MediaParameters p = parameters;
        if (p == null || closed.get()) {
            return;
        }
        int pt = header.payloadType();
        boolean audio = pt == p.payloadType();
        if (!audio && pt != p.telephoneEventPayloadType()) {
            unexpectedPayload++; // comfort noise, RTCP on the RTP port, stray streams
            return;
        }
        accept(source);
        if (audio) {
            reorder.offer(header.sequenceNumber(), content, header.payloadOffset(), header.payloadLength());
            packetsLost = reorder.lost();
            packetsLate = reorder.late();
            updateHolding();
        } else if (!dtmf.onPacket(header.timestamp(), content, header.payloadOffset(), header.payloadLength())) {
            garbage++;
        }
    }

    private void accept(InetSocketAddress source) {
        packetsIn++; // single writer: this channel's event loop
        engine.countIn();
        direction.received();
        if (!latched) {
            // symmetric RTP: answer to where the caller really sends from (NAT, SBC)
            latched = true;
            if (!source.equals(remote)) {
                CallLog.debug(LOG, callId, "latched remote RTP {} (SDP said {})", source, remote);
            }
            remote = source;
        }
        long ssrc = header.ssrc();
        if (haveSsrc && ssrc != remoteSsrc) {
            // a new source (re-INVITE, SBC switch) restarts sequence numbering
            reorder.reset();
        }
        haveSsrc = true;
        remoteSsrc = ssrc;
    }

    private void updateHolding() {
        if (!reorder.holding()) {
            holdingSinceNanos = NOT_HOLDING;
        } else if (holdingSinceNanos == NOT_HOLDING) {
            holdingSinceNanos = engine.nanoTime();
        }
    }

    private void skipGap() {
        skipGapScheduled.set(false);
        if (reorder.holding()) {
            reorder.skipGap();
            packetsLost = reorder.lost();
            holdingSinceNanos = NOT_HOLDING;
            updateHolding();
        }
    }

    private void deliverFrame(short[] frame) {
        listeners.audio(frame);
    }

    // ---------------------------------------------------------------- pacer path

    /** One 20 ms step on the pacer thread: timeout check, stuck-hole check, send one frame. */
    void onTick(long nowNanos) {
        if (parameters == null || closed.get()) {
            return;
        }
        checkTimeout();
        long holdingSince = holdingSinceNanos;
        if (holdingSince != NOT_HOLDING && nowNanos - holdingSince > MAX_HOLD_NANOS
                && skipGapScheduled.compareAndSet(false, true)) {
            rtpChannel.eventLoop().execute(skipGapTask); // the reorder buffer belongs to that loop
        }
        sendFrame();
    }

    private void checkTimeout() {
        if (direction.checkTimeout()) {
            CallLog.info(LOG, callId, "no RTP for {} ms", direction.timeoutMillis());
            listeners.timedOut();
        }
    }

    private void sendFrame() {
        MediaParameters p = parameters;
        int queued = playback.size();
        int n;
        if (queued > 0 && queued < outPcm.length && !partialHeld) {
            // a producer streaming in odd-sized chunks usually tops this up within a tick;
            // waiting one tick avoids a silence gap inside the talkspurt
            partialHeld = true;
            n = 0;
        } else {
            partialHeld = false;
            n = playback.poll(outPcm, outPcm.length);
        }
        boolean audio = n > 0;
        InetSocketAddress to = remote;
        Channel channel = rtpChannel;
        if (!direction.maySend() || !sendable(to) || channel == null || !channel.isActive()) {
            sender.skip(outPcm.length, audio);
            return;
        }
        if (audio) {
            // a short last chunk is padded with silence rather than held back a whole tick
            Arrays.fill(outPcm, n, outPcm.length, (short) 0);
            outCodec.encode(outPcm, 0, outPayload, 0, outPcm.length);
        } else {
            // continuous silence keeps NAT bindings and carrier RTP timeouts alive
            Arrays.fill(outPayload, outCodec.silence());
        }
        sender.send(channel, to, p.payloadType(), outPayload, outPayload.length, audio);
        packetsOut++; // single writer: the pacer thread
        engine.countOut();
    }

    private static boolean sendable(InetSocketAddress to) {
        return to != null && !to.isUnresolved() && to.getPort() != 0
                && !to.getAddress().isAnyLocalAddress(); // c=0.0.0.0 means "on hold, do not send"
    }

    // ---------------------------------------------------------------- close

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        engine.unregister(this);
        Channel rtp = rtpChannel;
        Channel rtcp = rtcpChannel;
        boolean mayWait = !engine.onMediaThread();
        closeChannel(rtp, mayWait);
        closeChannel(rtcp, mayWait);
        engine.releasePort(rtpPort);
        CallLog.info(LOG, callId, "media closed: in {} out {} lost {} late {} garbage {} other-pt {}",
                packetsIn, packetsOut, packetsLost, packetsLate, garbage, unexpectedPayload);
    }

    private static void closeChannel(Channel channel, boolean wait) {
        if (channel == null) {
            return;
        }
        var future = channel.close();
        if (wait) {
            // so that allocatedPorts() and a re-bind of the port see the socket really gone
            future.awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
