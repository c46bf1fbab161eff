package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.ConversationControl;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/** An agent's {@code tools} key in voxgate.yaml, built into the tools its calls offer. */
class AgentToolsTest {
    private static final String BOT = """
            bots:
              agents:
                concierge:
                  mode: cascade
                  prompt: You are the front desk of a dental clinic.
                  stt: {vendor: deepgram}
                  llm: {vendor: openai, model: gpt-4o-mini}
                  tts: {vendor: deepgram}
                  tools:
                    - {type: hang_up}
                    - {type: book_appointment, calendar: main, slotMinutes: 30, timeZone: Europe/London,
                       hours: {mon: "09:00-17:00", tue: "09:00-13:00"}}
                    - {type: webhook, name: lookup_order, url: "http://127.0.0.1:9/hook", timeoutMs: 1000}
            """;
    private static final Map<String, String> KEYS = Map.of("DEEPGRAM_API_KEY", "dg", "OPENAI_API_KEY", "oa");

    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private VoxgateConfig load(String yaml) throws Exception {
        Path file = dir.resolve("voxgate.yaml");
        Files.writeString(file, yaml);
        return VoxgateConfig.from(ConfigTree.load(file, Map.of()));
    }

    private AgentTools tools() {
        return new AgentTools(new StoreAppointmentCalendar(store.bookings(), Clock.systemUTC()), name -> null);
    }

    private static final CallContext CALL = new CallContext() {
        @Override public String callId() { return "c"; }
        @Override public String caller() { return "+441234"; }
        @Override public String callee() { return "desk"; }
        @Override public AudioChannel audio() { return null; }
        @Override public Clock clock() { return Clock.systemUTC(); }
        @Override public void hangup(String reason) { }
        @Override public void transfer(TransferRequest request) { }
        @Override public void recordTurn(Speaker speaker, String text, Instant start, Instant end) { }
    };

    private static final ConversationControl CONTROL = new ConversationControl() {
        @Override public void hangUpAfterReply(String reason) { }
        @Override public void transferFailed(String reason) { }
    };

    @Test
    void aBotOffersExactlyTheToolsItLists() throws Exception {
        VoxgateConfig config = load(BOT);
        BotDefinition concierge = config.agents().get(0);

        List<ToolSpec> specs = tools().factory(concierge.name(), AgentTools.choice(concierge)).create(CALL, CONTROL).specs();

        assertThat(specs).extracting(ToolSpec::name)
                .containsExactly("hang_up", "find_free_slots", "book_appointment", "lookup_order");
        List<Bot> bots = AgentBots.build(config.agents(), List.of(), new SimpleMeterRegistry(),
                new ProviderCatalog(config.providers(), KEYS, new SimpleMeterRegistry(), config.offlineBots()), tools());
        assertThat(bots).extracting(Bot::name).containsExactly("concierge");
    }

    @Test
    void withoutAToolsKeyABotKeepsEveryBuiltIn() throws Exception {
        VoxgateConfig config = load(BOT.substring(0, BOT.indexOf("      tools:")));

        BotDefinition plain = config.agents().get(0);
        assertThat(tools().factory(plain.name(), AgentTools.choice(plain)).create(CALL, CONTROL).specs()).extracting(ToolSpec::name)
                .containsExactly("hang_up", "transfer_to_human", "send_dtmf");
    }

    @Test
    void aBadToolEntryNamesItsKey() throws Exception {
        VoxgateConfig unknown = load(BOT.replace("{type: hang_up}", "{type: teleport}"));
        assertThatThrownBy(() -> build(unknown, tools())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bots.agents.concierge.tools").hasMessageContaining("type teleport");
        VoxgateConfig badHours = load(BOT.replace("mon: \"09:00-17:00\"", "mon: \"9 to 5\""));
        assertThatThrownBy(() -> build(badHours, tools())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("/hours/mon");
        VoxgateConfig noCalendar = load(BOT);
        assertThatThrownBy(() -> build(noCalendar, AgentTools.BUILT_INS_ONLY)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no appointment calendar");
    }

    private static List<Bot> build(VoxgateConfig config, AgentTools tools) {
        return AgentBots.build(config.agents(), List.of(), new SimpleMeterRegistry(),
                new ProviderCatalog(config.providers(), KEYS, new SimpleMeterRegistry(), config.offlineBots()), tools);
    }
}
