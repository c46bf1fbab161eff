package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.voxgate.pipeline.tools.BuiltInTools;
import org.voxgate.pipeline.tools.ConfiguredTools;
import org.voxgate.pipeline.tools.ToolsFactory;
import org.voxgate.pipeline.tools.calendar.AppointmentCalendar;

/**
 * Makes the tools a bot's calls offer from its {@link ToolChoice}: every built-in (hang up,
 * transfer, DTMF) when a {@code bots.agents} bot lists none, otherwise exactly the listed
 * built-ins plus its own {@code book_appointment} and {@code webhook} tools, built by
 * {@link ConfiguredTools} over the node's appointment calendar and the environment (webhook
 * secrets). The same for {@code bots.agents} bots and stored skillbases.
 *
 * <p>Thread-safe; one per node. The HTTP client is shared by every bot's webhooks, made on
 * first need under a lock, and lives as long as the process.
 */
final class AgentTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** For nodes and tests without a calendar or webhook secrets: a booking tool is refused. */
    static final AgentTools BUILT_INS_ONLY = new AgentTools(null, name -> null);

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

    /**
     * The per-call tools of {@code bot}.
     *
     * @throws IllegalArgumentException naming the JSON Pointer of a tool entry that cannot be
     *     made (no calendar on this node, bad opening hours, ...)
     */
    ToolsFactory factory(String bot, ToolChoice choice) {
        if (choice.equals(ToolChoice.ALL_BUILT_INS)) {
            return BuiltInTools.factory();
        }
        return ConfiguredTools.from(choice.asToolList(), new ConfiguredTools.Needs(bot, calendar, http(), env,
                Locale.ENGLISH));
    }

    /** The {@code tools} key of a {@code bots.agents} bot: absent means every built-in. */
    static ToolChoice choice(BotDefinition bot) {
        Object entries = bot.settings().get("tools");
        if (entries == null) {
            return ToolChoice.ALL_BUILT_INS;
        }
        JsonNode list = JSON.valueToTree(entries);
        if (!list.isArray()) {
            throw new ConfigException(bot.key("tools") + " must be a list of {type: ...} entries");
        }
        return ToolChoice.fromList(list);
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        }
        return http;
    }
}
