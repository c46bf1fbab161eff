package org.voxgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link CampaignSettings} to and from the JSON document in {@code campaigns.settings}. Written
 * out by hand rather than by Jackson's record binding so the stored shape is explicit and
 * stable: durations as whole seconds, dates and times as ISO text, enums by name.
 *
 * <pre>
 * {"windows":[{"days":["MONDAY"],"start":"09:00","end":"17:00"}],"startDate":"2026-12-01",
 *  "endDate":null,"callsPerSecond":2,"maxConcurrent":10,
 *  "retries":{"BUSY":{"delaySeconds":600,"maxAttempts":3}},
 *  "voicemail":{"action":"HANG_UP","message":null},"amd":{"enabled":true,"classifier":"STT"}}
 * </pre>
 *
 * <p>Stateless and thread-safe (the shared {@link ObjectMapper} is only used for trees and text).
 */
final class CampaignSettingsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CampaignSettingsJson() {
    }

    static String write(CampaignSettings s) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode windows = root.putArray("windows");
        for (CallingWindow w : s.windows()) {
            ObjectNode node = windows.addObject();
            ArrayNode days = node.putArray("days");
            EnumSet.copyOf(w.days()).forEach(d -> days.add(d.name()));
            node.put("start", w.start().toString());
            node.put("end", w.end().toString());
        }
        root.put("startDate", s.startDate() == null ? null : s.startDate().toString());
        root.put("endDate", s.endDate() == null ? null : s.endDate().toString());
        root.put("callsPerSecond", s.callsPerSecond());
        root.put("maxConcurrent", s.maxConcurrent());
        ObjectNode retries = root.putObject("retries");
        new TreeMap<>(s.retries()).forEach((outcome, rule) -> {
            ObjectNode node = retries.putObject(outcome);
            node.put("delaySeconds", rule.delay().toSeconds());
            node.put("maxAttempts", rule.maxAttempts());
        });
        ObjectNode voicemail = root.putObject("voicemail");
        voicemail.put("action", s.voicemail().action().name());
        voicemail.put("message", s.voicemail().message());
        ObjectNode amd = root.putObject("amd");
        amd.put("enabled", s.amd().enabled());
        amd.put("classifier", s.amd().classifier().name());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write campaign settings", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a valid settings document */
    static CampaignSettings read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("campaign settings are not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("campaign settings must be a JSON object");
        }
        List<CallingWindow> windows = new ArrayList<>();
        for (JsonNode w : root.path("windows")) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (JsonNode d : w.path("days")) {
                days.add(DayOfWeek.valueOf(d.asText()));
            }
            windows.add(new CallingWindow(days, LocalTime.parse(w.path("start").asText()),
                    LocalTime.parse(w.path("end").asText())));
        }
        Map<String, RetryRule> retries = new LinkedHashMap<>();
        root.path("retries").fields().forEachRemaining(e -> retries.put(e.getKey(), new RetryRule(
                Duration.ofSeconds(e.getValue().path("delaySeconds").asLong()),
                e.getValue().path("maxAttempts").asInt())));
        JsonNode vm = root.path("voicemail");
        VoicemailPolicy voicemail = vm.isObject()
                ? new VoicemailPolicy(VoicemailPolicy.Action.valueOf(vm.path("action").asText()), text(vm, "message"))
                : null;
        JsonNode amdNode = root.path("amd");
        AmdSettings amd = amdNode.isObject()
                ? new AmdSettings(amdNode.path("enabled").asBoolean(),
                        amdNode.hasNonNull("classifier")
                                ? AmdSettings.Classifier.valueOf(amdNode.path("classifier").asText()) : null)
                : null;
        String start = text(root, "startDate");
        String end = text(root, "endDate");
        return new CampaignSettings(windows, start == null ? null : LocalDate.parse(start),
                end == null ? null : LocalDate.parse(end), root.path("callsPerSecond").asInt(),
                root.path("maxConcurrent").asInt(), retries, voicemail, amd);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
