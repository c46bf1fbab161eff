package org.voxgate.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.security.SecureRandom;
import org.voxgate.admin.AdminKeyBootstrap;
import org.voxgate.admin.AdminServer;
import org.voxgate.admin.BotsApi;
import org.voxgate.admin.CallerProfilesApi;
import org.voxgate.admin.BookingsApi;
import org.voxgate.admin.CampaignsApi;
import org.voxgate.admin.DoNotCallApi;
import org.voxgate.admin.Telephony;
import org.voxgate.admin.TrunkLiveState;
import org.voxgate.sip.TrunkHealth;
import org.voxgate.sip.auth.DigestAlgorithm;
import org.voxgate.sip.auth.CredentialLookup;
import org.voxgate.sip.auth.DigestVerifier;
import org.voxgate.sip.location.Binding;
import org.voxgate.media.MediaEngine;
import org.voxgate.media.MediaException;
import org.voxgate.media.RtpMediaEngine;
import org.voxgate.media.audiosocket.AudioSocketServer;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.offline.OfflineBots;
import org.voxgate.sip.RegistrarServices;
import org.voxgate.sip.SipServer;
import org.voxgate.sip.SipTarget;
import org.voxgate.sip.auth.DigestVerifier;
import org.voxgate.sip.location.LocationService;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.CallerProfileRepository;
import org.voxgate.store.Store;

/**
 * The composition root of one node: builds every module from its config, starts them in
 * dependency order, and stops them in reverse so calls in progress are ended and recorded.
 *
 * <p>Threading: {@link #start} once from main; {@link #close} once, from the shutdown hook.
 */
final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final VoxgateConfig config;
    private final Clock clock = Clock.systemUTC();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** How stale the trunk table seen by INVITEs may be; API writes refresh it at once. */
    private static final long TRUNK_CACHE_MILLIS = 5_000;

    private Store store;
    private CallRecordWriter writer;
    private MediaEngine media;
    private SipServer sip;
    private AdminServer admin;
    private LocationService location;
    private CallRecordings recordings;
    private ScheduledExecutorService recordingSweeps;
    /** Ends calls past their bot's maxCallSeconds; a second's lateness is fine for a limit in minutes. */
    private ScheduledExecutorService callDeadlines;
    private AudioSocketServer audioSocket;
    private AudioSocketCalls audioSocketCalls;
    private TaskCompleter campaignTasks;
    private CampaignLeases campaignLeases;
    private CampaignDialer campaignDialer;
    /** Calling windows, dates and retry delays run on it (real time unless campaigns.clock.* say otherwise). */
    private Clock campaignClock;
    private CampaignCalls campaignCalls;

    Node(VoxgateConfig config) {
        this.config = config;
    }

    void start() {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new ConfigException("data-dir " + config.dataDir() + " cannot be created: " + e.getMessage(), e);
        }
        store = Store.open(config.store());
        writer = new CallRecordWriter(store.calls(), config.dataDir().resolve("journal"), clock);
        try {
            media = new RtpMediaEngine(config.media(), clock).start();
            // libopus now, so a platform without it stops start-up instead of an Opus call
            org.voxgate.media.codec.AudioCodecs.preload();
        } catch (MediaException e) {
            throw new IllegalStateException("RTP could not start (rtp.*): " + e.getMessage(), e);
        }
        OfflineBots offline = OfflineBots.create(config.offlineBots(),
                Thread.ofVirtual().name("bot-", 0).factory());
        List<Bot> bots = new java.util.ArrayList<>(offline.bots());
        ProviderCatalog catalog = new ProviderCatalog(config.providers(), System.getenv(), metrics, config.offlineBots());
        AgentTools agentTools = new AgentTools(new StoreAppointmentCalendar(store.bookings(), clock), catalog::environment);
        bots.addAll(AgentBots.build(config.agents(), bots, metrics, catalog, agentTools));
        CallTransfers transfers = new CallTransfers(config.operator(),
                user -> location != null && !location.lookupUser(user).isEmpty(), offline.synthesizer(),
                Thread.ofVirtual().name("transfer-", 0).factory());
        BotCallHandler handler = new BotCallHandler(bots, config.defaultBot(), writer, metrics, clock, transfers);
        SkillbaseBots skillbases = new SkillbaseBots(new AgentBuilder(catalog, metrics, agentTools), offline, metrics,
                handler::recordEvent);
        handler.useStoredBots(new StoredBots(store.bots(), v -> skillbases.build(v.document(), v.version())));
        BotCatalog botCatalog = new BotCatalog(store.bots(), new SkillbaseValidator(), handler::builtIn);
        BotExamples.loadIfFirstStart(config.botExamples(), store.bots(), botCatalog);
        startRecordings(handler);
        callDeadlines = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("call-deadlines").factory());
        callDeadlines.scheduleAtFixedRate(handler::endOverdueCalls, 1, 1, TimeUnit.SECONDS);
        handler.useCodecs(config.codecs());
        handler.usePricing(config.pricing());
        handler.useReviews(AgentReviewers.build(config.agents(), catalog, config.review()));
        CallerProfileRepository callerProfiles = new CallerProfileRepository(store.dataSource());
        handler.useCallerContexts(new CallerContexts(callerProfiles, config.defaultRegion(), clock));
        TrunkCache trunks = new TrunkCache(store.trunks(), clock, TRUNK_CACHE_MILLIS);
        TrunkLimits limits = new TrunkLimits(clock);
        handler.useRouting(new CallRouter(handler::hasBot, store.numbers()::find, trunks::find, config.defaultRegion(),
                config.defaultBot(), config.unknownNumberToDefaultBot()), limits, trunks::find);
        // One verifier for REGISTER and INVITE (shared nonces); SIP users first, then trunks' inbound credentials.
        StoreCredentialLookup credentials = new StoreCredentialLookup(store.sipUsers(), clock);
        DigestVerifier digest = new DigestVerifier(config.realm(), config.nonceLifetime(),
                DigestVerifier.DEFAULT_TRACKED_NONCES, CredentialLookup.firstOf(
                        credentials, new TrunkCredentialLookup(trunks, config.realm())),
                clock, new SecureRandom(), config.digestAlgorithms());
        location = new LocationService(new StoreLocationStore(store.registrations()), config.realm(),
                config.registrar().maxContactsPerAor(), clock);
        LOG.info("registrar: realm {}, {} binding(s) restored from the store", config.realm(), location.restore());
        sip = SipServer.builder(config.sip(), media, handler, metrics, clock)
                .dialog(config.sipDialog())
                .carrier(config.carrier())
                .trunks(new StoreTrunkDirectory(trunks))
                .registrar(new RegistrarServices(config.registrar(), digest, location))
                .build();
        sip.start();
        LocationService registered = location;
        OutboundCallService outbound = new OutboundCallService(sip, store.trunks(), handler, limits, writer,
                user -> registered.lookupUser(user).stream()
                        .map(b -> b.behindNat() ? SipTarget.via(b.contact(), b.target()) : SipTarget.of(b.contact()))
                        .toList(),
                config.carrier().ringTimeout(), config.sip().advertisedHost(), clock);
        transfers.attach(outbound, handler::stopBot);
        prepareCampaigns(handler, offline, catalog);
        String realm = config.realm();
        Telephony telephony = new Telephony(store.trunks(), store.numbers(), outbound,
                name -> liveState(name, limits),
                (user, password) -> new String[] {DigestAlgorithm.MD5.ha1(user, realm, password),
                        DigestAlgorithm.SHA_256.ha1(user, realm, password)},
                handler::hasBot, config.defaultRegion(), trunks::invalidate);
        admin = new AdminServer(config.http(), store.calls(), new NodeHealth(sip, media, store), metrics,
                store.sipUsers(), store.registrations(), config.realm(), clock, telephony);
        admin.notifySipUserChanges(new RegistrarUserEvents(credentials, location));
        admin.serveRecordings(recordings);
        admin.add(new BotsApi(botCatalog));
        admin.add(new CallerProfilesApi(callerProfiles, config.defaultRegion(), clock));
        admin.add(new BookingsApi(store.bookings(), clock));
        admin.add(new CampaignsApi(store, handler::hasBot, trunks::find, config.defaultRegion(), clock, campaignClock));
        admin.add(new DoNotCallApi(store.doNotCall(), config.defaultRegion(), clock));
        admin.useApiKeys(store.apiKeys(), clock);
        ensureAdminKey();
        admin.start();
        startAudioSocket(handler);
        startCampaigns(outbound, trunks);
        registerMeters();
        long sinceLaunch = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        LOG.info("Voxgate ready in {} ms: SIP {}:{} ({}), RTP {}-{}, HTTP {}:{}, store {}", sinceLaunch,
                config.sip().advertisedHost(), config.sip().port(), String.join("/", config.sip().transports()),
                config.media().portMin(), config.media().portMax(), config.http().bindAddress(), admin.port(),
                config.store().jdbcUrl().startsWith("jdbc:h2:") ? "embedded H2" : "PostgreSQL");
    }

    /**
     * Makes the API reachable: VOXGATE_ADMIN_KEY becomes an admin key, or a first one is
     * generated and printed. The key goes to stdout only (not through the logger, whose files
     * and shippers keep it), and only this once.
     */
    private void ensureAdminKey() {
        java.util.Optional<String> generated;
        try {
            generated = AdminKeyBootstrap.ensureAdminKey(store.apiKeys(), System.getenv(AdminKeyBootstrap.ENV),
                    clock, new SecureRandom());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        generated.ifPresent(key -> {
            String rule = "=".repeat(72);
            System.out.println(rule + "\nVoxgate admin API key (shown once, keep it; send it as"
                    + " Authorization: Bearer <key>):\n\n    " + key + "\n\n" + rule);
            System.out.flush();
            LOG.warn("No admin API key existed: one was generated and printed to standard output above."
                    + " It is shown only this once; set {} or create keys through /api/keys", AdminKeyBootstrap.ENV);
        });
    }

    /** Repairs what the last run left open, sweeps old recordings now and daily, and records bots' calls. */
    private void startRecordings(BotCallHandler handler) {
        RecordingConfig rc = config.recording();
        for (String bot : rc.bots()) {
            if (!handler.hasBot(bot)) {
                throw new ConfigException("recording.bots names an unknown bot '" + bot + "' (VOXGATE_RECORDING_BOTS)");
            }
        }
        recordings = new CallRecordings(rc, Thread.ofVirtual().name("recording-", 0).factory());
        RecordingRetention retention = new RecordingRetention(rc.directory(), rc.retention(), clock);
        retention.repairUnfinished();
        retention.sweep();
        recordingSweeps = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("recording-retention").factory());
        recordingSweeps.scheduleAtFixedRate(retention::sweep, 1, 1, TimeUnit.DAYS);
        handler.useRecordings(recordings);
        LOG.info("recording: {} to {}, kept {} days", rc.enabled() ? "every call"
                : rc.bots().isEmpty() ? "off" : "calls to " + rc.bots(), rc.directory(), rc.retention().toDays());
    }

    /** Campaign attempts' ends and AMD reach the call handler; before the SIP server takes calls. */
    private void prepareCampaigns(BotCallHandler handler, OfflineBots offline, ProviderCatalog catalog) {
        CampaignsConfig cc = config.campaigns();
        campaignClock = CampaignClock.of(cc, clock);
        if (campaignClock != clock) {
            LOG.warn("campaigns run on a rehearsal clock: {} (speed {})", campaignClock.instant(), cc.clockSpeed());
        }
        campaignTasks = new TaskCompleter(store.callTasks(), clock);
        CampaignMetrics campaignMetrics = new CampaignMetrics(metrics);
        campaignCalls = new CampaignCalls(cc.nodeId(), campaignTasks, campaignClock, campaignMetrics);
        handler.useCampaigns(campaignCalls, new CampaignAmd(org.voxgate.pipeline.amd.AmdConfig.DEFAULTS,
                offline.synthesizer(), Thread.ofVirtual().name("amd-", 0).factory(),
                new AmdClassifiers(cc.amdClassifiers(), catalog), campaignMetrics));
    }

    /** Ends what this node left dialling, then dials its share of the running campaigns. */
    private void startCampaigns(OutboundCallService outbound, TrunkCache trunks) {
        CampaignsConfig cc = config.campaigns();
        if (!cc.enabled()) {
            LOG.info("campaigns: this node does not dial (campaigns.enabled is false)");
            return;
        }
        campaignLeases = new CampaignLeases(cc, store.campaigns(), store.campaignContacts(), store.callTasks(),
                campaignCalls, campaignTasks, clock, campaignClock);
        campaignLeases.start();
        SipServer server = sip;
        campaignDialer = new CampaignDialer(cc, store.campaigns(), store.callTasks(), campaignCalls, outbound, trunks,
                server::activeCalls, config.sipDialog().overload().maxCalls(), clock, campaignClock);
        campaignCalls.onEnded(campaignDialer::callEnded);
        campaignDialer.start();
    }

    /** When audiosocket.enabled: accepts Asterisk AudioSocket connections and runs the configured bot on each. */
    private void startAudioSocket(BotCallHandler handler) {
        AudioSocketConfig ac = config.audioSocket();
        if (!ac.enabled()) {
            return;
        }
        String name = ac.bot().isEmpty() ? config.defaultBot() : ac.bot();
        Bot bot = handler.bot(name).orElseThrow(() -> new ConfigException("audiosocket.bot names an unknown bot '"
                + name + "' (VOXGATE_AUDIOSOCKET_BOT)"));
        audioSocketCalls = new AudioSocketCalls(bot, writer, clock);
        try {
            audioSocket = new AudioSocketServer(ac.bindAddress(), ac.port(), audioSocketCalls).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("AudioSocket could not listen on " + ac.bindAddress() + ":" + ac.port()
                    + " (audiosocket.*): " + e.getMessage(), e);
        }
        LOG.info("AudioSocket: bot {} on {}:{}", bot.name(), ac.bindAddress(), audioSocket.port());
    }

    private TrunkLiveState liveState(String trunk, TrunkLimits limits) {
        TrunkHealth h = sip.trunkHealth(trunk);
        return new TrunkLiveState(h.options(), h.lastOptionsStatus(), h.lastOptionsAt(), h.registration(),
                h.lastRegisterStatus(), h.registeredUntil(), limits.active(trunk));
    }

    private void registerMeters() {
        Gauge.builder("voxgate.calls.active", sip, SipServer::activeCalls)
                .description("Calls held now, ringing or answered").register(metrics);
        Gauge.builder("voxgate.rtp.ports.allocated", media, MediaEngine::allocatedPorts)
                .description("RTP and RTCP ports bound now").register(metrics);
        FunctionCounter.builder("voxgate.rtp.packets", media, MediaEngine::packetsIn)
                .description("RTP packets").tag("direction", "in").register(metrics);
        FunctionCounter.builder("voxgate.rtp.packets", media, MediaEngine::packetsOut)
                .description("RTP packets").tag("direction", "out").register(metrics);
        Gauge.builder("voxgate.registrations.active", location, l -> l.liveBindings().values().stream()
                        .mapToInt(java.util.List::size).sum())
                .description("Live registered contacts").register(metrics);
        Gauge.builder("voxgate.recordings.active", recordings, CallRecordings::active)
                .description("Calls being recorded now").register(metrics);
        FunctionCounter.builder("voxgate.recording.frames.dropped", recordings, CallRecordings::droppedFrames)
                .description("20 ms frames left out of recordings because the disk fell behind").register(metrics);
        Gauge.builder("voxgate.store.pending.writes", writer, CallRecordWriter::pending)
                .description("Call record writes waiting for the store").register(metrics);
        Gauge.builder("voxgate.campaign.calls.active", campaignCalls, CampaignCalls::size)
                .description("Campaign calls this node has up now").register(metrics);
        Gauge.builder("voxgate.campaign.pending.writes", campaignTasks, TaskCompleter::pending)
                .description("Ends of campaign attempts waiting for the store").register(metrics);
    }

    /** Ends calls with BYE, records them, then stops the rest. Safe to call more than once. */
    @Override
    public synchronized void close() {
        LOG.info("Voxgate shutting down");
        if (audioSocketCalls != null) {
            audioSocketCalls.shuttingDown();
        }
        closeQuietly(campaignDialer); // no new attempts; the calls up are ended and recorded below
        closeQuietly(audioSocket);
        closeQuietly(sip);
        closeQuietly(admin);
        closeQuietly(media);
        closeQuietly(recordings);
        if (recordingSweeps != null) {
            recordingSweeps.shutdownNow();
        }
        if (callDeadlines != null) {
            callDeadlines.shutdownNow();
        }
        closeQuietly(campaignLeases);
        closeQuietly(campaignTasks); // the attempts the closing calls ended, written before the store closes
        if (writer != null) {
            writer.flush(Duration.ofSeconds(5));
        }
        closeQuietly(writer);
        closeQuietly(store);
        audioSocket = null;
        campaignDialer = null;
        campaignLeases = null;
        campaignTasks = null;
        sip = null;
        admin = null;
        media = null;
        recordings = null;
        recordingSweeps = null;
        callDeadlines = null;
        writer = null;
        store = null;
        LOG.info("Voxgate stopped");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("error while stopping {}: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
