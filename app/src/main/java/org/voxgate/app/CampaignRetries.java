package org.voxgate.app;

import java.time.Instant;
import java.util.Locale;
import org.voxgate.pipeline.outcome.CallOutcome;
import org.voxgate.store.CampaignContact;
import org.voxgate.store.CampaignSettings;
import org.voxgate.store.RetryRule;
import org.voxgate.sip.CallSummary;

/**
 * What an attempt of a campaign came to, and whether and when the contact is called again.
 *
 * <p>Outcomes: the call's business outcome (COMPLETED, TRANSFERRED, CALLER_HUNG_UP, VOICEMAIL,
 * NO_ANSWER, BUSY, FAILED), with a call the callee declined (603) kept apart as DECLINED: a
 * person said no, so it is never retried. The campaign's retry policy names BUSY, NO_ANSWER,
 * VOICEMAIL and FAILED; a rule's {@code maxAttempts} is the number of attempts a contact may
 * have in all while its attempts keep ending that way.
 *
 * <p>Pure and thread-safe.
 */
final class CampaignRetries {
    /** The outcome of an attempt whose node vanished while it was dialling. */
    static final String NODE_LOST = "node_lost";

    private CampaignRetries() {
    }

    /** The attempt's outcome from how its call ended. */
    static String outcome(CallSummary summary, CallOutcome business) {
        if (summary.outcome() == org.voxgate.sip.CallOutcome.REJECTED) {
            return "DECLINED";
        }
        return business.name();
    }

    /** More detail than the outcome: the end reason and, for calls not answered, the SIP status. */
    static String detail(CallSummary summary) {
        String reason = summary.endReason().code();
        return summary.sipStatus() != null && summary.answeredAt() == null ? reason + " " + summary.sipStatus()
                : reason;
    }

    /**
     * When the contact is called next after an attempt that ended {@code outcome} at {@code now},
     * or null when this was its last attempt.
     */
    static Instant retryAt(CampaignSettings settings, String outcome, int attempt, CampaignContact contact,
            CallingSchedule schedule, Instant now) {
        RetryRule rule = settings.retries().get(outcome.toUpperCase(Locale.ROOT));
        if (rule == null || attempt >= rule.maxAttempts()) {
            return null;
        }
        Instant earliest = now.plus(rule.delay());
        Instant ends = schedule.endsAt();
        Instant next = schedule.nextCallable(contact, earliest);
        return ends != null && !next.isBefore(ends) ? null : next;
    }
}
