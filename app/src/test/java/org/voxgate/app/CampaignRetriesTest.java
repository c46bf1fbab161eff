package org.voxgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.voxgate.app.CampaignFixtures.campaign;
import static org.voxgate.app.CampaignFixtures.contact;
import static org.voxgate.app.CampaignFixtures.weekdays;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.CallSummary;
import org.voxgate.sip.EndReason;
import org.voxgate.store.Campaign;
import org.voxgate.store.RetryRule;

class CampaignRetriesTest {
    private static final Instant NOON_UTC_FRIDAY = Instant.parse("2026-11-20T12:00:00Z");
    private final Campaign campaign = campaign("UTC", List.of(weekdays("09:00", "17:00")), null,
            LocalDate.parse("2026-11-30"), Map.of("BUSY", new RetryRule(Duration.ofMinutes(10), 3),
                    "NO_ANSWER", new RetryRule(Duration.ofHours(6), 2)));
    private final CallingSchedule schedule = new CallingSchedule(campaign);

    private Instant retry(String outcome, int attempt, Instant now) {
        return CampaignRetries.retryAt(campaign.settings(), outcome, attempt, contact(null), schedule, now);
    }

    @Test
    void aRuleRetriesAfterItsDelayUntilItsMaximumOfAttempts() {
        assertEquals(NOON_UTC_FRIDAY.plus(Duration.ofMinutes(10)), retry("BUSY", 1, NOON_UTC_FRIDAY));
        assertEquals(NOON_UTC_FRIDAY.plus(Duration.ofMinutes(10)), retry("BUSY", 2, NOON_UTC_FRIDAY));
        assertNull(retry("BUSY", 3, NOON_UTC_FRIDAY));
    }

    @Test
    void outcomesWithoutARuleAreFinal() {
        assertNull(retry("FAILED", 1, NOON_UTC_FRIDAY));
        assertNull(retry("COMPLETED", 1, NOON_UTC_FRIDAY));
        assertNull(retry("DECLINED", 1, NOON_UTC_FRIDAY));
    }

    @Test
    void aRetryFallingOutsideTheWindowWaitsForTheNextOpening() {
        // noon + 6 h = 18:00 Friday: closed; Monday 09:00
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), retry("NO_ANSWER", 1, NOON_UTC_FRIDAY));
    }

    @Test
    void noRetryAfterTheEndDate() {
        assertNull(retry("NO_ANSWER", 1, Instant.parse("2026-11-30T16:00:00Z")));
    }

    @Test
    void aDeclinedCallIsKeptApartFromFailures() {
        CallSummary declined = new CallSummary("c", "outbound", "a", "b", "bot", NOON_UTC_FRIDAY, null,
                NOON_UTC_FRIDAY, EndReason.NOT_ANSWERED, null, org.voxgate.sip.CallOutcome.REJECTED, 603, "t");
        assertEquals("DECLINED", CampaignRetries.outcome(declined,
                org.voxgate.pipeline.outcome.CallOutcome.FAILED));
        assertEquals("not_answered 603", CampaignRetries.detail(declined));
        CallSummary busy = new CallSummary("c", "outbound", "a", "b", "bot", NOON_UTC_FRIDAY, null, NOON_UTC_FRIDAY,
                EndReason.NOT_ANSWERED, null, org.voxgate.sip.CallOutcome.BUSY, 486, "t");
        assertEquals("BUSY", CampaignRetries.outcome(busy, org.voxgate.pipeline.outcome.CallOutcome.BUSY));
    }
}
