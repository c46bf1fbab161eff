package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.voxgate.fakes.deepgram.FakeDeepgram;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.openai.FakeOpenAiChat;

/**
 * A bot with a {@code book_appointment} tool, end to end: the real server process, a SIPp call
 * speaking espeak-ng audio, the loopback Deepgram and OpenAI fakes (the model's script calls
 * the tool), and the admin API showing the booking and the call's tool calls afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingToolIT {
    private static final String DEEPGRAM_KEY = "dg-test-" + UUID.randomUUID();
    private static final String OPENAI_KEY = "sk-test-" + UUID.randomUUID();
    private final ObjectMapper json = new ObjectMapper();

    private Path work;
    private FakeDeepgram deepgram;
    private FakeOpenAiChat openai;
    private VoxgateProcess server;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("voxgate-booking-it");
        deepgram = FakeDeepgram.start(DEEPGRAM_KEY);
        openai = FakeOpenAiChat.start(OPENAI_KEY);
        Path config = work.resolve("voxgate.yaml");
        // Open every day in UTC, so the slot tomorrow at noon is bookable whenever this runs.
        Files.writeString(config, """
                bots:
                  agents:
                    desk:
                      mode: cascade
                      prompt: You are the front desk of a dental clinic.
                      greeting: Hello, how can I help?
                      stt: [{vendor: deepgram, model: nova-3}]
                      llm: [{vendor: openai, model: gpt-4o-mini}]
                      tts: {vendor: deepgram, model: aura-2-thalia-en}
                      turn-taking: {min-silence-ms: 300, max-silence-ms: 900}
                      review: false
                      tools:
                        - {type: hang_up}
                        - type: book_appointment
                          calendar: main
                          slotMinutes: 30
                          timeZone: UTC
                          hours: {mon: "08:00-18:00", tue: "08:00-18:00", wed: "08:00-18:00", thu: "08:00-18:00",
                                  fri: "08:00-18:00", sat: "08:00-18:00", sun: "08:00-18:00"}
                """);
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_CONFIG", config.toString(),
                "VOXGATE_PROVIDERS_DEEPGRAM_BASE_URL", deepgram.baseUrl(),
                "VOXGATE_PROVIDERS_OPENAI_BASE_URL", openai.baseUrl(),
                "DEEPGRAM_API_KEY", DEEPGRAM_KEY, "OPENAI_API_KEY", OPENAI_KEY)).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
        }
        if (deepgram != null) {
            deepgram.close();
        }
        if (openai != null) {
            openai.close();
        }
    }

    @Test
    void theModelBooksASlotThatTheApiThenShowsWithTheToolCallsOnTheCall() throws Exception {
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        short[] request = Audio.speak("I would like to book an appointment", work.resolve("speech"));
        short[] goodbye = Audio.speak("no thank you goodbye", work.resolve("speech"));
        deepgram.script("I would like to book an appointment tomorrow at noon for Ann Smith.",
                "No thank you, goodbye.");
        openai.enqueue(
                ScriptedReply.text(new String[0]).withToolCall("call_book", "book_appointment",
                        "{\"start\":\"" + day + "T12:00\",", "\"name\":\"Ann Smith\"}"),
                ScriptedReply.words("You are booked for tomorrow at noon. Anything else?"),
                ScriptedReply.words("Goodbye.").withToolCall("call_bye", "hang_up", "{}"),
                ScriptedReply.text(new String[0]));
        String callId;
        try (RtpPeer rtp = new RtpPeer()) {
            Sipp sipp = Sipp.scenario("uac-await-bye.xml", server.sipPort, work.resolve("sipp"));
            callId = sipp.callIdTag("book-" + UUID.randomUUID());
            Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + rtp.port() + ";desk;")).start(1, 120);
            assertThat(rtp.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
            CascadeCaller caller = new CascadeCaller(rtp);
            caller.awaitBotUtterance(0, 20); // greeting
            caller.awaitBotUtterance(caller.say(request), 20); // "You are booked ..."
            rtp.sendAudio(goodbye);
            caller.peer.silenceUntilDone(running, 30);
            Sipp.Result result = running.await();
            assertThat(result.exitCode()).as("the bot hung up: " + result.describe() + "\n" + server.logText()).isZero();
        }

        // What the model was given back for its tool call.
        JsonNode toolResult = null;
        for (JsonNode r : openai.requests()) {
            for (JsonNode m : r.path("messages")) {
                if (m.path("tool_call_id").asText().equals("call_book")) {
                    toolResult = json.readTree(m.path("content").asText());
                }
            }
        }
        assertThat(toolResult).as("the tool's result reached the model").isNotNull();
        assertThat(toolResult.path("booked").asBoolean()).as(toolResult.toString()).isTrue();
        String bookingId = toolResult.path("bookingId").asText();

        JsonNode bookings = server.getJson("/api/bookings?calendar=main&status=booked");
        assertThat(bookings.path("total").asInt()).isEqualTo(1);
        JsonNode booking = bookings.path("items").get(0);
        assertThat(booking.path("id").asText()).isEqualTo(bookingId);
        assertThat(booking.path("startsAt").asText()).isEqualTo(day + "T12:00:00Z");
        assertThat(booking.path("name").asText()).isEqualTo("Ann Smith");
        assertThat(booking.path("bot").asText()).isEqualTo("desk");
        assertThat(booking.path("callId").asText()).isEqualTo(callId);

        JsonNode record = server.awaitEndedCall(callId);
        JsonNode toolCalls = record.path("toolCalls");
        assertThat(toolCalls).extracting(t -> t.path("tool").asText()).containsExactly("book_appointment", "hang_up");
        assertThat(toolCalls.get(0).path("arguments").path("name").asText()).isEqualTo("Ann Smith");
        assertThat(toolCalls.get(0).path("result").path("bookingId").asText()).isEqualTo(bookingId);
        assertThat(toolCalls.get(0).path("ok").asBoolean()).isTrue();
        assertThat(toolCalls.get(1).path("ok").asBoolean()).isTrue();
    }
}
