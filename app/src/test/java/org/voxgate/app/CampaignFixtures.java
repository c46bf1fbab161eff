package org.voxgate.app;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.voxgate.store.CallingWindow;
import org.voxgate.store.Campaign;
import org.voxgate.store.CampaignContact;
import org.voxgate.store.CampaignSettings;
import org.voxgate.store.RetryRule;

/** Campaigns and contacts for the dialer's pure parts' tests. */
final class CampaignFixtures {
    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    private CampaignFixtures() {
    }

    static CallingWindow weekdays(String start, String end) {
        return new CallingWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.parse(start),
                LocalTime.parse(end));
    }

    static Campaign campaign(String zone, List<CallingWindow> windows, LocalDate start, LocalDate end,
            Map<String, RetryRule> retries) {
        return new Campaign("c1", "spring", "survey", "carrier", null, zone,
                new CampaignSettings(windows, start, end, 5, 10, retries, null, null), Campaign.RUNNING, T0, T0, T0,
                null);
    }

    static CampaignContact contact(String zone) {
        return new CampaignContact(1, "c1", "+12025550101", "Ann", zone, Map.of("plan", "gold"), 2,
                CampaignContact.PENDING, null, 0, T0, T0);
    }
}
