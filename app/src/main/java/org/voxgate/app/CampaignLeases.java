package org.voxgate.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.store.CallTask;
import org.voxgate.store.CallTaskRepository;
import org.voxgate.store.Campaign;
import org.voxgate.store.CampaignContact;
import org.voxgate.store.CampaignContactRepository;
import org.voxgate.store.CampaignRepository;
import org.voxgate.store.StoreException;

/**
 * Keeps the node's claims on its campaign attempts alive and ends the attempts nobody holds
 * any more, so no contact is lost when a node dies:
 * <ul>
 *   <li>at start, the attempts this node (by {@code campaigns.node-id}) was dialling before it
 *       stopped are ended as {@code FAILED (node_restarted)}: their calls died with the process;
 *   <li>every lease/3 it renews the leases of the attempts it dials now;
 *   <li>every lease/3 it ends, as {@code FAILED (node_lost)}, any node's attempt whose lease ran
 *       out, and its own attempts that no call of this node carries any more.
 * </ul>
 * Each of those gets its next attempt when the campaign retries FAILED. Ending is conditional
 * in the store (the task must still be dialling under the node named), so two nodes sweeping at
 * once end each attempt once.
 *
 * <p>Threading: runs on a scheduled thread of its own, started by {@link #start} and stopped by
 * {@link #close}.
 */
final class CampaignLeases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignLeases.class);
    static final String NODE_RESTARTED = "node_restarted";
    static final String ORPHANED = "orphaned";

    private final CampaignsConfig config;
    private final CampaignRepository campaigns;
    private final CampaignContactRepository contacts;
    private final CallTaskRepository tasks;
    private final CampaignCalls calls;
    private final TaskCompleter completer;
    private final Clock real;
    private final Clock campaignClock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("campaign-leases").factory());

    CampaignLeases(CampaignsConfig config, CampaignRepository campaigns, CampaignContactRepository contacts,
            CallTaskRepository tasks, CampaignCalls calls, TaskCompleter completer, Clock real, Clock campaignClock) {
        this.config = config;
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.tasks = tasks;
        this.calls = calls;
        this.completer = completer;
        this.real = real;
        this.campaignClock = campaignClock;
    }

    /** Ends what this node left dialling, then renews and sweeps every lease/3. */
    void start() {
        try {
            List<CallTask> left = tasks.dialingBy(config.nodeId());
            left.forEach(t -> end(t, NODE_RESTARTED));
            if (!left.isEmpty()) {
                LOG.info("campaigns: {} attempt(s) this node was dialling before it stopped ended as FAILED ({})",
                        left.size(), NODE_RESTARTED);
            }
        } catch (StoreException e) {
            LOG.warn("campaigns: could not look for attempts left from before the restart ({}); their leases will"
                    + " run out", e.getMessage());
        }
        long period = Math.max(1000, config.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renewAndSweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** One renewal and sweep; package-private for tests. */
    void renewAndSweep() {
        try {
            Instant now = real.instant();
            tasks.renewLeases(config.nodeId(), now, config.lease());
            for (CallTask t : tasks.expired(now, 200)) {
                end(t, CampaignRetries.NODE_LOST);
            }
            endOrphans(now);
        } catch (StoreException e) {
            LOG.warn("campaigns: lease renewal or sweep failed ({}); next try in {} s", e.getMessage(),
                    config.lease().toSeconds() / 3);
        } catch (RuntimeException e) {
            LOG.error("campaigns: lease renewal or sweep failed", e);
        }
    }

    /**
     * Our own attempts that no call of ours carries and no write is pending for (a call whose
     * end never came through): ended once they are older than a lease, so none dials forever.
     */
    private void endOrphans(Instant now) {
        Set<Long> carried = calls.liveTasks();
        for (CallTask t : tasks.dialingBy(config.nodeId())) {
            boolean old = t.claimedAt() != null && t.claimedAt().plus(config.lease()).isBefore(now);
            if (old && !carried.contains(t.id()) && !completer.isPending(t.id())) {
                end(t, ORPHANED);
            }
        }
    }

    private void end(CallTask t, String detail) {
        Optional<Campaign> campaign = campaigns.find(t.campaignId());
        Optional<CampaignContact> contact = contacts.find(t.campaignId(), t.contactId());
        Instant retry = null;
        // A stopped or ended campaign gets no more attempts.
        if (campaign.isPresent() && contact.isPresent()
                && Set.of(Campaign.RUNNING, Campaign.PAUSED).contains(campaign.get().state())) {
            retry = CampaignRetries.retryAt(campaign.get().settings(), "FAILED", t.attempt(), contact.get(),
                    new CallingSchedule(campaign.get()), campaignClock.instant());
        }
        LOG.info("campaign task {} (attempt {}) held by {} ended as FAILED ({}){}", t.id(), t.attempt(), t.node(),
                detail, retry == null ? "" : "; next attempt at " + retry);
        completer.complete(t.id(), t.node(), new CallTaskRepository.TaskEnd("FAILED", detail, t.callId(), null, null),
                retry, () -> { });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
