package org.voxgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.voxgate.store.AmdSettings;
import org.voxgate.store.CallingWindow;
import org.voxgate.store.CampaignSettings;
import org.voxgate.store.RetryRule;
import org.voxgate.store.VoicemailPolicy;

/**
 * A campaign as POST and PUT take it, read from JSON field by field so that every error names
 * the field by its path ({@code pacing.callsPerSecond}, {@code windows[1].end},
 * {@code retry.noAnswer.maxAttempts}). Unknown fields are errors too, so a typo never falls back
 * to a default silently. Defaults: no windows (any time), no dates, 1 call per second, 5 at once,
 * no retries, hang up on voicemail, AMD on with the timing-only classifier ({@code none}).
 *
 * <p>Immutable; {@link #read} is stateless and thread-safe.
 *
 * @param name      1-128 characters, unique among live campaigns
 * @param bot       the bot's name (checked to exist by the API)
 * @param trunk     the trunk's name (checked to exist by the API)
 * @param callerId  the number presented, or null for the trunk's
 * @param timeZone  IANA zone of the dates and windows (required)
 * @param settings  the rest
 */
record CampaignBody(String name, String bot, String trunk, String callerId, String timeZone,
                    CampaignSettings settings) {

    static final int DEFAULT_CPS = 1;
    static final int DEFAULT_MAX_CONCURRENT = 5;

    /** JSON names of the retry rules to the outcomes they apply to. */
    static final Map<String, String> RETRY_KEYS = orderedMap("busy", "BUSY", "noAnswer", "NO_ANSWER",
            "voicemail", "VOICEMAIL", "failed", "FAILED");

    private static final Set<String> TOP = Set.of("name", "bot", "trunk", "callerId", "timeZone", "windows",
            "startDate", "endDate", "pacing", "retry", "voicemail", "amd");

    /**
     * Reads and checks {@code body}.
     *
     * @throws ApiError 400 naming the first bad field
     */
    static CampaignBody read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest(null, "the body must be a JSON object");
        }
        known(body, "", TOP);
        String name = text(body, "name", "name", 128, true);
        String bot = text(body, "bot", "bot", 255, true);
        String trunk = text(body, "trunk", "trunk", 64, true);
        String callerId = text(body, "callerId", "callerId", 64, false);
        String zone = text(body, "timeZone", "timeZone", 64, true);
        try {
            zone = ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw ApiError.badRequest("timeZone", "timeZone must be an IANA time zone such as Europe/London (was "
                    + zone + ")");
        }
        List<CallingWindow> windows = windows(body.get("windows"));
        LocalDate start = date(body, "startDate");
        LocalDate end = date(body, "endDate");
        if (start != null && end != null && end.isBefore(start)) {
            throw ApiError.badRequest("endDate", "endDate must not be before startDate");
        }
        JsonNode pacing = object(body.get("pacing"), "pacing", Set.of("callsPerSecond", "maxConcurrent"));
        int cps = integer(pacing, "callsPerSecond", "pacing.callsPerSecond", 1, 1000, DEFAULT_CPS);
        int max = integer(pacing, "maxConcurrent", "pacing.maxConcurrent", 1, 10_000, DEFAULT_MAX_CONCURRENT);
        Map<String, RetryRule> retries = retries(body.get("retry"));
        VoicemailPolicy voicemail = voicemail(body.get("voicemail"));
        JsonNode amdNode = object(body.get("amd"), "amd", Set.of("enabled", "classifier"));
        boolean amdOn = bool(amdNode, "enabled", "amd.enabled", true);
        String classifier = choice(amdNode, "classifier", "amd.classifier", Set.of("none", "stt", "llm"), "none");
        AmdSettings amd = new AmdSettings(amdOn, AmdSettings.Classifier.valueOf(classifier.toUpperCase(Locale.ROOT)));
        return new CampaignBody(name, bot, trunk, callerId, zone,
                new CampaignSettings(windows, start, end, cps, max, retries, voicemail, amd));
    }

    private static List<CallingWindow> windows(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiError.badRequest("windows", "windows must be an array of {days, start, end}");
        }
        List<CallingWindow> windows = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "windows[" + i + "]";
            JsonNode w = node.get(i);
            if (!w.isObject()) {
                throw ApiError.badRequest(path, path + " must be an object {days, start, end}");
            }
            known(w, path + ".", Set.of("days", "start", "end"));
            Set<DayOfWeek> days = days(w.get("days"), path + ".days");
            LocalTime start = time(w, "start", path + ".start");
            LocalTime end = time(w, "end", path + ".end");
            if (!start.isBefore(end)) {
                throw ApiError.badRequest(path + ".end", path + ".end must be after " + path + ".start (a window"
                        + " past midnight is two windows)");
            }
            windows.add(new CallingWindow(days, start, end));
        }
        return windows;
    }

    private static Set<DayOfWeek> days(JsonNode node, String path) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiError.badRequest(path, path + " must be a non-empty array of days (MON ... SUN)");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (JsonNode d : node) {
            DayOfWeek day = d.isTextual() ? day(d.asText()) : null;
            if (day == null) {
                throw ApiError.badRequest(path, path + " has " + d + "; use MON, TUE, WED, THU, FRI, SAT, SUN");
            }
            days.add(day);
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(t) || d.name().substring(0, 3).equals(t)) {
                return d;
            }
        }
        return null;
    }

    private static Map<String, RetryRule> retries(JsonNode node) {
        JsonNode retry = object(node, "retry", RETRY_KEYS.keySet());
        Map<String, RetryRule> rules = new LinkedHashMap<>();
        RETRY_KEYS.forEach((key, outcome) -> {
            JsonNode rule = retry.get(key);
            if (rule == null || rule.isNull()) {
                return;
            }
            String path = "retry." + key;
            JsonNode r = object(rule, path, Set.of("delaySeconds", "maxAttempts"));
            if (!r.has("delaySeconds") || !r.has("maxAttempts")) {
                throw ApiError.badRequest(path + (r.has("delaySeconds") ? ".maxAttempts" : ".delaySeconds"),
                        path + " needs delaySeconds and maxAttempts");
            }
            int delay = integer(r, "delaySeconds", path + ".delaySeconds", 0, 30 * 86_400, 0);
            int attempts = integer(r, "maxAttempts", path + ".maxAttempts", 1, 20, 1);
            rules.put(outcome, new RetryRule(Duration.ofSeconds(delay), attempts));
        });
        return rules;
    }

    private static VoicemailPolicy voicemail(JsonNode node) {
        JsonNode v = object(node, "voicemail", Set.of("action", "message"));
        String action = choice(v, "action", "voicemail.action", Set.of("hangup", "leave_message"), "hangup");
        String message = text(v, "message", "voicemail.message", 2_000, false);
        if (action.equals("leave_message")) {
            if (message == null) {
                throw ApiError.badRequest("voicemail.message", "voicemail.message is required to leave a message");
            }
            return new VoicemailPolicy(VoicemailPolicy.Action.LEAVE_MESSAGE, message);
        }
        return new VoicemailPolicy(VoicemailPolicy.Action.HANG_UP, message);
    }

    /** {@code node} as an object with only {@code fields}; an absent or null node reads as {@code {}}. */
    private static JsonNode object(JsonNode node, String path, Set<String> fields) {
        if (node == null || node.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw ApiError.badRequest(path, path + " must be an object");
        }
        known(node, path + ".", fields);
        return node;
    }

    private static void known(JsonNode node, String prefix, Set<String> fields) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiError.badRequest(prefix + name, "unknown field " + prefix + name);
            }
        }
    }

    private static String text(JsonNode node, String key, String path, int max, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                throw ApiError.badRequest(path, path + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest(path, path + " must be a string");
        }
        String text = value.asText().strip();
        if (text.length() > max) {
            throw ApiError.badRequest(path, path + " must be at most " + max + " characters");
        }
        return text;
    }

    private static int integer(JsonNode node, String key, String path, int min, int max, int absent) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw ApiError.badRequest(path, path + " must be an integer " + min + ".." + max + " (was " + value + ")");
        }
        return value.asInt();
    }

    private static boolean bool(JsonNode node, String key, String path, boolean absent) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw ApiError.badRequest(path, path + " must be true or false");
        }
        return value.asBoolean();
    }

    private static String choice(JsonNode node, String key, String path, Set<String> allowed, String absent) {
        String text = text(node, key, path, 64, false);
        if (text == null) {
            return absent;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw ApiError.badRequest(path, path + " must be one of " + new java.util.TreeSet<>(allowed)
                    + " (was " + text + ")");
        }
        return lower;
    }

    private static LocalTime time(JsonNode node, String key, String path) {
        String text = text(node, key, path, 16, true);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(path, path + " must be a time HH:mm (was " + text + ")");
        }
    }

    private static LocalDate date(JsonNode node, String key) {
        String text = text(node, key, key, 16, false);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(key, key + " must be a date YYYY-MM-DD (was " + text + ")");
        }
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
