package org.voxgate.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.admin.CallRefusedException;
import org.voxgate.store.CallTaskRepository;
import org.voxgate.store.CallTaskRepository.ClaimResult;
import org.voxgate.store.Campaign;
import org.voxgate.store.CampaignRepository;
import org.voxgate.store.StoreException;
import org.voxgate.store.Trunk;

/**
 * Dials the node's share of every running campaign. Each turn of its loop looks at the
 * campaigns that are due and asks the store for their next task
 * ({@link CallTaskRepository#claim}): the store decides, under the campaign row's lock, whether
 * pacing (one start per 1/cps across all nodes), the concurrency cap and the calling windows
 * allow a call now, so several nodes dial one campaign without exceeding either cap and
 * without claiming one task twice ({@code FOR UPDATE SKIP LOCKED}). Before claiming, the node
 * checks its own room: it never takes the last {@code campaigns.reserved-inbound-calls} of
 * {@code sip.max-calls}, so callers still get through.
 *
 * <p>Threading: one platform thread of its own runs the loop (JDBC and the INVITE's hand-off
 * to the SIP stack, both short); {@link #wake} may be called from any thread (a call ended, a
 * campaign changed) to look again at once. Started by {@link #start}, stopped by {@link #close}.
 */
final class CampaignDialer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignDialer.class);
    /** How often the list of running campaigns is read again (new, paused, resumed ones). */
    private static final Duration REFRESH = Duration.ofSeconds(1);
    /**
     * The second a carrier counts calls in, as we count our sends: no more than cps sends in any
     * window this long. The 30 ms over a second absorb the difference between when an INVITE
     * leaves here and when the carrier's clock sees it arrive (loopback and a busy machine's
     * scheduling; a WAN link's jitter is of the same order), at the cost of 3 % of the rate.
     */
    static final Duration CARRIER_SECOND = Duration.ofMillis(1030);
    /** A step is retried this soon after a store error. */
    private static final Duration STORE_BACKOFF = Duration.ofSeconds(2);

    private final CampaignsConfig config;
    private final CampaignRepository campaigns;
    private final CallTaskRepository tasks;
    private final CampaignCalls calls;
    private final OutboundCallService outbound;
    private final TrunkCache trunks;
    private final IntSupplier activeCalls;
    private final int maxCalls;
    private final Clock real;
    private final Clock campaignClock;
    private final Semaphore wakeups = new Semaphore(0);
    /** Running campaigns by id and the real instant each is looked at next; the loop's own. */
    private final Map<String, Scheduled> due = new LinkedHashMap<>();
    /** Set when a call ended: campaigns waiting for room are looked at again at once. */
    private volatile boolean roomFreed;
    private volatile boolean running;
    private Thread loop;
    private Instant refreshedAt = Instant.EPOCH;

    /** @param waitingForRoom the last look found the campaign or the node at its call limit */
    private record Scheduled(Campaign campaign, CallingSchedule schedule, Instant next, boolean waitingForRoom) {
        Scheduled at(Instant when) {
            return new Scheduled(campaign, schedule, when, false);
        }

        Scheduled waitForRoom(Instant until) {
            return new Scheduled(campaign, schedule, until, true);
        }
    }

    /**
     * @param activeCalls calls the node holds now, both directions
     * @param maxCalls {@code sip.max-calls} (0: no node limit)
     */
    CampaignDialer(CampaignsConfig config, CampaignRepository campaigns, CallTaskRepository tasks, CampaignCalls calls,
            OutboundCallService outbound, TrunkCache trunks, IntSupplier activeCalls, int maxCalls, Clock real,
            Clock campaignClock) {
        this.config = config;
        this.campaigns = campaigns;
        this.tasks = tasks;
        this.calls = calls;
        this.outbound = outbound;
        this.trunks = trunks;
        this.activeCalls = activeCalls;
        this.maxCalls = maxCalls;
        this.real = real;
        this.campaignClock = campaignClock;
    }

    void start() {
        running = true;
        loop = Thread.ofPlatform().daemon().name("campaign-dialer").start(this::run);
        LOG.info("campaign dialer {} started (node slots {}, {} kept for inbound calls)", config.nodeId(),
                maxCalls == 0 ? "unlimited" : maxCalls, maxCalls == 0 ? 0 : config.reservedInboundCalls());
    }

    /** Looks at the campaigns again at once. Any thread. */
    void wake() {
        wakeups.release();
    }

    /** A campaign call ended: a campaign at its concurrency cap may dial again. Any thread. */
    void callEnded() {
        roomFreed = true;
        wakeups.release();
    }

    private void run() {
        while (running) {
            Instant now = real.instant();
            if (roomFreed) {
                roomFreed = false;
                due.replaceAll((id, s) -> s.waitingForRoom() ? s.at(now) : s);
            }
            try {
                refreshIfDue(now);
                for (Scheduled s : Map.copyOf(due).values()) {
                    if (!running) {
                        return;
                    }
                    if (!s.next().isAfter(now)) {
                        Scheduled after = step(s, now);
                        if (after == null) {
                            due.remove(s.campaign().id());
                        } else {
                            due.put(s.campaign().id(), after);
                        }
                    }
                }
            } catch (StoreException e) {
                LOG.warn("campaign dialer: store error, trying again in {} s: {}", STORE_BACKOFF.toSeconds(),
                        e.getMessage());
                due.replaceAll((id, s) -> s.at(real.instant().plus(STORE_BACKOFF)));
            } catch (RuntimeException e) {
                LOG.error("campaign dialer step failed", e);
                due.replaceAll((id, s) -> s.at(real.instant().plus(STORE_BACKOFF)));
            }
            sleepUntilNext();
        }
    }

    private void refreshIfDue(Instant now) {
        if (now.isBefore(refreshedAt.plus(REFRESH))) {
            return;
        }
        refreshedAt = now;
        Map<String, Scheduled> fresh = new HashMap<>();
        for (Campaign c : campaigns.running()) {
            Scheduled known = due.get(c.id());
            Instant next = known == null ? now : known.next();
            fresh.put(c.id(), new Scheduled(c, known != null && known.campaign().equals(c) ? known.schedule()
                    : new CallingSchedule(c), next, known != null && known.waitingForRoom()));
        }
        due.clear();
        due.putAll(fresh);
    }

    /** One look at one campaign; returns when to look next, or null to forget it (not running). */
    private Scheduled step(Scheduled s, Instant now) {
        Campaign c = s.campaign();
        Instant scheduleNow = campaignClock.instant();
        Instant endsAt = s.schedule().endsAt();
        if (endsAt != null && !scheduleNow.isBefore(endsAt)) {
            return endCampaign(s, now, "EXPIRED");
        }
        if (!nodeHasRoom()) {
            return s.waitForRoom(now.plus(config.poll()));
        }
        Optional<Trunk> trunk = trunks.find(c.trunk());
        if (trunk.isEmpty() || !trunk.get().enabled()) {
            LOG.warn("campaign {}: trunk {} is missing or disabled; not dialling", c.name(), c.trunk());
            return s.at(now.plus(REFRESH));
        }
        int cps = capped(c.settings().callsPerSecond(), trunk.get().callsPerSecond());
        int concurrent = capped(c.settings().maxConcurrent(), trunk.get().maxCalls());
        // The real instant of the claim itself, not of the loop's turn: the store spaces starts from it.
        ClaimResult result = tasks.claim(new CallTaskRepository.ClaimRequest(c.id(), config.nodeId(), scheduleNow,
                real.instant(), config.lease(), concurrent, pacing(cps), s.schedule(), cps, CARRIER_SECOND));
        return switch (result) {
            case ClaimResult.Claimed claimed -> {
                dial(s, claimed, trunk.get());
                yield s.at(now); // the store says when the next may start
            }
            case ClaimResult.Paced paced -> s.at(paced.until());
            case ClaimResult.Full full -> s.waitForRoom(now.plus(config.poll())); // a call's end wakes us sooner
            case ClaimResult.Idle idle -> idle.nextDue() == null ? endIfDone(s, now)
                    : s.at(min(realAt(idle.nextDue()), now.plus(config.poll())));
            case ClaimResult.NotRunning notRunning -> null;
        };
    }

    /** Places the claimed attempt's call and records when its INVITE left. */
    private void dial(Scheduled s, ClaimResult.Claimed claimed, Trunk trunk) {
        Campaign c = s.campaign();
        String callId = outbound.newCallId();
        CampaignCall call = new CampaignCall(claimed.task(), claimed.contact(), c, s.schedule());
        calls.register(callId, call);
        Map<String, String> variables = new LinkedHashMap<>(claimed.contact().variables());
        if (claimed.contact().name() != null) {
            variables.putIfAbsent("name", claimed.contact().name());
        }
        variables.putIfAbsent("phone", claimed.contact().phone());
        variables.put("campaign", c.name());
        variables.put("attempt", Integer.toString(claimed.task().attempt()));
        try {
            outbound.placeCampaignCall(callId, trunk, claimed.contact().phone(), c.bot(), c.callerId(), variables);
            // Taken once the stack has sent the INVITE: later claims count this send, not the claim.
            tasks.attachCall(claimed.task().id(), callId, real.instant());
        } catch (CallRefusedException e) {
            // Nothing was sent: the task goes back to the queue and is not an attempt.
            calls.forget(callId);
            LOG.info("campaign {}: call to {} not placed ({}); back in the queue", c.name(),
                    claimed.contact().phone(), e.getMessage());
            tasks.release(claimed.task().id(), config.nodeId(), campaignClock.instant().plus(Duration.ofSeconds(1)));
        }
    }

    /** Idle with nothing queued: the campaign is complete once no attempt is still dialling. */
    private Scheduled endIfDone(Scheduled s, Instant now) {
        if (!tasks.hasOpenTasks(s.campaign().id())) {
            if (campaigns.transition(s.campaign().id(), java.util.Set.of(Campaign.RUNNING), Campaign.COMPLETED,
                    now)) {
                LOG.info("campaign {} completed", s.campaign().name());
            }
            return null;
        }
        return s.at(now.plus(config.poll()));
    }

    /** Past its end date: what is still queued is ended as EXPIRED; calls up finish first. */
    private Scheduled endCampaign(Scheduled s, Instant now, String outcome) {
        int cancelled = tasks.cancelQueued(s.campaign().id(), outcome, now);
        if (cancelled > 0) {
            LOG.info("campaign {} reached its end date: {} queued attempt(s) ended as {}", s.campaign().name(),
                    cancelled, outcome);
        }
        return endIfDone(s, now);
    }

    private boolean nodeHasRoom() {
        return maxCalls == 0 || activeCalls.getAsInt() < maxCalls - config.reservedInboundCalls();
    }

    private static int capped(int campaign, int trunk) {
        return trunk > 0 ? Math.min(campaign, trunk) : campaign;
    }

    /** The even spacing of starts at the campaign's rate. */
    static Duration pacing(int callsPerSecond) {
        return Duration.ofNanos(1_000_000_000L / callsPerSecond);
    }

    private Instant realAt(Instant campaignInstant) {
        return campaignClock instanceof CampaignClock scaled ? scaled.realAt(campaignInstant) : campaignInstant;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void sleepUntilNext() {
        Instant now = real.instant();
        Instant next = refreshedAt.plus(REFRESH);
        for (Scheduled s : due.values()) {
            next = min(next, s.next());
        }
        long millis = Math.max(0, Duration.between(now, next).toMillis());
        if (millis == 0) {
            return;
        }
        try {
            if (wakeups.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                wakeups.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops claiming; calls in progress go on and are recorded when they end. */
    @Override
    public void close() {
        running = false;
        wake();
        if (loop != null) {
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
