package org.voxgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CampaignClockTest {
    private static final Instant ANCHOR = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant START = Instant.parse("2026-11-20T08:59:00Z");

    private static CampaignsConfig config(double speed, Instant start, Instant anchor) {
        return new CampaignsConfig(true, "n1", 2, Duration.ofSeconds(30), Duration.ofMillis(500), speed, start,
                anchor, new AmdClassifiers.Settings("", "", "", "", java.util.List.of()));
    }

    @Test
    void realTimeUnlessAStartOrSpeedIsSet() {
        Clock real = Clock.systemUTC();
        assertSame(real, CampaignClock.of(config(1, null, null), real));
    }

    @Test
    void aRehearsalClockRunsSpeedTimesFasterFromItsStartAtTheAnchor() {
        Clock real = Clock.fixed(ANCHOR.plusSeconds(2), ZoneOffset.UTC);
        CampaignClock clock = (CampaignClock) CampaignClock.of(config(60, START, ANCHOR), real);
        assertEquals(START.plus(Duration.ofMinutes(2)), clock.instant());
        assertEquals(ANCHOR.plusSeconds(2), clock.realAt(START.plus(Duration.ofMinutes(2))));
        assertEquals(ANCHOR.plusMillis(500), clock.realAt(START.plusSeconds(30)));
    }
}
