package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.media.MediaConfig;
import org.voxgate.media.MediaSession;
import org.voxgate.media.RtpMediaEngine;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.tools.ConfiguredTools;
import org.voxgate.pipeline.tools.ConversationControl;
import org.voxgate.pipeline.tools.RecordedTools;
import org.voxgate.pipeline.tools.Tools;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.EndReason;
import org.voxgate.sip.TransferObserver;
import org.voxgate.store.Booking;
import org.voxgate.store.BookingQuery;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;
import org.voxgate.store.ToolCallRecord;

/**
 * The appointment tools on a call through the real wiring: the call handler's context, the
 * store-backed calendar, the durable writer. The call's clock is fixed on Monday 23 November
 * 2026, 08:00 UTC; the calendar is in London (GMT in November).
 */
class BookingToolsOnACallTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final String TOOLS = """
            [{"type": "hang_up"},
             {"type": "book_appointment", "calendar": "main", "slotMinutes": 30, "timeZone": "Europe/London",
              "hours": {"mon": "09:00-10:30", "tue": "09:00-17:00"}}]
            """;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private RtpMediaEngine media;
    private Store store;
    private CallRecordWriter writer;
    private HttpClient http;

    @BeforeEach
    void open() throws Exception {
        int base = TestPorts.freeUdpRange(4);
        media = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3, Duration.ofSeconds(30)),
                Clock.systemUTC()).start();
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        writer = new CallRecordWriter(store.calls(), dir.resolve("journal"), Clock.systemUTC());
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void close() {
        http.close();
        writer.close();
        store.close();
        media.close();
    }

    /** A bot that runs the given tool calls, as a model would, when it is opened. */
    private final class ToolBot implements Bot {
        final List<String> results = new CopyOnWriteArrayList<>();
        private final List<ToolCall> script;

        ToolBot(List<ToolCall> script) {
            this.script = script;
        }

        @Override public String name() { return "desk"; }

        @Override
        public BotSession open(CallContext call) {
            Clock fixed = Clock.fixed(NOW, ZoneOffset.UTC);
            var needs = new ConfiguredTools.Needs("desk", new StoreAppointmentCalendar(store.bookings(), fixed), http,
                    name -> null, Locale.ENGLISH);
            Tools tools = RecordedTools.of(call, ConfiguredTools.from(readTree(TOOLS), needs).create(call,
                    new ConversationControl() {
                        @Override public void hangUpAfterReply(String reason) { }
                        @Override public void transferFailed(String reason) { }
                    }));
            script.forEach(c -> results.add(tools.run(c)));
            return () -> { };
        }
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ToolBot call(String callId, List<ToolCall> script) throws Exception {
        ToolBot bot = new ToolBot(script);
        BotCallHandler handler = new BotCallHandler(List.of(bot), "desk", writer, new SimpleMeterRegistry(),
                Clock.fixed(NOW, ZoneOffset.UTC), new CallTransfers("", u -> false, null, Thread.ofVirtual().factory()));
        writer.callUpdated(new CallRecord(callId, "inbound", "+441234", "desk", "desk", NOW, null, null, null, null,
                List.of()));
        MediaSession session = media.open(callId);
        handler.onAnswered(new Answered(callId, session));
        session.close();
        assertThat(writer.flush(Duration.ofSeconds(20))).isTrue();
        return bot;
    }

    private static ToolCall tool(String name, String args) {
        return new ToolCall("id", name, args);
    }

    @Test
    void findsFreeSlotsBooksOneAndRecordsEveryToolCall() throws Exception {
        ToolBot bot = call("b-1", List.of(
                tool("find_free_slots", "{}"),
                tool("book_appointment", "{\"start\":\"2026-11-23T09:30\",\"name\":\"Ann Smith\"}"),
                tool("find_free_slots", "{\"day\":\"2026-11-23\"}")));

        JsonNode first = json.readTree(bot.results.get(0));
        assertThat(first.get("timeZone").asText()).isEqualTo("Europe/London");
        // Monday has three slots left after 08:00; the search goes on into Tuesday up to five.
        assertThat(first.get("slots")).extracting(slot -> slot.get("start").asText()).containsExactly(
                "2026-11-23T09:00", "2026-11-23T09:30", "2026-11-23T10:00", "2026-11-24T09:00", "2026-11-24T09:30");
        assertThat(first.get("slots").get(0).get("start").asText()).isEqualTo("2026-11-23T09:00");
        assertThat(first.get("slots").get(0).get("spoken").asText()).isEqualTo("Monday 23 November at 09:00");
        JsonNode booked = json.readTree(bot.results.get(1));
        assertThat(booked.get("booked").asBoolean()).isTrue();
        assertThat(booked.get("spoken").asText()).isEqualTo("Monday 23 November at 09:30");
        assertThat(json.readTree(bot.results.get(2)).get("slots")).extracting(s -> s.get("start").asText())
                .containsExactly("2026-11-23T09:00", "2026-11-23T10:00");

        Booking stored = store.bookings().find(booked.get("bookingId").asText()).orElseThrow();
        assertThat(stored.startsAt()).isEqualTo(Instant.parse("2026-11-23T09:30:00Z"));
        assertThat(stored.endsAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(stored.caller()).isEqualTo("sip:+441234@example.com");
        assertThat(stored.name()).isEqualTo("Ann Smith");
        assertThat(stored.bot()).isEqualTo("desk");
        assertThat(stored.callId()).isEqualTo("b-1");
        assertThat(stored.createdAt()).isEqualTo(NOW);

        List<ToolCallRecord> logged = store.calls().toolCalls("b-1");
        assertThat(logged).extracting(ToolCallRecord::seq).containsExactly(1, 2, 3);
        assertThat(logged).extracting(ToolCallRecord::tool)
                .containsExactly("find_free_slots", "book_appointment", "find_free_slots");
        assertThat(logged).allMatch(ToolCallRecord::ok);
        assertThat(json.readTree(logged.get(1).argumentsJson()).get("name").asText()).isEqualTo("Ann Smith");
        assertThat(logged.get(1).resultJson()).isEqualTo(bot.results.get(1));
    }

    @Test
    void refusalsAndATakenSlotAreResultsForTheModelAndLoggedAsNotOk() throws Exception {
        call("b-2", List.of(tool("book_appointment", "{\"start\":\"2026-11-24T10:00\",\"name\":\"First\"}")));

        ToolBot bot = call("b-3", List.of(
                tool("book_appointment", "{\"start\":\"2026-11-24T10:00\",\"name\":\"Second\"}"),
                tool("book_appointment", "{\"start\":\"2026-11-23T07:30\",\"name\":\"Early\"}"),
                tool("book_appointment", "{\"start\":\"2026-11-24T10:10\",\"name\":\"Odd\"}"),
                tool("book_appointment", "{\"start\":\"2026-11-25T10:00\",\"name\":\"Wednesday\"}"),
                tool("book_appointment", "{\"start\":\"2026-11-24T10:00\"}"),
                // 10:30 in New York is 15:30 in London: a free slot, given with an offset.
                tool("book_appointment", "{\"start\":\"2026-11-24T10:30-05:00\",\"name\":\"Offset\"}")));

        assertThat(bot.results.get(0)).contains("\"booked\":false").contains("already taken");
        assertThat(bot.results.get(1)).contains("past");
        assertThat(bot.results.get(2)).contains("every 30 minutes");
        assertThat(bot.results.get(3)).contains("closed on Wednesday");
        assertThat(bot.results.get(4)).contains("already taken"); // no name: the calling number stands in
        assertThat(json.readTree(bot.results.get(5)).get("spoken").asText()).isEqualTo("Tuesday 24 November at 15:30");
        assertThat(store.bookings().count(new BookingQuery("main", null, null, null, "booked"))).isEqualTo(2);
        assertThat(store.calls().toolCalls("b-3")).extracting(ToolCallRecord::ok)
                .containsExactly(false, false, false, false, false, true);
        assertThat(store.calls().toolCalls("b-3").get(0).error()).contains("already taken");
    }

    @Test
    void nextBooksTheEarliestFreeSlotAndTheCallingNumberStandsInForAName() throws Exception {
        ToolBot first = call("b-4", List.of(tool("book_appointment", "{\"start\":\"next\",\"name\":\"First\"}")));
        ToolBot second = call("b-5", List.of(tool("book_appointment", "{\"start\":\"next\"}")));

        JsonNode a = json.readTree(first.results.get(0));
        JsonNode b = json.readTree(second.results.get(0));
        assertThat(a.path("booked").asBoolean()).as(first.results.get(0)).isTrue();
        assertThat(b.path("booked").asBoolean()).as(second.results.get(0)).isTrue();
        assertThat(java.time.Instant.parse(a.path("startUtc").asText())).isAfter(NOW);
        // the earliest slot went to the first caller, so the second gets the one after it
        assertThat(java.time.Instant.parse(b.path("startUtc").asText()))
                .isEqualTo(java.time.Instant.parse(a.path("startUtc").asText()).plus(Duration.ofMinutes(30)));
        assertThat(b.path("name").asText()).contains("+441234");
    }

    /** The SIP layer's view of an answered inbound call to the bot {@code desk}. */
    private record Answered(String callId, MediaSession media) implements ActiveCall {
        @Override public String from() { return "sip:+441234@example.com"; }
        @Override public String to() { return "desk"; }
        @Override public String bot() { return "desk"; }
        @Override public void hangup(EndReason reason) { }
        @Override public void refer(String referToUri, TransferObserver observer) { }
    }
}
