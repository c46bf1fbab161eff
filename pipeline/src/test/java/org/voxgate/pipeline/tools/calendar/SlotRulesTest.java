package org.voxgate.pipeline.tools.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotRulesTest {
    // Monday 23 November 2026, 08:00 in London (GMT, UTC+0).
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private final SlotRules london = SlotRules.of(30, "Europe/London",
            Map.of("mon", "09:00-12:00,13:00-17:00", "tue", "09:00-17:00", "fri", "09:00-13:00"));

    private static LocalDateTime at(String text) {
        return LocalDateTime.parse(text);
    }

    @Test
    void aSlotOnTheBoundaryInsideOpeningHoursIsBookable() {
        assertThat(london.problem(at("2026-11-23T09:00"), NOW)).isEmpty();
        assertThat(london.problem(at("2026-11-23T11:30"), NOW)).isEmpty();
        assertThat(london.problem(at("2026-11-23T13:00"), NOW)).isEmpty();
        assertThat(london.problem(at("2026-11-27T12:30"), NOW)).isEmpty();
    }

    @Test
    void refusesPastOffBoundaryClosedAndOutsideHours() {
        assertThat(london.problem(at("2026-11-23T07:30"), NOW)).hasValueSatisfying(p -> assertThat(p).contains("past"));
        assertThat(london.problem(at("2026-11-23T08:00"), NOW)).hasValueSatisfying(p -> assertThat(p).contains("past"));
        assertThat(london.problem(at("2026-11-23T09:15"), NOW))
                .hasValueSatisfying(p -> assertThat(p).contains("every 30 minutes"));
        assertThat(london.problem(at("2026-11-25T10:00"), NOW))
                .hasValueSatisfying(p -> assertThat(p).contains("closed on Wednesday"));
        // 11:45 would end after the 12:00 close; 12:00 is the lunch break; 17:00 is closing time.
        assertThat(london.problem(at("2026-11-23T12:00"), NOW))
                .hasValueSatisfying(p -> assertThat(p).contains("outside opening hours (09:00-12:00, 13:00-17:00)"));
        assertThat(london.problem(at("2026-11-24T17:00"), NOW)).isPresent();
        assertThat(london.problem(at("2026-11-27T13:00"), NOW)).isPresent();
    }

    @Test
    void slotsOfADayAreInTheCalendarsZone() {
        assertThat(london.slotsOn(LocalDate.parse("2026-11-27"))).hasSize(8)
                .first().isEqualTo(new TimeRange(Instant.parse("2026-11-27T09:00:00Z"),
                        Instant.parse("2026-11-27T09:30:00Z")));
        assertThat(london.slotsOn(LocalDate.parse("2026-11-23"))).hasSize(6 + 8);
        assertThat(london.slotsOn(LocalDate.parse("2026-11-25"))).isEmpty();
        // In summer London is UTC+1: 09:00 local is 08:00 UTC.
        assertThat(london.slotsOn(LocalDate.parse("2026-06-05")).get(0).start())
                .isEqualTo(Instant.parse("2026-06-05T08:00:00Z"));
        SlotRules newYork = SlotRules.of(60, "America/New_York", Map.of("mon", "09:00-10:00"));
        assertThat(newYork.slotsOn(LocalDate.parse("2026-11-23")))
                .containsExactly(new TimeRange(Instant.parse("2026-11-23T14:00:00Z"), Instant.parse("2026-11-23T15:00:00Z")));
    }

    @Test
    void localTimesTheClocksSkipAreNeverSlotsAndRepeatedOnesMeanTheFirst() {
        // 29 March 2026: London clocks go from 01:00 GMT to 02:00 BST.
        SlotRules night = SlotRules.of(30, "Europe/London", Map.of("sun", "00:00-03:00"));
        Instant before = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(night.slotsOn(LocalDate.parse("2026-03-29"))).extracting(TimeRange::start).containsExactly(
                Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T00:30:00Z"),
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(night.problem(at("2026-03-29T01:30"), before))
                .hasValueSatisfying(p -> assertThat(p).contains("does not exist"));
        assertThat(night.problem(at("2026-03-29T02:00"), before)).isEmpty();
        // 25 October 2026: 01:00-02:00 happens twice; the slot is the first (BST) one.
        assertThat(night.slotsOn(LocalDate.parse("2026-10-25"))).extracting(TimeRange::start)
                .contains(Instant.parse("2026-10-25T00:00:00Z")).hasSize(6);
    }

    @Test
    void badRulesNameTheirField() {
        assertThatThrownBy(() -> SlotRules.of(2, "UTC", Map.of())).hasMessageContaining("slotMinutes");
        assertThatThrownBy(() -> SlotRules.of(30, "Mars/Olympus", Map.of())).hasMessageContaining("timeZone");
        assertThatThrownBy(() -> SlotRules.of(30, "UTC", Map.of("mon", "9-5"))).hasMessageContaining("hours/mon");
        assertThatThrownBy(() -> SlotRules.of(30, "UTC", Map.of("xyz", "09:00-10:00"))).hasMessageContaining("hours/xyz");
        assertThatThrownBy(() -> SlotRules.of(30, "UTC", Map.of("mon", "10:00-09:00"))).hasMessageContaining("closes");
    }
}
