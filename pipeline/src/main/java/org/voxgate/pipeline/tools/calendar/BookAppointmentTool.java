package org.voxgate.pipeline.tools.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.Tools;

/**
 * The appointment tools of one call: {@code find_free_slots} (on a day, or the next ones after a
 * time) and {@code book_appointment} (a slot start and a name). Slots follow {@link SlotRules};
 * "now" is the call's clock. Every outcome, a taken slot included, is a small JSON object for the
 * model, with each time given as ISO text in the calendar's zone and as words
 * ("Tuesday 24 November at 10:00") ready to be spoken.
 *
 * <p>Threading: thread-safe (no mutable state); {@link #run} blocks on the calendar's store, so
 * call it on a virtual thread.
 */
public final class BookAppointmentTool implements Tools {
    static final int MAX_SLOTS = 5;
    private static final int SEARCH_DAYS = 31;
    /** {@code book_appointment}'s start for the earliest free slot. */
    static final String NEXT = "next";

    static final ToolSpec FIND = new ToolSpec("find_free_slots",
            "List free appointment slots. Give day (YYYY-MM-DD) for that day, or after (YYYY-MM-DDTHH:MM) for the"
                    + " next ones after that time; neither for the next free ones.",
            "{\"type\":\"object\",\"properties\":{"
                    + "\"day\":{\"type\":\"string\",\"description\":\"YYYY-MM-DD\"},"
                    + "\"after\":{\"type\":\"string\",\"description\":\"YYYY-MM-DDTHH:MM local time\"}"
                    + "},\"additionalProperties\":false}");
    static final ToolSpec BOOK = new ToolSpec("book_appointment",
            "Book the appointment slot starting at start (YYYY-MM-DDTHH:MM local time, from find_free_slots, or"
                    + " next for the earliest free one) for the caller. Confirm the time with the caller first.",
            "{\"type\":\"object\",\"properties\":{"
                    + "\"start\":{\"type\":\"string\",\"description\":\"YYYY-MM-DDTHH:MM local time, or next\"},"
                    + "\"name\":{\"type\":\"string\",\"description\":\"the caller's name\"}"
                    + "},\"required\":[\"start\",\"name\"],\"additionalProperties\":false}");

    private final CallContext call;
    private final String calendarName;
    private final SlotRules rules;
    private final AppointmentCalendar calendar;
    private final String bot;
    private final DateTimeFormatter spoken;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param call         the call (its clock is "now", its caller books)
     * @param calendarName which calendar the bot books in
     * @param rules        its slots
     * @param calendar     the store of bookings
     * @param bot          the bot's name, recorded on bookings
     * @param locale       language of the spoken times
     */
    public BookAppointmentTool(CallContext call, String calendarName, SlotRules rules, AppointmentCalendar calendar,
            String bot, Locale locale) {
        this.call = call;
        this.calendarName = calendarName;
        this.rules = rules;
        this.calendar = calendar;
        this.bot = bot;
        this.spoken = DateTimeFormatter.ofPattern("EEEE d MMMM 'at' HH:mm", locale);
    }

    @Override
    public List<ToolSpec> specs() {
        return List.of(FIND, BOOK);
    }

    @Override
    public String run(ToolCall toolCall) {
        JsonNode args;
        try {
            String text = toolCall.argumentsJson();
            args = text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            return error("arguments are not JSON");
        }
        if (args == null || !args.isObject()) {
            return error("arguments must be a JSON object");
        }
        return switch (toolCall.name()) {
            case "find_free_slots" -> find(args);
            case "book_appointment" -> book(args);
            default -> error("no such tool: " + toolCall.name());
        };
    }

    private String find(JsonNode args) {
        Instant now = call.clock().instant();
        LocalDate firstDay = now.atZone(rules.zone()).toLocalDate();
        Instant after = now;
        boolean oneDay = false;
        try {
            if (args.hasNonNull("day")) {
                firstDay = LocalDate.parse(args.get("day").asText());
                oneDay = true;
            } else if (args.hasNonNull("after")) {
                LocalDateTime local = parseLocal(args.get("after").asText());
                firstDay = local.toLocalDate();
                after = local.atZone(rules.zone()).toInstant();
            }
        } catch (DateTimeParseException e) {
            return error(args.hasNonNull("day") ? "day must be YYYY-MM-DD" : "after must be YYYY-MM-DDTHH:MM");
        }
        List<TimeRange> free = freeSlots(firstDay, oneDay ? 1 : SEARCH_DAYS, after, now, MAX_SLOTS);
        ObjectNode result = json.createObjectNode();
        result.put("calendar", calendarName);
        result.put("timeZone", rules.zone().getId());
        ArrayNode slots = result.putArray("slots");
        free.forEach(slot -> slots.add(describe(slot.start())));
        if (free.isEmpty()) {
            result.put("note", oneDay ? "no free slot that day" : "no free slot in the next " + SEARCH_DAYS + " days");
        }
        return result.toString();
    }

    private String book(JsonNode args) {
        if (!args.hasNonNull("start") || !args.get("start").isTextual()) {
            return error("start is required (YYYY-MM-DDTHH:MM, or next)");
        }
        // A flow without a model has nobody to ask the name: the calling number stands in.
        String name = args.hasNonNull("name") ? args.get("name").asText().strip() : call.caller();
        if (name == null || name.isEmpty() || name.length() > 200) {
            return error("name is required (up to 200 characters)");
        }
        LocalDateTime local;
        if (args.get("start").asText().equals(NEXT)) {
            // The earliest free slot: what a flow without a model books ("the next free appointment").
            Instant now = call.clock().instant();
            List<TimeRange> next = freeSlots(now.atZone(rules.zone()).toLocalDate(), SEARCH_DAYS, now, now, 1);
            if (next.isEmpty()) {
                return refused("no free slot in the next " + SEARCH_DAYS + " days");
            }
            local = next.get(0).start().atZone(rules.zone()).toLocalDateTime();
        } else {
            try {
                local = parseLocal(args.get("start").asText());
            } catch (DateTimeParseException e) {
                return error("start must be YYYY-MM-DDTHH:MM, or next");
            }
        }
        Optional<String> problem = rules.problem(local, call.clock().instant());
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        ZonedDateTime start = rules.local(local).orElseThrow();
        TimeRange slot = new TimeRange(start.toInstant(), start.toInstant().plus(rules.slotLength()));
        Optional<String> id = calendar.book(calendarName, slot,
                new AppointmentCalendar.BookingParty(call.caller(), name, bot, call.callId()));
        if (id.isEmpty()) {
            return refused("that slot is already taken");
        }
        ObjectNode result = describe(slot.start());
        result.put("booked", true);
        result.put("bookingId", id.get());
        result.put("name", name);
        result.put("calendar", calendarName);
        return result.toString();
    }

    /** Up to {@code max} free slots on {@code days} days from {@code firstDay}, starting after now and not before {@code after}. */
    private List<TimeRange> freeSlots(LocalDate firstDay, int days, Instant after, Instant now, int max) {
        List<TimeRange> free = new ArrayList<>();
        Instant from = firstDay.atStartOfDay(rules.zone()).toInstant();
        Instant to = firstDay.plusDays(days).atStartOfDay(rules.zone()).toInstant();
        List<TimeRange> busy = calendar.busy(calendarName, from, to);
        for (int d = 0; d < days && free.size() < max; d++) {
            for (TimeRange slot : rules.slotsOn(firstDay.plusDays(d))) {
                if (free.size() < max && slot.start().isAfter(now) && !slot.start().isBefore(after)
                        && busy.stream().noneMatch(slot::overlaps)) {
                    free.add(slot);
                }
            }
        }
        return free;
    }

    /** Accepts local time, or a time with an offset (converted into the calendar's zone). */
    private LocalDateTime parseLocal(String text) {
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).atZoneSameInstant(rules.zone()).toLocalDateTime();
        }
    }

    private ObjectNode describe(Instant start) {
        ZonedDateTime z = start.atZone(rules.zone());
        ObjectNode n = json.createObjectNode();
        n.put("start", z.toLocalDateTime().toString());
        n.put("startUtc", start.toString());
        n.put("spoken", spoken.format(z));
        return n;
    }

    private String refused(String why) {
        ObjectNode n = json.createObjectNode();
        n.put("booked", false);
        n.put("error", why);
        return n.toString();
    }

    private String error(String message) {
        ObjectNode n = json.createObjectNode();
        n.put("error", message);
        return n.toString();
    }
}
