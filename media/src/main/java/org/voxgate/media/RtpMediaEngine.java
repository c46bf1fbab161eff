package org.voxgate.media;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTP {@link MediaEngine}: G.711 over UDP on Netty NIO, one port pair per call from the
 * configured range, and one shared 20 ms pacer for every session.
 *
 * <p>Lifecycle: construct, then call {@link #start()} once (it starts the event loop threads,
 * test-binds the bind address and starts the pacer); {@link #open} before {@code start()}
 * fails. {@link #close()} closes every open session and stops the threads.
 *
 * <p>Threading: every public method is thread-safe. {@link #open}, {@link #close()} and
 * {@link MediaSession#close()} wait briefly for sockets to bind or close, so call them from
 * application threads (SIP handlers, virtual threads), not from inside media listeners, where
 * {@code open} would fail and {@code close} returns without waiting. Listeners run on the
 * engine's event loop threads: the inbound audio and DTMF listeners on the session's socket
 * thread, the timeout listener on the pacer thread.
 *
 * <p>SDP offer/answer is done by {@link OfferAnswer}; this class owns sockets, ports, the
 * pacer and the set of open sessions.
 *
 * <p>The injected {@link Clock} times the media timeout (so tests can advance it); pacing uses
 * {@link System#nanoTime()}, which a wall clock must never drive.
 */
public final class RtpMediaEngine implements MediaEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RtpMediaEngine.class);
    private static final int DEFAULT_IO_THREADS = 2;

    private final MediaConfig config;
    private final Clock clock;
    private final int ioThreads;
    private final LongSupplier nanoTime = System::nanoTime;
    private final PortAllocator ports;
    private final SecureRandom random = new SecureRandom();
    private final OfferAnswer offerAnswer;
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final Object lock = new Object();

    private volatile RtpSession[] sessions = new RtpSession[0];
    private volatile boolean ready;
    private volatile boolean closed;
    private volatile EventLoopGroup group;
    private Pacer pacer;
    private InetAddress bindAddress;
    private InetAddress advertisedAddress;

    /** An engine with two I/O threads. Call {@link #start()} before use. */
    public RtpMediaEngine(MediaConfig config, Clock clock) {
        this(config, clock, DEFAULT_IO_THREADS);
    }

    /**
     * @param ioThreads event loop threads for all sockets and the pacer (1-2 serve hundreds of
     *     calls: per packet work is a parse, a copy and a table lookup per sample)
     */
    public RtpMediaEngine(MediaConfig config, Clock clock, int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be positive: " + ioThreads);
        }
        this.config = config;
        this.clock = clock;
        this.ioThreads = ioThreads;
        this.ports = new PortAllocator(config.portMin(), config.portMax());
        this.offerAnswer = new OfferAnswer(config.advertisedAddress(), random);
    }

    /**
     * Starts the event loops and the pacer, after checking that the bind address can be bound.
     * Idempotent.
     *
     * @return this engine
     * @throws MediaException when the addresses are unknown or the bind address cannot be bound
     */
    public RtpMediaEngine start() throws MediaException {
        synchronized (lock) {
            if (closed) {
                throw new MediaException("media engine is closed");
            }
            if (group != null) {
                return this;
            }
            bindAddress = resolve(config.bindAddress(), "bind address");
            advertisedAddress = resolve(config.advertisedAddress(), "advertised address");
            group = new MultiThreadIoEventLoopGroup(
                    ioThreads, new DefaultThreadFactory("voxgate-media"), NioIoHandler.newFactory());
            Channel probe = bind(0, new DatagramHandler("-", (content, sender) -> { }));
            if (probe == null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                group = null;
                throw new MediaException("cannot bind UDP on " + config.bindAddress());
            }
            probe.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            pacer = new Pacer(group.next(), nanoTime, this::tick);
            pacer.start();
            ready = true;
            LOG.info("media engine started on {} ports {}-{} ({} pairs), advertising {}",
                    config.bindAddress(), config.portMin(), config.portMax(), ports.pairCount(),
                    config.advertisedAddress());
            return this;
        }
    }

    @Override
    public MediaSession open(String callId) throws MediaException {
        EventLoopGroup g;
        synchronized (lock) {
            g = group;
        }
        if (g == null || closed) {
            throw new MediaException("media engine is not running");
        }
        for (int attempt = 0; attempt < ports.pairCount(); attempt++) {
            int port = ports.reserve();
            if (port < 0) {
                break;
            }
            RtpSession session = new RtpSession(this, callId, port,
                    new InetSocketAddress(advertisedAddress, port), clock,
                    config.mediaTimeout().toMillis(), random, config.jitterBufferMinMs(), config.jitterBufferMaxMs());
            Channel rtp = bind(port, new DatagramHandler(callId, session));
            // RTCP on the RTP socket's event loop, so both share the session's receive state
            Channel rtcp = rtp == null ? null
                    : bind(rtp.eventLoop(), port + 1, new DatagramHandler(callId, session::onRtcpDatagram));
            if (rtcp == null) {
                // someone else holds one of the two ports: leave the pair and try the next
                if (rtp != null) {
                    rtp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
                }
                ports.release(port);
                LOG.debug("port pair {}/{} busy, skipping", port, port + 1);
                continue;
            }
            session.attach(rtp, rtcp);
            register(session);
            if (closed) {
                session.close(); // raced with engine close
                throw new MediaException("media engine is closed");
            }
            CallLog.debug(LOG, callId, "opened RTP port pair {}/{}", port, port + 1);
            return session;
        }
        throw new MediaException("no free RTP port pair in " + config.portMin() + "-" + config.portMax());
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a session of this engine the answer also sets what the session does: it sends
     * only when the answered direction is sendrecv or sendonly and the offer's address is not
     * 0.0.0.0 (the old RFC 2543 hold), and watches the media timeout only when the call is
     * not on hold. Call it again for a re-INVITE or UPDATE (hold, resume); the {@code o=}
     * version then increases. A changed codec or remote address is applied by passing the
     * returned parameters to {@link MediaSession#update}.
     */
    @Override
    public SdpAnswer answer(String offerSdp, MediaSession session, List<Codec> preference) throws SdpException {
        return offerAnswer.answer(offerSdp, session, preference);
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a session of this engine the {@code o=} session id and version are the session's
     * own, so a later answer from {@link #answer} (re-INVITE) continues the same numbering.
     */
    @Override
    public String offer(MediaSession session, List<Codec> codecs) {
        return offerAnswer.offer(session, codecs);
    }

    @Override
    public String offer(MediaSession session) {
        return offerAnswer.reOffer(session);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The negotiator reads an answer like an offer: its codec, address and direction; the
     * direction it derives for our side is the one our offer now has (RFC 3264 6.1). An answer
     * saying recvonly means the peer only listens (we send and do not watch the media
     * timeout), sendonly means it only talks.
     */
    @Override
    public MediaParameters acceptAnswer(String answerSdp, MediaSession session) throws SdpException {
        return offerAnswer.acceptAnswer(answerSdp, session);
    }

    @Override
    public int activeSessions() {
        return sessions.length;
    }

    @Override
    public int allocatedPorts() {
        return 2 * ports.reservedPairs();
    }

    @Override
    public long packetsIn() {
        return packetsIn.sum();
    }

    @Override
    public long packetsOut() {
        return packetsOut.sum();
    }

    @Override
    public boolean isReady() {
        return ready && !closed && pacer.running(); // ready is written after pacer
    }

    @Override
    public void close() {
        EventLoopGroup g;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            ready = false;
            g = group;
        }
        for (RtpSession s : sessions) {
            s.close();
        }
        if (g != null) {
            pacer.stop();
            var done = g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (!onMediaThread()) {
                done.awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
        LOG.info("media engine closed: {} packets in, {} out", packetsIn.sum(), packetsOut.sum());
    }

    // ---------------------------------------------------------------- for sessions

    void countIn() { packetsIn.increment(); }

    void countOut() { packetsOut.increment(); }

    long nanoTime() { return nanoTime.getAsLong(); }

    /** The pacer's executor, or null before {@link #start()} (sessions then send on the tick only). */
    java.util.concurrent.ScheduledExecutorService pacerExecutor() {
        Pacer p = pacer; // written under the lock in start(), which open() synchronizes with
        return p == null ? null : p.executor();
    }

    void releasePort(int rtpPort) { ports.release(rtpPort); }

    void unregister(RtpSession session) {
        synchronized (lock) {
            RtpSession[] current = sessions;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == session) {
                    RtpSession[] next = new RtpSession[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    sessions = next;
                    return;
                }
            }
        }
    }

    /** True on one of this engine's event loop threads, where blocking waits must not happen. */
    boolean onMediaThread() {
        EventLoopGroup g = group;
        if (g == null) {
            return false;
        }
        for (EventExecutor e : g) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- internals

    private void register(RtpSession session) {
        synchronized (lock) {
            RtpSession[] current = sessions;
            RtpSession[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = session;
            sessions = next; // copy-on-write: the pacer iterates a snapshot without locking
        }
    }

    /** Runs every 20 ms on the pacer thread, for every session. */
    private void tick(long nowNanos) {
        for (RtpSession s : sessions) {
            try {
                s.onTick(nowNanos);
            } catch (RuntimeException e) {
                CallLog.warn(LOG, s.callId(), "session tick failed", e);
            }
        }
    }

    /** Binds one UDP socket; returns null when the port is taken or the bind fails. */
    private Channel bind(int port, ChannelHandler handler) {
        return bind(group, port, handler);
    }

    private Channel bind(EventLoopGroup loops, int port, ChannelHandler handler) {
        ChannelFuture f = new Bootstrap()
                .group(loops)
                .channel(NioDatagramChannel.class)
                .handler(handler)
                .bind(new InetSocketAddress(bindAddress, port))
                .awaitUninterruptibly();
        if (!f.isSuccess()) {
            LOG.debug("bind {}:{} failed: {}", bindAddress, port, String.valueOf(f.cause()));
            return null;
        }
        return f.channel();
    }

    private static InetAddress resolve(String address, String what) throws MediaException {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new MediaException("unknown " + what + ": " + address, e);
        }
    }
}
