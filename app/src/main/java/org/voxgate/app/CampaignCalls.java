package org.voxgate.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.outcome.CallOutcome;
import org.voxgate.sip.CallSummary;
import org.voxgate.store.CallTaskRepository;

/**
 * The campaign attempts whose calls this node has placed and not yet recorded, by Call-ID.
 * When a call ends its attempt is ended in the store with its outcome, and the contact's next
 * attempt is queued when the campaign's retry policy asks for one.
 *
 * <p>Threading: {@link #register} on the dialer thread before the INVITE leaves (so an answer
 * can never outrun it); {@link #find} on SIP threads; {@link #ended} on the SIP thread that ends
 * the call. The map is concurrent; the store writes go through the {@link TaskCompleter}.
 */
final class CampaignCalls {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignCalls.class);

    private final Map<String, CampaignCall> live = new ConcurrentHashMap<>();
    private final String node;
    private final TaskCompleter completer;
    private final Clock campaignClock;
    private final CampaignMetrics metrics;
    private volatile Runnable onEnded = () -> { };

    CampaignCalls(String node, TaskCompleter completer, Clock campaignClock, CampaignMetrics metrics) {
        this.node = node;
        this.completer = completer;
        this.campaignClock = campaignClock;
        this.metrics = metrics;
    }

    /** Runs after each attempt's end is written (the dialer looks again); set once at start. */
    void onEnded(Runnable listener) {
        this.onEnded = listener;
    }

    void register(String callId, CampaignCall call) {
        live.put(callId, call);
    }

    /** Forgets a call that was never placed (its task went back to the queue). */
    void forget(String callId) {
        live.remove(callId);
    }

    /** The campaign attempt a call belongs to, if it is one. */
    Optional<CampaignCall> find(String callId) {
        return Optional.ofNullable(live.get(callId));
    }

    /** The tasks of the calls up now. */
    Set<Long> liveTasks() {
        return live.values().stream().map(c -> c.task().id()).collect(Collectors.toUnmodifiableSet());
    }

    /** Campaign calls up now. */
    int size() {
        return live.size();
    }

    /**
     * Ends the attempt of a call that ended ({@code business} is its recorded outcome); does
     * nothing for calls that are not campaign attempts.
     */
    void ended(CallSummary summary, CallOutcome business) {
        CampaignCall call = live.remove(summary.callId());
        if (call == null) {
            return;
        }
        String outcome = call.voicemail() ? CallOutcome.VOICEMAIL.name() : CampaignRetries.outcome(summary, business);
        Instant now = campaignClock.instant();
        Instant retry = CampaignRetries.retryAt(call.campaign().settings(), outcome, call.task().attempt(),
                call.contact(), call.schedule(), now);
        LOG.info("campaign {}: attempt {} to {} ended {}{}", call.campaign().name(), call.task().attempt(),
                call.contact().phone(), outcome, retry == null ? "" : "; next attempt at " + retry);
        metrics.attemptEnded(outcome);
        completer.complete(call.task().id(), node, new CallTaskRepository.TaskEnd(outcome,
                CampaignRetries.detail(summary), summary.callId(), call.amdResult(), call.amdMillis()), retry,
                onEnded);
    }
}
