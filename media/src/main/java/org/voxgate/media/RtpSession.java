package org.voxgate.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.codec.AudioCodecs;
import org.voxgate.media.jitter.AdaptiveJitterBuffer;
import org.voxgate.media.quality.EModel;
import org.voxgate.media.rtp.RtcpParser;
import org.voxgate.media.rtp.Rfc4733Decoder;
import org.voxgate.media.rtp.RtpHeader;

/**
 * One call's RTP endpoint as created by {@link RtpMediaEngine}.
 *
 * <p>Receive path (on the RTP channel's event loop): parse, payload-type demux,
 * telephone-event straight to {@link Rfc4733Decoder}, audio and comfort noise (payload type
 * 13) into the {@link AdaptiveJitterBuffer} of its {@link ReceivePlayout}. Playout
 * ({@link InboundPlayout}, EAGER unless the owner asks for PACED): in EAGER mode a frame whose
 * packets arrived in order goes through {@link InboundFrameAssembler} (decode, concealment,
 * comfort noise, silence) to the inbound listener at once, on that loop; every pacer tick hands
 * one pre-made task to the same event loop, which conceals a gap whose deadline passed (PACED:
 * takes the next 20 ms), so once media flows the listener gets one frame per 20 ms of stream
 * (PACED: exactly 50 a second) and the jitter buffer stays single-threaded. RTCP is read and written on that loop too
 * ({@link RtcpSession}), and {@link RemoteLatch} decides which source is the caller. Send path
 * (on the engine's pacer thread): one frame per tick ({@link SendPath}; a reply may start
 * ahead of the tick, {@link TalkspurtScheduler}). The receive and pacer threads
 * share only volatile fields, an atomic tick count and the thread-safe playback and digit
 * queues. In-band DTMF detection sits in {@link SessionListeners}, where decoded frames are
 * delivered.
 *
 * <p>Parts kept in their own classes, one each per session: {@link LocalSdpState} (our
 * {@code o=} numbering and last offer), {@link DirectionState} (whether we send, and the media
 * timeout) and {@link SessionListeners} (the application's listeners and their delivery),
 * {@link RemoteLatch} (which source is believed: anti-hijack symmetric RTP) and
 * {@link RtcpSession} (RTCP reports both ways and the receive statistics). RTCP arrives on the
 * RTCP socket, or multiplexed on the RTP port (RFC 5761), on the same event loop as RTP.
 */
final class RtpSession implements MediaSession, DatagramHandler.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);
    /** RFC 3551 static payload type of comfort noise (RFC 3389). */
    static final int COMFORT_NOISE_PT = 13;
    /** Ticks the event loop may owe after a stall; beyond it, catching up is pointless. */
    private static final int MAX_CATCH_UP_FRAMES = 5;
    /** Two minutes of queued audio is far more than any prompt; beyond it a producer is broken. */
    private static final int MAX_QUEUED_SAMPLES = 120 * AudioChannel.SAMPLE_RATE;

    private final RtpMediaEngine engine;
    private final String callId;
    private final int rtpPort;
    private final InetSocketAddress localRtpAddress;
    private final RandomGenerator random;
    private final Clock clock;
    private final LocalSdpState sdp;
    private final DirectionState direction;
    private final SessionListeners listeners;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PlaybackQueue playback = new PlaybackQueue(AudioChannel.SAMPLE_RATE, MAX_QUEUED_SAMPLES);

    // receive thread state
    private final RtpHeader header = new RtpHeader();
    private final ReceivePlayout playout;
    private final Rfc4733Decoder dtmf = new Rfc4733Decoder(8000);
    private final Runnable sendReportTask = () -> sendRtcp(false);
    private RemoteLatch latch; // created in start, before parameters are published
    private final Runnable playoutTask = this::playOwedFrames;
    private boolean latched;
    private boolean haveSsrc;
    private long remoteSsrc;
    private long garbage;
    private long unexpectedPayload;

    // sending: pacer thread state, see SendPath; when each frame goes: TalkspurtScheduler
    private final SendPath send;
    private final TalkspurtScheduler talkspurts;

    // shared between threads
    private volatile Channel rtpChannel;
    private volatile Channel rtcpChannel;
    private volatile MediaParameters parameters;
    private volatile RtcpSession rtcp;
    private volatile boolean rtcpMux;
    private volatile InetSocketAddress remote;
    private volatile CallRecorderTap recorder;
    private volatile boolean mediaFlowing;
    private final AtomicInteger ticksOwed = new AtomicInteger();
    private volatile long packetsIn;

    /** A session with the default jitter buffer bounds. */
    RtpSession(RtpMediaEngine engine, String callId, int rtpPort, InetSocketAddress localRtpAddress,
            Clock clock, long timeoutMillis, RandomGenerator random) {
        this(engine, callId, rtpPort, localRtpAddress, clock, timeoutMillis, random,
                MediaConfig.DEFAULT_JITTER_MIN_MS, MediaConfig.DEFAULT_JITTER_MAX_MS);
    }

    RtpSession(RtpMediaEngine engine, String callId, int rtpPort, InetSocketAddress localRtpAddress,
            Clock clock, long timeoutMillis, RandomGenerator random, int jitterMinMs, int jitterMaxMs) {
        this.engine = engine;
        this.callId = callId;
        this.rtpPort = rtpPort;
        this.localRtpAddress = localRtpAddress;
        this.random = random;
        this.clock = clock;
        this.sdp = new LocalSdpState(random.nextLong() & Long.MAX_VALUE);
        this.direction = new DirectionState(clock, timeoutMillis);
        this.listeners = new SessionListeners(callId);
        dtmf.setListener(listeners::rfc4733Dtmf);
        this.playout = new ReceivePlayout(engine::nanoTime, jitterMinMs, jitterMaxMs, this::deliverFrame);
        // a session starts feeding a bot; whoever lets a person listen (AudioBridge) asks for PACED
        playout.setMode(InboundPlayout.EAGER);
        this.send = new SendPath(playback, random);
        this.talkspurts = new TalkspurtScheduler(engine.pacerExecutor(), engine::nanoTime, send, playback, this::sendSlot);
    }

    /** Gives the session its bound sockets; called once by the engine before it is shared. */
    void attach(Channel rtp, Channel rtcp) {
        this.rtpChannel = rtp;
        this.rtcpChannel = rtcp;
    }

    int rtpPort() { return rtpPort; }

    /** Our {@code o=} numbering and last offer, for {@link OfferAnswer}. */
    LocalSdpState sdp() { return sdp; }

    /** Whether the latest SDP exchange agreed RTCP-mux (RFC 5761); see {@link RtcpMuxSdp}. */
    void useRtcpMux(boolean mux) {
        rtcpMux = mux;
        RtcpSession r = rtcp;
        if (r != null) {
            r.muxNegotiated(mux);
        }
    }

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
            // written before the volatile publish of parameters, read by the other threads after it
            latch = new RemoteLatch(params.remoteRtp());
            RtpSender sender = send.sender();
            rtcp = new RtcpSession(sender.ssrc(), sender.sequence(), params.codec().clockRate(),
                    Long.toHexString(random.nextLong()) + "@voxgate", random, clock.millis(), engine.nanoTime());
            rtcp.muxNegotiated(rtcpMux);
            send.useEncoder(AudioCodecs.encoder(params.codec(), params.options()), params.payloadType());
            playout.useCodec(params.codec(), AudioCodecs.decoder(params.codec(), params.options()));
            remote = params.remoteRtp();
            direction.received();
            listeners.detectInband(params.telephoneEventPayloadType() < 0);
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
            boolean newCodec = before.codec() != params.codec() || !before.options().equals(params.options());
            var decoder = newCodec ? AudioCodecs.decoder(params.codec(), params.options()) : null;
            // written before remote and parameters below: a pacer that sees the new address sees
            // the new encoder too
            if (newCodec) {
                send.useEncoder(AudioCodecs.encoder(params.codec(), params.options()), params.payloadType());
            } else if (before.payloadType() != params.payloadType()) {
                send.usePayloadType(params.payloadType());
            }
            boolean newRemote = !java.util.Objects.equals(before.remoteRtp(), params.remoteRtp());
            if (newRemote) {
                remote = params.remoteRtp();
            }
            Channel channel = rtpChannel;
            if (channel != null && (newCodec || newRemote)) {
                // receive-thread state belongs to that thread's event loop
                channel.eventLoop().execute(() -> {
                    if (newCodec) {
                        playout.changeCodec(params.codec(), decoder);
                    }
                    if (newRemote) {
                        latched = false; // learn the new source from its next run of packets
                        latch.reset(params.remoteRtp());
                        rtcp.resetDestination();
                    }
                });
            } else if (decoder != null) {
                decoder.close();
            }
            listeners.detectInband(params.telephoneEventPayloadType() < 0);
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
        listeners.dtmf(digit, durationMillis, DtmfSource.SIP_INFO);
    }

    @Override
    public void sendDtmf(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (!org.voxgate.media.dtmf.DtmfTones.isKey(digits.charAt(i))) {
                throw new IllegalArgumentException("not a DTMF key: '" + digits.charAt(i) + "' in " + digits);
            }
        }
        for (int i = 0; i < digits.length(); i++) {
            send.digits().enqueue(digits.charAt(i), DtmfSender.DEFAULT_DURATION_MILLIS);
        }
    }

    @Override
    public void sendDtmf(char digit, int durationMillis) {
        send.digits().enqueue(digit, durationMillis);
    }

    @Override
    public void setDtmfObserver(DtmfObserver observer) { listeners.setDtmfObserver(observer); }

    @Override
    public void setInboundListener(InboundAudioListener listener) { listeners.setInbound(listener); }

    @Override
    public void setInboundPlayout(InboundPlayout mode) { playout.setMode(mode); }

    /** The inbound playout mode and the outbound talkspurt scheduler in use (tests). */
    InboundPlayout inboundPlayout() { return playout.mode(); }
    TalkspurtScheduler talkspurts() { return talkspurts; }

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
        talkspurts.audioQueued();
    }

    @Override
    public void clearPlayback() { playback.clear(); }

    @Override
    public void setPlaybackListener(PlaybackListener listener) { send.setPlaybackListener(listener); }

    @Override
    public void setPlaybackStart(PlaybackStart start) { talkspurts.setStart(start); }

    @Override
    public long queuedPlaybackMillis() {
        return playback.size() * 1000L / AudioChannel.SAMPLE_RATE;
    }

    @Override
    public void setRecorder(CallRecorderTap tap) {
        recorder = tap; // the caller's side, from playout
        send.setRecorder(tap); // the bot's side, from the pacer
    }

    @Override
    public MediaStats stats() {
        RtcpSession r = rtcp;
        MediaParameters p = parameters;
        PlayoutStats playoutStats = playout.published();
        if (r == null || p == null) {
            return new MediaStats(packetsIn, send.packetsOut(), playoutStats.packetsLost(), playoutStats.packetsLate())
                    .withPlayout(playoutStats);
        }
        RemoteLatch l = latch;
        // receive-loop figures are read racily here; exact once the session is closed
        return CallQuality.snapshot(r, EModel.Codec.forEncoding(p.codec().encodingName()), packetsIn, send.packetsOut(),
                playoutStats.packetsLost(), playoutStats.packetsLate(), l == null ? 0 : l.rejected(),
                playoutStats.delayP50Ms()).withPlayout(playoutStats);
    }

    /** Datagrams that were not valid RTP; for tests and close-time logging. */
    long garbagePackets() { return garbage; }

    // ---------------------------------------------------------------- receive path

    @Override
    public void onDatagram(ByteBuf content, InetSocketAddress source) {
        if (RtcpParser.looksLikeRtcp(content)) {
            onRtcp(content, source, true); // RFC 5761 multiplexing: RTCP types 200-204
            return;
        }
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
        boolean noise = pt == COMFORT_NOISE_PT && header.payloadLength() > 0;
        if (!audio && !noise && pt != p.telephoneEventPayloadType()) {
            unexpectedPayload++; // RTCP on the RTP port, stray streams
            return;
        }
        if (!accept(source, audio)) {
            return;
        }
        if (audio) {
            playout.offerAudio(header, content);
            mediaFlowing = true;
        } else if (noise) {
            playout.offerComfortNoise(header, content);
        } else if (!dtmf.onPacket(header.timestamp(), header.marker(), content, header.payloadOffset(),
                header.payloadLength(), engine.nanoTime())) {
            garbage++;
        }
        if (audio && dtmf.eventRunning()) {
            dtmf.expire(engine.nanoTime()); // an event whose end packets were all lost times out
        }
    }

    private boolean accept(InetSocketAddress source, boolean audio) {
        if (!latch.accept(source, header.ssrc(), header.sequenceNumber())) {
            return false; // not (yet) the believed source: no hijack, no stray audio
        }
        packetsIn++; // single writer: this channel's event loop
        engine.countIn();
        direction.received();
        if (!latched && latch.latched() != null) {
            // symmetric RTP: answer to where the caller really sends from (NAT, SBC)
            latched = true;
            if (!source.equals(remote)) {
                CallLog.debug(LOG, callId, "latched remote RTP {} (SDP said {})", source, remote);
            }
            remote = source;
        }
        rtcp.received().onPacket(header.ssrc(), header.sequenceNumber(), header.timestamp(), engine.nanoTime(),
                header.payloadLength(), audio);
        long ssrc = header.ssrc();
        if (haveSsrc && ssrc != remoteSsrc) {
            // a new source (re-INVITE, SBC switch): the jitter buffer restarts its timeline
            // itself; the decoded leftovers and concealment history belong to the old one
            playout.newSource();
        }
        haveSsrc = true;
        remoteSsrc = ssrc;
        return true;
    }

    /** RTCP from the RTCP socket's handler, on the same event loop as RTP. */
    void onRtcpDatagram(ByteBuf content, InetSocketAddress source) {
        onRtcp(content, source, false);
    }

    private void onRtcp(ByteBuf content, InetSocketAddress source, boolean onRtpPort) {
        RtcpSession r = rtcp;
        if (parameters == null || r == null || closed.get() || !latch.acceptRtcp(source)) {
            return;
        }
        if (!r.onRtcp(content, source, onRtpPort, engine.nanoTime())) {
            garbage++;
        }
    }

    /** Sends our compound RTCP report (with a BYE at close); on the receive event loop. */
    private void sendRtcp(boolean bye) {
        RtcpSession r = rtcp;
        InetSocketAddress rtpRemote = remote;
        if (r != null && SendPath.sendableAddress(rtpRemote)) {
            r.send(rtpChannel, rtcpChannel, rtpRemote, engine.nanoTime(), bye);
        }
    }

    private void deliverFrame(short[] frame) {
        CallRecorderTap tap = recorder;
        if (tap != null) {
            tap.onCallerFrame(frame);
        }
        listeners.audio(frame);
    }

    // ---------------------------------------------------------------- playout (receive event loop)

    /** Plays the frames the pacer has ticked for since the last run; on the receive event loop. */
    private void playOwedFrames() {
        int owed = Math.min(ticksOwed.getAndSet(0), MAX_CATCH_UP_FRAMES);
        if (closed.get()) {
            return;
        }
        playout.playFrames(owed);
    }

    // ---------------------------------------------------------------- pacer path

    /** One 20 ms step on the pacer thread: timeout check, playout handed to the receive loop, one send slot. */
    void onTick(long nowNanos) {
        if (parameters == null || closed.get()) {
            return;
        }
        if (direction.checkTimeout()) {
            CallLog.info(LOG, callId, "no RTP for {} ms", direction.timeoutMillis());
            listeners.timedOut();
        }
        if (mediaFlowing && ticksOwed.getAndIncrement() == 0) {
            // the pacer serves every call: listener work runs on this session's own loop, where
            // the jitter buffer lives; a task already queued takes this tick along
            rtpChannel.eventLoop().execute(playoutTask);
        }
        talkspurts.onTick(nowNanos);
        if (rtcp.due(nowNanos)) {
            rtpChannel.eventLoop().execute(sendReportTask); // receive statistics belong to that loop
        }
    }

    /** One slot of the send path on the pacer thread, on the tick or ahead of it; false when not sending at all. */
    private boolean sendSlot(long nowNanos) {
        MediaParameters p = parameters;
        boolean live = p != null && !closed.get();
        if (live && send.tick(nowNanos, rtpChannel, remote, direction.maySend(), p.telephoneEventPayloadType(), rtcp)) {
            engine.countOut();
        }
        return live;
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
        sendBye(rtp);
        closeChannel(rtp, mayWait);
        closeChannel(rtcp, mayWait);
        engine.releasePort(rtpPort);
        send.close(); // frees Opus state; a racing pacer tick then encodes nothing
        closeDecoder(rtp);
        CallLog.info(LOG, callId, "media closed: garbage {} other-pt {} {}", garbage, unexpectedPayload, stats());
    }

    /** Queues our last report with a BYE ahead of the sockets' close on their event loop. */
    private void sendBye(Channel rtp) {
        if (rtp == null || rtcp == null) {
            return;
        }
        if (rtp.eventLoop().inEventLoop()) {
            sendRtcp(true);
        } else {
            rtp.eventLoop().execute(() -> sendRtcp(true));
        }
    }

    /** The decoder belongs to the receive loop; closing it there sees its latest decoder. */
    private void closeDecoder(Channel rtp) {
        if (rtp != null) {
            try {
                rtp.eventLoop().execute(playout::close);
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the engine is shutting down: no more receive work will run, close it here
            }
        }
        playout.close();
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
