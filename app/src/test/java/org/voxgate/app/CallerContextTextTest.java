package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.store.CallerProfile;
import org.voxgate.store.CallerStats;

class CallerContextTextTest {
    private static final Instant T = Instant.parse("2026-11-21T15:30:00Z");
    private final CallerContextText text = new CallerContextText(ZoneOffset.UTC);

    @Test
    void aReturningCallerWithAProfile() {
        CallerStats stats = new CallerStats("+14155550123", 5, 3, T, "TRANSFERRED");
        CallerProfile profile = new CallerProfile("+14155550123", "Ann Lee", "Prefers mornings", List.of("vip", "es"), T, T);
        assertThat(text.format(stats, profile)).isEqualTo("This caller has called 3 times in the last 7 days"
                + " (5 in all); the last call, on 21 November, ended TRANSFERRED. Name: Ann Lee."
                + " Notes: Prefers mornings. Tags: vip, es.");
    }

    @Test
    void countsReadNaturallyAndUnknownOutcomesAreLeftOut() {
        assertThat(text.format(new CallerStats("alice", 1, 1, T, null), null))
                .isEqualTo("This caller has called once in the last 7 days (1 in all); the last call, on 21 November.");
        assertThat(text.format(new CallerStats("alice", 4, 0, T, "COMPLETED"), null))
                .startsWith("This caller has called no times in the last 7 days (4 in all)");
    }

    @Test
    void theDayIsNamedInTheNodesZone() {
        CallerContextText tokyo = new CallerContextText(java.time.ZoneId.of("Asia/Tokyo"));
        assertThat(tokyo.format(new CallerStats("alice", 1, 1, T, "COMPLETED"), null)).contains("on 22 November");
    }

    @Test
    void firstTimeCallersGetNothingUnlessOperatorsKnowThem() {
        CallerStats none = new CallerStats("+14155550123", 0, 0, null, null);
        assertThat(text.format(none, null)).isEmpty();
        CallerProfile profile = new CallerProfile("+14155550123", null, "Called about the bill?", List.of(), T, T);
        assertThat(text.format(none, profile))
                .isEqualTo("This is the caller's first call. Notes: Called about the bill?");
    }
}
