package org.voxgate.pipeline.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.tools.calendar.AppointmentCalendar;
import org.voxgate.pipeline.tools.calendar.BookAppointmentTool;
import org.voxgate.pipeline.tools.calendar.SlotRules;
import org.voxgate.pipeline.tools.webhook.WebhookSpec;
import org.voxgate.pipeline.tools.webhook.WebhookTool;

/**
 * Builds a bot's {@link ToolsFactory} from the {@code tools} list of its skillbase: the listed
 * built-ins ({@code hang_up}, {@code transfer_to_human}, {@code send_dtmf}), the appointment
 * tools for each {@code book_appointment} entry and one tool per {@code webhook} entry. The
 * entries are expected to be validated already (the skillbase validator names bad fields);
 * what is still wrong here is refused with an {@link IllegalArgumentException} naming the
 * JSON Pointer path.
 *
 * <p>Threading: the built factory is immutable and thread-safe; it makes fresh per-call tools.
 */
public final class ConfiguredTools {
    private static final Set<String> BUILT_INS = Set.of("hang_up", "transfer_to_human", "send_dtmf");
    private static final Duration WEBHOOK_FIRST_BACKOFF = Duration.ofMillis(250);

    /**
     * What configured tools need from the application.
     *
     * @param bot      the bot's name (recorded on bookings, sent to webhooks)
     * @param calendar the bookings store; null when the node has none (then book_appointment is refused)
     * @param http     the shared HTTP client for webhooks (virtual-thread executor)
     * @param env      environment lookup for webhook secrets
     * @param locale   language of spoken times
     */
    public record Needs(String bot, AppointmentCalendar calendar, HttpClient http, UnaryOperator<String> env,
            Locale locale) {}

    private ConfiguredTools() {}

    /** The factory for {@code entries} (the skillbase's {@code tools} array). */
    public static ToolsFactory from(JsonNode entries, Needs needs) {
        Set<String> builtIns = new HashSet<>();
        List<Function<CallContext, Tools>> parts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (entries != null && !entries.isNull()) {
            if (!entries.isArray()) {
                throw new IllegalArgumentException("/tools: must be a list");
            }
            for (int i = 0; i < entries.size(); i++) {
                JsonNode e = entries.get(i);
                String path = "/tools/" + i;
                String type = e.path("type").asText("");
                if (BUILT_INS.contains(type)) {
                    builtIns.add(type);
                } else if ("book_appointment".equals(type)) {
                    parts.add(booking(e, path, needs));
                } else if ("webhook".equals(type)) {
                    WebhookSpec spec = webhook(e, path);
                    if (!names.add(spec.name())) {
                        throw new IllegalArgumentException(path + "/name: " + spec.name() + " is used twice");
                    }
                    parts.add(call -> new WebhookTool(call, spec, needs.bot(), needs.http(), needs.env(),
                            WEBHOOK_FIRST_BACKOFF));
                } else {
                    throw new IllegalArgumentException(path + "/type: unknown tool type " + type);
                }
            }
        }
        Set<String> offered = Set.copyOf(builtIns);
        return (call, control) -> {
            List<Tools> tools = new ArrayList<>();
            tools.add(CompositeTools.only(List.of(new BuiltInTools(call, control)), offered));
            parts.forEach(p -> tools.add(p.apply(call)));
            return CompositeTools.of(tools);
        };
    }

    private static Function<CallContext, Tools> booking(JsonNode e,
            String path, Needs needs) {
        if (needs.calendar() == null) {
            throw new IllegalArgumentException(path + ": this node has no appointment calendar");
        }
        String calendarName = e.path("calendar").asText("main");
        Map<String, String> hours = new LinkedHashMap<>();
        e.path("hours").fields().forEachRemaining(f -> hours.put(f.getKey(), f.getValue().asText()));
        SlotRules rules;
        try {
            rules = SlotRules.of(e.path("slotMinutes").asInt(30), e.path("timeZone").asText("UTC"), hours);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(path + "/" + ex.getMessage(), ex);
        }
        return call -> new BookAppointmentTool(call, calendarName, rules, needs.calendar(), needs.bot(),
                needs.locale());
    }

    private static WebhookSpec webhook(JsonNode e, String path) {
        try {
            return new WebhookSpec(e.path("name").asText(""), e.path("description").asText(""),
                    URI.create(e.path("url").asText("")), e.hasNonNull("secretEnv") ? e.get("secretEnv").asText() : null,
                    Duration.ofMillis(e.path("timeoutMs").asLong(5000)), e.path("retries").asInt(2),
                    e.has("parameters") ? e.get("parameters").toString() : null);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(path + ": " + ex.getMessage(), ex);
        }
    }
}
