package org.voxgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.voxgate.app.CampaignFixtures.campaign;
import static org.voxgate.app.CampaignFixtures.contact;
import static org.voxgate.app.CampaignFixtures.weekdays;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallingScheduleTest {
    private static final String NEW_YORK = "America/New_York";

    private static Instant ny(String local) {
        return ZonedDateTime.parse(local + "-05:00[America/New_York]").toInstant();
    }

    @Test
    void insideAWindowTheContactMayBeCalledNow() {
        CallingSchedule s = new CallingSchedule(campaign(NEW_YORK, List.of(weekdays("09:00", "17:00")), null, null,
                Map.of()));
        Instant friday10 = ny("2026-11-20T10:00");
        assertEquals(Optional.empty(), s.notBefore(contact(null), friday10));
    }

    @Test
    void onASaturdayTheNextOpeningIsMondayMorningInTheCampaignsZone() {
        CallingSchedule s = new CallingSchedule(campaign(NEW_YORK, List.of(weekdays("09:00", "17:00")), null, null,
                Map.of()));
        assertEquals(Optional.of(ny("2026-11-23T09:00")), s.notBefore(contact(null), ny("2026-11-21T10:00")));
        // after the window closes on Friday, too
        assertEquals(Optional.of(ny("2026-11-23T09:00")), s.notBefore(contact(null), ny("2026-11-20T17:00")));
    }

    @Test
    void theContactsOwnZoneWins() {
        CallingSchedule s = new CallingSchedule(campaign(NEW_YORK, List.of(weekdays("09:00", "17:00")), null, null,
                Map.of()));
        // 08:30 in New York is 14:30 in Madrid: inside Madrid's window
        assertEquals(Optional.empty(), s.notBefore(contact("Europe/Madrid"), ny("2026-11-20T08:30")));
        // 12:00 in New York is 18:00 in Madrid: closed until Monday 09:00 Madrid
        assertEquals(Optional.of(Instant.parse("2026-11-23T08:00:00Z")),
                s.notBefore(contact("Europe/Madrid"), ny("2026-11-20T12:00")));
    }

    @Test
    void nothingBeforeTheStartDate() {
        CallingSchedule s = new CallingSchedule(campaign(NEW_YORK, List.of(), LocalDate.parse("2026-12-01"), null,
                Map.of()));
        assertEquals(Optional.of(ny("2026-12-01T00:00")), s.notBefore(contact(null), ny("2026-11-20T10:00")));
    }

    @Test
    void aWindowOpeningInTheSpringForwardGapOpensAtTheFirstValidInstant() {
        CallingSchedule s = new CallingSchedule(campaign(NEW_YORK, List.of(new org.voxgate.store.CallingWindow(
                java.util.EnumSet.of(java.time.DayOfWeek.SUNDAY), java.time.LocalTime.parse("02:30"),
                java.time.LocalTime.parse("05:00"))), null, null, Map.of()));
        // 8 March 2026: clocks jump from 02:00 EST to 03:00 EDT; 02:30 does not exist
        Instant saturday = ZonedDateTime.parse("2026-03-07T12:00-05:00[America/New_York]").toInstant();
        assertEquals(Optional.of(ZonedDateTime.parse("2026-03-08T03:30-04:00[America/New_York]").toInstant()),
                s.notBefore(contact(null), saturday));
    }

    @Test
    void theEndIsMidnightAfterTheEndDateInTheCampaignsZone() {
        assertEquals(ny("2026-11-28T00:00"), new CallingSchedule(campaign(NEW_YORK, List.of(), null,
                LocalDate.parse("2026-11-27"), Map.of())).endsAt());
        assertNull(new CallingSchedule(campaign(NEW_YORK, List.of(), null, null, Map.of())).endsAt());
    }

    @Test
    void severalWindowsADayTakeTheEarliestStillOpen() {
        CallingSchedule s = new CallingSchedule(campaign(NEW_YORK, List.of(weekdays("14:00", "18:00"),
                weekdays("09:00", "12:00")), null, null, Map.of()));
        assertEquals(Optional.of(ny("2026-11-20T14:00")), s.notBefore(contact(null), ny("2026-11-20T12:30")));
        assertTrue(s.notBefore(contact(null), ny("2026-11-20T11:59")).isEmpty());
    }
}
