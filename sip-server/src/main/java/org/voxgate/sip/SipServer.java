package org.voxgate.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.MediaEngine;
import org.voxgate.media.MediaException;
import org.voxgate.sip.auth.DigestVerifier;

/**
 * The SIP user agent server of one node: listens on UDP, TCP and/or TLS, answers INVITEs through
 * the {@link CallHandler}, and ends every call with BYE on shutdown.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each by the owner; the
 * query methods are thread-safe. Ownership: owns the SIP stack, its worker executor and its
 * timer thread; does not own the {@link MediaEngine} or the handler.
 */
public final class SipServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);

    private final SipConfig config;
    private final DialogConfig dialogConfig;
    private final MediaEngine media;
    private final CallHandler handler;
    private final SipMetrics metrics;
    private final Clock clock;
    private final RegistrarServices registrar;
    private final CallRegistry calls = new CallRegistry();
    private final MeterRegistry registry;
    private final CarrierConfig carrier;
    private final TrunkDirectory trunks;
    private final DigestVerifier verifier;
    private CarrierMonitor carriers;
    private OutboundDialer dialer;

    private SipStack stack;
    private SipContext context;
    private ExecutorService workers;
    private ScheduledExecutorService timers;
    private TlsKeyStore tlsKeyStore;
    private volatile boolean ready;

    /** A server without trunks or digest: every INVITE is refused with 403 (tests of other paths). */
    public SipServer(SipConfig config, MediaEngine media, CallHandler handler, MeterRegistry registry, Clock clock) {
        this(builder(config, media, handler, registry, clock));
    }

    private SipServer(Builder b) {
        this.config = b.config;
        this.dialogConfig = b.dialog;
        this.media = b.media;
        this.handler = b.handler;
        this.registry = b.registry;
        this.metrics = new SipMetrics(b.registry);
        this.clock = b.clock;
        this.registrar = b.registrar;
        this.carrier = b.carrier;
        this.trunks = b.trunks;
        this.verifier = b.verifier != null ? b.verifier : b.registrar == null ? null : b.registrar.digest();
    }

    /**
     * A server with every optional part at its default: no registrar, no trunks, no digest
     * verifier (so every INVITE is refused with 403), default session timers, TLS and limits.
     * Set the parts a node has, then {@link Builder#build()}.
     */
    public static Builder builder(SipConfig config, MediaEngine media, CallHandler handler, MeterRegistry registry,
            Clock clock) {
        return new Builder(config, media, handler, registry, clock);
    }

    /**
     * The optional parts of a {@link SipServer}. Not thread-safe; use once, on one thread.
     */
    public static final class Builder {
        private final SipConfig config;
        private final MediaEngine media;
        private final CallHandler handler;
        private final MeterRegistry registry;
        private final Clock clock;
        private DialogConfig dialog = DialogConfig.defaults();
        private RegistrarServices registrar;
        private CarrierConfig carrier = CarrierConfig.defaults();
        private TrunkDirectory trunks = TrunkDirectory.NONE;
        private DigestVerifier verifier;

        private Builder(SipConfig config, MediaEngine media, CallHandler handler, MeterRegistry registry,
                Clock clock) {
            this.config = config;
            this.media = media;
            this.handler = handler;
            this.registry = registry;
            this.clock = clock;
        }

        /** Session timers, TLS and overload limits. */
        public Builder dialog(DialogConfig dialog) {
            this.dialog = dialog;
            return this;
        }

        /** Makes the server a registrar: REGISTER with digest, bindings, NAT keep-alives. */
        public Builder registrar(RegistrarServices registrar) {
            this.registrar = registrar;
            return this;
        }

        /** Keep-alive, carrier registration and outbound call settings. */
        public Builder carrier(CarrierConfig carrier) {
            this.carrier = carrier;
            return this;
        }

        /** Which trunk sent an INVITE, and which trunks to ping and register with. */
        public Builder trunks(TrunkDirectory trunks) {
            this.trunks = trunks;
            return this;
        }

        /**
         * The digest verifier for INVITEs from outside every trunk's sources. Unset means the
         * registrar's, so one node shares one nonce secret and replay table.
         */
        public Builder verifier(DigestVerifier verifier) {
            this.verifier = verifier;
            return this;
        }

        public SipServer build() {
            return new SipServer(this);
        }
    }

    /**
     * Creates the stack and binds every configured transport.
     *
     * @throws IllegalStateException naming the port when a transport cannot bind
     */
    public void start() {
        try {
            if (config.transports().contains("tls")) {
                tlsKeyStore = TlsKeyStore.fromPem(dialogConfig.tls());
            }
            stack = new SipStackImpl(stackProperties());
            List<ListeningPoint> points = new ArrayList<>();
            for (String transport : config.transports()) {
                int port = transport.equals("tls") ? dialogConfig.tls().port() : config.port();
                ListeningPoint point = stack.createListeningPoint(config.bindAddress(), port, transport);
                // Vias of requests we send (BYE) must name an address peers can reach.
                point.setSentBy(config.advertisedHost() + ":" + port);
                points.add(point);
            }
            SipProvider provider = stack.createSipProvider(points.get(0));
            for (ListeningPoint point : points.subList(1, points.size())) {
                provider.addListeningPoint(point);
            }
            workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sip-worker-", 0).factory());
            timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sip-timer").daemon().factory());
            context = new SipContext(config, provider, new MessageFactoryImpl(), new HeaderFactoryImpl(),
                    new AddressFactoryImpl(), media, handler, calls, metrics, clock, workers, timers, registrar,
                    dialogConfig, carrier, trunks, verifier);
            SipContext created = context;
            ((FlowRouter) stack.getRouter()).setFlows(
                    callId -> calls.find(callId).map(call -> call.dialog().flow()).orElse(created.legFlows.get(callId)));
            provider.addSipListener(new SipDispatcher(context));
            stack.start();
            if (registrar != null) {
                scheduleRegistrarChores(context);
            }
            dialer = new OutboundDialer(context);
            carriers = new CarrierMonitor(context, registry);
            carriers.start();
            ready = true;
            LOG.info("SIP listening on {}:{} ({}{}), advertising {}", config.bindAddress(), config.port(),
                    String.join(", ", config.transports()),
                    tlsKeyStore != null ? "; tls on " + dialogConfig.tls().port() : "", config.advertisedHost());
        } catch (Exception e) {
            close();
            throw new IllegalStateException("SIP could not start on " + config.bindAddress() + ":" + config.port()
                    + " (sip.port): " + e.getMessage(), e);
        }
    }

    private void scheduleRegistrarChores(SipContext sip) {
        long purge = registrar.config().purgeInterval().toMillis();
        timers.scheduleWithFixedDelay(() -> workers.execute(registrar.location()::purgeExpired),
                purge, purge, TimeUnit.MILLISECONDS);
        long keepAlive = registrar.config().keepAliveInterval().toMillis();
        if (keepAlive > 0) {
            NatKeepAlive keepAlives = new NatKeepAlive(sip, registrar.location());
            timers.scheduleWithFixedDelay(() -> workers.execute(keepAlives::sendAll), keepAlive, keepAlive,
                    TimeUnit.MILLISECONDS);
        }
    }

    private Properties stackProperties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "voxgate-" + config.port());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        // The listener only hands work off, so letting the stack call it concurrently is safe
        // and keeps one slow peer from delaying everyone else's messages.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "true");
        // in-dialog requests follow the caller's flow (NAT, connection reuse): see CallFlow
        p.setProperty("javax.sip.ROUTER_PATH", FlowRouter.class.getName());
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        if (tlsKeyStore != null) {
            p.setProperty("javax.net.ssl.keyStore", tlsKeyStore.file.toString());
            p.setProperty("javax.net.ssl.keyStorePassword", tlsKeyStore.password);
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            p.setProperty("javax.net.ssl.trustStore", tlsKeyStore.file.toString());
            p.setProperty("javax.net.ssl.trustStorePassword", tlsKeyStore.password);
            p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            // callers (phones, PBXs) rarely carry client certificates
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            // the stack's defaults name protocols and suites a current JDK refuses: use the JDK's
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", defaultCipherSuites()));
        }
        return p;
    }

    private static String[] defaultCipherSuites() {
        try {
            return javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context in this JVM", e);
        }
    }

    /** True once every transport is bound and the stack runs. */
    public boolean isReady() { return ready; }

    /** Calls held now (ringing or answered), both directions. */
    public int activeCalls() {
        SipContext c = context;
        return calls.size() + (c == null ? 0 : c.outbound.size());
    }

    /**
     * Places a call: INVITEs every target of {@code request} at once with an SDP offer from the
     * media layer; the {@link CallHandler} hears of early media, the answer (the bot starts as
     * for an inbound call) and the end, whose summary carries the {@link CallOutcome}.
     *
     * @return the call, already ringing; its {@link OutboundCall#callId()} keys its record
     * @throws MediaException when no RTP port pair is free
     * @throws IllegalArgumentException when a target's URI cannot be parsed
     * @throws IllegalStateException when the server is not running, or holds {@code sip.max-calls}
     *     calls (both directions) already; the message says which
     */
    public OutboundCall placeCall(OutboundCallRequest request) throws MediaException {
        OutboundDialer d = dialer;
        if (!ready || d == null) {
            throw new IllegalStateException("the SIP server is not running");
        }
        return d.place(request);
    }

    /** A call we placed that is still up, by its id. */
    public Optional<OutboundCall> outboundCall(String callId) {
        SipContext c = context;
        return c == null ? Optional.empty() : c.outbound.find(callId).map(call -> call);
    }

    /** The trunk's keep-alive and registration state (unknown before the first probe). */
    public TrunkHealth trunkHealth(String trunk) {
        CarrierMonitor m = carriers;
        return m == null ? TrunkHealth.unknown() : m.health(trunk);
    }

    /**
     * Ends every call with BYE (or 503 if still ringing), waits up to the configured grace
     * for the BYEs to be answered, then stops the stack. Idempotent.
     */
    @Override
    public void close() {
        ready = false;
        if (carriers != null) {
            carriers.close();
            carriers = null;
        }
        if (context != null) {
            for (OutboundSipCall call : context.outbound.snapshot()) {
                call.withCallId(() -> call.end(EndReason.SHUTDOWN,
                        call.isAnswered() ? CallOutcome.ANSWERED : CallOutcome.CANCELLED, null));
            }
            List<SipCall> held = calls.snapshot();
            if (!held.isEmpty()) {
                LOG.info("shutting down: ending {} call(s)", held.size());
            }
            for (SipCall call : held) {
                call.withCallId(() -> call.end(EndReason.SHUTDOWN));
            }
            awaitByes();
        }
        if (stack != null) {
            stopStack(stack);
            stack = null;
        }
        if (workers != null) {
            workers.shutdown();
            awaitQuietly(workers);
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        if (tlsKeyStore != null) {
            tlsKeyStore.close();
            tlsKeyStore = null;
        }
        context = null;
    }

    private void awaitByes() {
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (context.pendingByes.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the JAIN-SIP stack. Its UDP processor walks its list of channels while the channel
     * threads, already told to stop, take themselves off it, so {@code stop()} now and then
     * throws ConcurrentModificationException before it has stopped the processors after it
     * (TCP, TLS) and its timers. The UDP socket is closed by then; stopping again finishes the rest.
     */
    private static void stopStack(SipStack stack) {
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    LOG.warn("the SIP stack did not stop cleanly after {} attempts", attempt, e);
                    return;
                }
                LOG.debug("the SIP stack's stop was interrupted by its own threads; stopping again", e);
            }
        }
    }
}
