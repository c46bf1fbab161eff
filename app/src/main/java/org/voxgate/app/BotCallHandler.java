package org.voxgate.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.admin.CallRefusedException;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.cost.PricingTable;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.CallHandler;
import org.voxgate.sip.CallSummary;
import org.voxgate.sip.EndReason;
import org.voxgate.sip.InviteDecision;
import org.voxgate.sip.InviteRequest;
import org.voxgate.sip.ReferProgress;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.Trunk;

/**
 * Where SIP meets the pipeline: routes each INVITE to a bot (the dialled name if a bot has it,
 * otherwise the default bot), starts the bot when the call is confirmed with its
 * {@link CallTelemetry}, stops it and records the call when it ends, with its outcome, cost and
 * latency figures.
 *
 * <p>Threading: called on SIP worker virtual threads, concurrently for different calls; the
 * session map is concurrent.
 */
final class BotCallHandler implements CallHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BotCallHandler.class);

    private final Map<String, Bot> bots;
    private final String defaultBot;
    private final CallRecordWriter writer;
    /** One counter per end reason, all registered up front so dashboards see the full set. */
    private final Map<EndReason, Counter> endedByReason = new EnumMap<>(EndReason.class);
    private final CallMediaMetrics mediaMetrics;
    private final Clock clock;
    private final Map<String, BotSession> sessions = new ConcurrentHashMap<>();
    private volatile CallerContexts callerContexts;
    /** Answered calls that have a bot, for transfers through the API; removed when the bot leaves. */
    private final Map<String, LiveCall> live = new ConcurrentHashMap<>();

    private record LiveCall(ActiveCall call, CallEventLog events) {}
    private final CallTransfers transfers;
    private CallRouter router;
    private TrunkLimits limits;
    private Function<String, Optional<Trunk>> trunks;
    private CallRecordings recordings;
    private CodecPreferences codecs = CodecPreferences.DEFAULT;
    private final ConversationMetrics conversationMetrics;
    private final Map<String, CallTelemetry> telemetry = new ConcurrentHashMap<>();
    private volatile PricingTable prices = PricingTable.defaults();
    private PostCallReviews reviews;
    private final CallDeadlines deadlines;
    private StoredBots stored;
    private volatile CampaignCalls campaignCalls;
    /** Answered calls not yet ended: a bot started late (after AMD) on an ended call is stopped at once. */
    private final java.util.Set<String> up = ConcurrentHashMap.newKeySet();
    private volatile CampaignAmd campaignAmd;
    /** The bot (and stored version) each call runs, from routing until the call ends. */
    private final Map<String, Chosen> chosen = new ConcurrentHashMap<>();

    /** A bot picked for a call; {@code version} is null for bots that are not stored. */
    private record Chosen(Bot bot, Integer version) {}

    BotCallHandler(List<Bot> bots, String defaultBot, CallRecordWriter writer, MeterRegistry metrics, Clock clock,
            CallTransfers transfers) {
        this.bots = bots.stream().collect(Collectors.toUnmodifiableMap(b -> b.name().toLowerCase(Locale.ROOT), Function.identity()));
        if (!this.bots.containsKey(defaultBot.toLowerCase(Locale.ROOT))) {
            throw new ConfigException("bots.default names an unknown bot '" + defaultBot + "'; known: " + this.bots.keySet());
        }
        this.defaultBot = defaultBot.toLowerCase(Locale.ROOT);
        this.writer = writer;
        this.clock = clock;
        this.transfers = transfers;
        this.deadlines = new CallDeadlines(clock);
        this.mediaMetrics = new CallMediaMetrics(metrics);
        this.conversationMetrics = new ConversationMetrics(metrics);
        for (EndReason reason : EndReason.values()) {
            endedByReason.put(reason, Counter.builder("voxgate.calls.ended").description("Calls ended, by reason")
                    .tag("reason", reason.code()).register(metrics));
        }
    }

    /**
     * Routes through the numbers table and enforces trunk limits; call once before the SIP
     * server starts. Without it every call goes to the dialled bot or the default bot.
     */
    void useRouting(CallRouter router, TrunkLimits limits,
            Function<String, Optional<Trunk>> trunks) {
        this.router = router;
        this.limits = limits;
        this.trunks = trunks;
    }

    /** Records the calls of the bots {@code recordings} is configured for; call once before the SIP server starts. */
    void useRecordings(CallRecordings recordings) {
        this.recordings = recordings;
    }

    /** The codec orders calls are answered with; call once before the SIP server starts. */
    void useCodecs(CodecPreferences codecs) {
        this.codecs = codecs;
    }

    /** The prices calls' provider usage is costed with; call once before the SIP server starts. */
    void usePricing(PricingTable prices) {
        this.prices = prices;
    }

    /**
     * Reviews the calls of the bots that have a reviewer, after their record is written; call
     * once before the SIP server starts. Reviews run on virtual threads.
     */
    void useReviews(Map<String, PostCallReviews.Reviewer> reviewers) {
        this.reviews = new PostCallReviews(reviewers, writer, clock, Thread.ofVirtual().name("review-", 0).factory(),
                conversationMetrics::reviewed);
    }

    /**
     * Gives each bot what is known about its caller ({@link org.voxgate.pipeline.CallContext#callerContext()});
     * call once before the SIP server starts. Without it bots get no caller context.
     */
    void useCallerContexts(CallerContexts contexts) {
        this.callerContexts = contexts;
    }

    /**
     * Campaign attempts: their calls get answering-machine detection before the bot when the
     * campaign asks for it, and their ends are handed to the campaign. Call once at start.
     */
    void useCampaigns(CampaignCalls calls, CampaignAmd amd) {
        this.campaignCalls = calls;
        this.campaignAmd = amd;
    }

    /** The codec orders in force (for calls we place, too). */
    CodecPreferences codecs() {
        return codecs;
    }

    /**
     * Also routes calls to the bots kept in the store (after the built-in and
     * {@code bots.agents} bots, whose names win); call once before the SIP server starts.
     */
    void useStoredBots(StoredBots stored) {
        this.stored = stored;
    }

    /** Whether a built-in or {@code bots.agents} bot has this name (case-insensitive). */
    boolean builtIn(String name) {
        return name != null && bots.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a bot of this name exists (case-insensitive), built in or stored. */
    boolean hasBot(String name) {
        return builtIn(name) || (stored != null && stored.exists(name));
    }

    /** The bot of this name (case-insensitive), if there is one; a stored bot at its current version. */
    Optional<Bot> bot(String name) {
        return resolve(name).map(Chosen::bot);
    }

    private Optional<Chosen> resolve(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Bot builtIn = bots.get(name.toLowerCase(Locale.ROOT));
        if (builtIn != null) {
            return Optional.of(new Chosen(builtIn, null));
        }
        return stored == null ? Optional.empty()
                : stored.current(name).map(r -> new Chosen(r.bot(), r.version()));
    }

    /** The node's default bot. */
    String defaultBot() { return defaultBot; }

    @Override
    public InviteDecision onInvite(InviteRequest invite) {
        String bot;
        Chosen picked;
        String trunk = invite.trunk();
        if (router == null) {
            String dialled = invite.dialled().toLowerCase(Locale.ROOT);
            picked = resolve(dialled).orElse(null);
            bot = picked != null ? dialled : defaultBot;
            if (picked == null) {
                picked = resolve(defaultBot).orElseThrow();
            }
        } else {
            CallRouter.Route route = router.route(invite.principal(), invite.dialled(), invite.to());
            if (route instanceof CallRouter.Route.Refuse refuse) {
                LOG.info("no route: {}", refuse.reason());
                return InviteDecision.reject(refuse.status(), refuse.reason());
            }
            CallRouter.Route.ToBot to = (CallRouter.Route.ToBot) route;
            bot = to.bot().toLowerCase(Locale.ROOT);
            picked = resolve(bot).orElse(null);
            if (picked == null) {
                LOG.warn("route by {} names unknown bot {}: 404", to.how(), bot);
                return InviteDecision.reject(404, "bot " + bot + " does not exist");
            }
            LOG.info("routed by {} to bot {}", to.how(), bot);
            if (trunk != null) {
                Optional<TrunkLimits.Refusal> refusal = trunks.apply(trunk)
                        .flatMap(t -> limits.acquire(t, invite.callId(), false));
                if (refusal.isPresent()) {
                    LOG.warn("refusing: {}", refusal.get().reason());
                    return InviteDecision.reject(503, refusal.get().reason());
                }
            }
        }
        chosen.put(invite.callId(), picked);
        writer.callUpdated(new CallRecord(invite.callId(), "inbound", invite.from(), invite.dialled(), bot,
                invite.receivedAt(), null, null, null, null, List.of(), null, trunk, null).withBotVersion(picked.version()));
        List<String> trunkCodecs = trunk == null || trunks == null ? null
                : trunks.apply(trunk).map(Trunk::codecs).orElse(null);
        return InviteDecision.accept(bot, codecs.choose(bot, trunkCodecs));
    }

    @Override
    public void onEarlyMedia(ActiveCall call) {
        // The offline bots cannot listen without speaking yet; answering-machine detection
        // would start here on call.media().
        LOG.info("early media on the call to {}; bot {} waits for the answer", call.to(), call.bot());
    }

    @Override
    public void onAnswered(ActiveCall call) {
        up.add(call.callId());
        CallEventLog events = new CallEventLog(call.callId(), writer, clock);
        events.record("answered", Map.of());
        call.media().setDtmfObserver(events); // every digit of the call, whoever listens to them
        if (transfers.onAnswered(call)) {
            return; // the second call of a transfer: joined to its caller, no bot of its own
        }
        CampaignCalls campaign = campaignCalls;
        CampaignCall attempt = campaign == null ? null : campaign.find(call.callId()).orElse(null);
        if (attempt != null && attempt.campaign().settings().amd().enabled() && campaignAmd != null) {
            campaignAmd.check(call, attempt, events, () -> startBot(call, events));
            return;
        }
        startBot(call, events);
    }

    /** Opens the call's bot: at once, or for a campaign call once AMD found a person. */
    private void startBot(ActiveCall call, CallEventLog events) {
        if (!up.contains(call.callId())) {
            return; // ended while AMD listened
        }
        // Inbound calls run the version routed to at INVITE; calls we placed are resolved now.
        Chosen picked = chosen.computeIfAbsent(call.callId(), id -> resolve(call.bot()).orElse(null));
        if (picked == null) {
            LOG.warn("bot {} of call {} no longer exists; the call gets no bot", call.bot(), call.callId());
            return;
        }
        Bot bot = picked.bot();
        CallRules rules = bot instanceof SkillbaseBot skillbase ? skillbase.rules() : CallRules.NONE;
        if (recordings != null) {
            recordings.start(call.callId(), bot.name(), call.media(), rules.recorded());
        }
        if (rules.maxDuration() != null) {
            deadlines.watch(call.callId(), rules.maxDuration(), () -> {
                LOG.info("call reached bot {}'s longest length of {} s: ending it", bot.name(),
                        rules.maxDuration().toSeconds());
                call.hangup(EndReason.MAX_DURATION);
            });
        }
        CallTelemetry calls = new CallTelemetry(clock, prices, conversationMetrics);
        telemetry.put(call.callId(), calls);
        CallerContexts known = callerContexts;
        String callerContext = known == null ? "" : known.forCall(call);
        BotSession session = bot.open(new BotCallContext(call, writer, clock, transfers, calls, callerContext));
        sessions.put(call.callId(), session);
        live.put(call.callId(), new LiveCall(call, events));
        if (!up.contains(call.callId()) && sessions.remove(call.callId(), session)) {
            // the call ended while the bot was opening: undo what onEnded already cleaned up
            live.remove(call.callId());
            session.stop();
            telemetry.remove(call.callId());
            chosen.remove(call.callId());
            deadlines.forget(call.callId());
            if (recordings != null) {
                recordings.stop(call.callId());
            }
            return;
        }
        LOG.info("bot {} started", bot.name());
    }

    @Override
    public void onEnded(CallSummary summary) {
        up.remove(summary.callId());
        deadlines.forget(summary.callId());
        live.remove(summary.callId());
        BotSession session = sessions.remove(summary.callId());
        if (session != null) {
            session.stop();
        }
        if (recordings != null) {
            recordings.stop(summary.callId());
        }
        if (limits != null) {
            limits.release(summary.callId());
        }
        // after the bot stopped, so the usage it reports on the way out is counted
        CallTelemetry calls = telemetry.remove(summary.callId());
        CallTelemetry.Ending ending = calls == null ? CallTelemetry.withoutBot(summary) : calls.end(summary);
        CallRecord record = new CallRecord(summary.callId(), summary.direction(), summary.from(), summary.to(),
                summary.bot() == null ? "" : summary.bot(), summary.invitedAt(), summary.answeredAt(), summary.endedAt(),
                summary.endReason().code(), summary.codec(), List.of(),
                summary.outcome() == null ? null : summary.outcome().name(), summary.trunk(), summary.sipStatus(),
                CallMediaMetrics.toRecord(summary.media()), ending.analysis(), null);
        Chosen ran = chosen.remove(summary.callId());
        if (ran != null && ran.version() != null) {
            record = record.withBotVersion(ran.version());
        }
        writer.callUpdated(record);
        if (reviews != null && calls != null) {
            reviews.start(record, calls.transcript(), prices); // after the record is queued; never waited for
        }
        conversationMetrics.callEnded(ending.outcome(), ending.latency(), ending.cost());
        CampaignCalls campaign = campaignCalls;
        if (campaign != null) {
            campaign.ended(summary, ending.outcome());
        }
        endedByReason.get(summary.endReason()).increment();
        mediaMetrics.record(summary.media());
        transfers.onEnded(summary);
    }

    @Override
    public void onReferred(ActiveCall call, String referToUri, ReferProgress progress) {
        transfers.onReferred(call, referToUri, progress);
    }

    /**
     * Ends the calls that have outlasted their bot's {@code maxCallSeconds} (reason
     * {@code max_duration}); the node runs this every second. Returns how many were ended.
     */
    int endOverdueCalls() {
        return deadlines.endOverdue();
    }

    /** Stops a call's bot, for a caller who is being joined to a person. */
    void stopBot(String callId) {
        live.remove(callId);
        BotSession session = sessions.remove(callId);
        if (session != null) {
            session.stop();
            LOG.info("bot stopped: the caller is joined to a person");
        }
    }

    /**
     * Transfers a bot's caller on an operator's request (see {@link org.voxgate.admin.CallControl#transfer}).
     * The request and a later failure are recorded as the call's events {@code transfer_requested}
     * and {@code transfer_failed}.
     */
    void transfer(String callId, String target, boolean warm) throws CallRefusedException {
        LiveCall c = live.get(callId);
        if (c == null) {
            throw new CallRefusedException(404, "id", "no call " + callId + " in progress with a bot");
        }
        c.events().record("transfer_requested", Map.of("target", target == null ? "operator" : target,
                "mode", warm ? "warm" : "blind", "by", "api"));
        ApiTransferListener immediate = new ApiTransferListener(c.events());
        transfers.transfer(c.call(), new TransferRequest(target, warm, immediate));
        String failure = immediate.returned();
        if (failure != null) {
            throw new CallRefusedException(409, "target", "transfer failed: " + failure);
        }
    }

    /** Records an event on a call in progress with a bot; forgotten when the call has ended. */
    void recordEvent(String callId, String kind, Map<String, String> detail) {
        LiveCall c = live.get(callId);
        if (c != null) {
            c.events().record(kind, detail);
        }
    }
}
