package org.voxgate.pipeline.tools.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A calendar's opening hours cut into fixed slots: {@code slotMinutes} long, starting at each
 * opening time (so "09:00-17:00" with 30 minutes gives 09:00, 09:30 ... 16:30), in one time
 * zone. Local times that do not exist (the spring-forward gap) are never slots; in the
 * autumn overlap a local time means its earlier instant.
 *
 * <p>Immutable and thread-safe.
 */
public final class SlotRules {
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY,
            "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);

    private final int slotMinutes;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<LocalTime[]>> hours;

    private SlotRules(int slotMinutes, ZoneId zone, Map<DayOfWeek, List<LocalTime[]>> hours) {
        this.slotMinutes = slotMinutes;
        this.zone = zone;
        this.hours = hours;
    }

    /**
     * Rules from the skillbase's book_appointment entry.
     *
     * @param slotMinutes 5..480
     * @param timeZone    an IANA zone id such as {@code Europe/London}
     * @param hours       weekday ({@code mon}..{@code sun}) to ranges {@code "09:00-12:00,13:00-17:00"};
     *                    days not named are closed
     * @throws IllegalArgumentException naming the bad field
     */
    public static SlotRules of(int slotMinutes, String timeZone, Map<String, String> hours) {
        if (slotMinutes < 5 || slotMinutes > 480) {
            throw new IllegalArgumentException("slotMinutes must be 5..480 (was " + slotMinutes + ")");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timeZone is not a time zone id: " + timeZone);
        }
        Map<DayOfWeek, List<LocalTime[]>> parsed = new EnumMap<>(DayOfWeek.class);
        hours.forEach((day, text) -> {
            DayOfWeek d = DAYS.get(day.toLowerCase(Locale.ROOT));
            if (d == null) {
                throw new IllegalArgumentException("hours/" + day + ": not a day (mon..sun)");
            }
            List<LocalTime[]> ranges = new ArrayList<>();
            for (String range : text.split(",")) {
                String[] ends = range.strip().split("-");
                try {
                    if (ends.length != 2) {
                        throw new DateTimeParseException("", range, 0);
                    }
                    LocalTime open = LocalTime.parse(ends[0].strip());
                    LocalTime close = LocalTime.parse(ends[1].strip());
                    if (!close.isAfter(open)) {
                        throw new IllegalArgumentException("hours/" + day + ": " + range + " closes before it opens");
                    }
                    ranges.add(new LocalTime[] {open, close});
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("hours/" + day + ": " + range + " is not HH:MM-HH:MM");
                }
            }
            parsed.put(d, List.copyOf(ranges));
        });
        return new SlotRules(slotMinutes, zone, parsed);
    }

    public ZoneId zone() {
        return zone;
    }

    public Duration slotLength() {
        return Duration.ofMinutes(slotMinutes);
    }

    /** The slots of {@code day} (local date in the zone), in order, whatever is booked. */
    public List<TimeRange> slotsOn(LocalDate day) {
        List<TimeRange> slots = new ArrayList<>();
        for (LocalTime[] range : hours.getOrDefault(day.getDayOfWeek(), List.of())) {
            // Minutes of the day, so a slot can never wrap past midnight.
            int close = minuteOfDay(range[1]);
            for (int m = minuteOfDay(range[0]); m + slotMinutes <= close; m += slotMinutes) {
                local(day.atTime(m / 60, m % 60)).ifPresent(z -> slots.add(new TimeRange(z.toInstant(),
                        z.toInstant().plus(slotLength()))));
            }
        }
        return slots;
    }

    /**
     * Why {@code start} is not a bookable slot start at time {@code now}, or empty when it is.
     * Reasons: in the past, a closed day, outside opening hours, not on a slot boundary, or a
     * local time skipped by a daylight-saving change.
     */
    public Optional<String> problem(LocalDateTime start, Instant now) {
        Optional<ZonedDateTime> at = local(start);
        if (at.isEmpty()) {
            return Optional.of(start.toLocalTime() + " does not exist on " + start.toLocalDate()
                    + " in " + zone + " (the clocks change)");
        }
        if (!at.get().toInstant().isAfter(now)) {
            return Optional.of("that time is in the past");
        }
        List<LocalTime[]> ranges = hours.getOrDefault(start.getDayOfWeek(), List.of());
        if (ranges.isEmpty()) {
            return Optional.of("closed on " + start.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL,
                    Locale.ENGLISH));
        }
        LocalTime t = start.toLocalTime();
        int m = minuteOfDay(t);
        for (LocalTime[] range : ranges) {
            int open = minuteOfDay(range[0]);
            if (m >= open && m + slotMinutes <= minuteOfDay(range[1])) {
                if ((m - open) % slotMinutes != 0 || t.getSecond() != 0 || t.getNano() != 0) {
                    return Optional.of("appointments start every " + slotMinutes + " minutes from " + range[0]);
                }
                return Optional.empty();
            }
        }
        return Optional.of("outside opening hours (" + describe(ranges) + ")");
    }

    /** {@code local} in the zone; empty when the clocks skip it. */
    public Optional<ZonedDateTime> local(LocalDateTime local) {
        ZonedDateTime z = local.atZone(zone);
        return z.toLocalDateTime().equals(local) ? Optional.of(z) : Optional.empty();
    }

    private static int minuteOfDay(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    private static String describe(List<LocalTime[]> ranges) {
        List<String> parts = new ArrayList<>();
        for (LocalTime[] r : ranges) {
            parts.add(r[0] + "-" + r[1]);
        }
        return String.join(", ", parts);
    }
}
