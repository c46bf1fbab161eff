package org.voxgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.voxgate.pipeline.tools.BuiltInTools;
import org.voxgate.pipeline.tools.ConfiguredTools;
import org.voxgate.pipeline.tools.ToolsFactory;
import org.voxgate.pipeline.tools.calendar.AppointmentCalendar;

/**
 * The tools of an agent bot: without a {@code tools} key every built-in (hang up, transfer,
 * DTMF), as before; with one, exactly what it lists, in the skillbase's shape
 * ({@code [{type: hang_up}, {type: book_appointment, calendar: main, slotMinutes: 30, ...},
 * {type: webhook, name: ..., url: ...}]}), built by {@link ConfiguredTools}. Errors name the key.
 *
 * <p>Immutable and thread-safe once built; one per node, used at start-up. The HTTP client is
 * shared by every bot's webhooks and lives as long as the process.
 */
final class AgentTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppointmentCalendar calendar;
    private final UnaryOperator<String> env;
    private HttpClient http;

    /**
     * @param calendar the node's appointment calendar, or null when it has none
     * @param env      environment lookup for webhook secrets
     */
    AgentTools(AppointmentCalendar calendar, UnaryOperator<String> env) {
        this.calendar = calendar;
        this.env = env;
    }

    ToolsFactory factory(BotDefinition bot) {
        Object entries = bot.settings().get("tools");
        if (entries == null) {
            return BuiltInTools.factory();
        }
        if (http == null) {
            http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                    .build();
        }
        try {
            return ConfiguredTools.from(JSON.valueToTree(entries),
                    new ConfiguredTools.Needs(bot.name(), calendar, http, env, Locale.ENGLISH));
        } catch (IllegalArgumentException e) {
            // The message starts with the entry's JSON Pointer (/tools/1/type: ...).
            throw new ConfigException("bots.agents." + bot.name() + ".tools: " + e.getMessage());
        }
    }
}
