package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped English receptionist skillbase (conf/bots/receptionist-en.yaml), stored at first
 * start, runs its flow with no language model: a SIPp call speaks to it with espeak-ng
 * ("I would like to book an appointment", "yes please"), the local recognizer follows the
 * flow, the flow's action books the next free slot, and the booking shows up in
 * {@code GET /api/bookings} with the call's turns, tool calls, bot version and cost.
 */
class ReceptionistBookingIT {

    @Test
    void aSpokenCallToTheExampleReceptionistBooksASlotThatTheApiShows() throws Exception {
        Path work = Files.createTempDirectory("voxgate-receptionist-booking-it");
        Path examples = Path.of("..", "conf", "bots").toAbsolutePath().normalize();
        short[] request = Audio.speak("I would like to book an appointment", work.resolve("speech"));
        short[] yes = Audio.speak("yes please", work.resolve("speech"));
        String callId;
        try (VoxgateProcess server = new VoxgateProcess(work.resolve("node"),
                Map.of("VOXGATE_BOTS_EXAMPLES", examples.toString())).start()) {
            JsonNode bot = server.getJson("/api/bots/receptionist-en");
            assertThat(bot.path("version").asInt()).as("the example was stored at first start").isEqualTo(1);

            try (RtpPeer peer = new RtpPeer()) {
                Sipp sipp = Sipp.scenario("uac-await-bye.xml", server.sipPort, work.resolve("sipp"));
                callId = sipp.callIdTag("booking-" + UUID.randomUUID());
                Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";receptionist-en;"))
                        .arg("-d", "0").start(1, 120);
                assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
                CallPeer caller = new CallPeer(peer);
                assertThat(caller.awaitBotUtterance(0, CallPeer.PROMPT_DONE_MILLIS, 40)).as("greeting")
                        .isGreaterThanOrEqualTo(0);
                peer.sendAudio(request);
                int afterRequest = peer.receivedSamples();
                assertThat(caller.awaitBotUtterance(afterRequest, CallPeer.PROMPT_DONE_MILLIS, 40))
                        .as("the bot offered a slot\n" + server.logText()).isGreaterThanOrEqualTo(0);
                peer.sendAudio(yes);
                caller.silenceUntilDone(running, 60);
                Sipp.Result result = running.await();
                assertThat(result.exitCode()).as("the bot hung up\n" + result.describe() + "\n" + server.logText())
                        .isZero();
            }

            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("bot").asText()).isEqualTo("receptionist-en");
            assertThat(record.path("botVersion").asInt()).isEqualTo(1);
            assertThat(record.path("endReason").asText()).isEqualTo("bot_hangup");
            List<String> callerTurns = new ArrayList<>();
            record.path("turns").forEach(t -> {
                if (t.path("speaker").asText().equals("caller")) {
                    callerTurns.add(t.path("text").asText());
                }
            });
            assertThat(String.join(" | ", callerTurns)).containsIgnoringCase("appointment").containsIgnoringCase("yes");
            assertThat(record.path("turns").toString()).contains("booked for");
            JsonNode booking = record.path("toolCalls").get(0);
            assertThat(booking.path("tool").asText()).isEqualTo("book_appointment");
            assertThat(booking.path("ok").asBoolean()).as(record.path("toolCalls").toString()).isTrue();
            assertThat(record.path("cost").path("currency").asText()).isEqualTo("USD");
            assertThat(record.path("cost").path("total").decimalValue()).isZero(); // offline engines are free

            JsonNode bookings = server.getJson("/api/bookings?calendar=main");
            assertThat(bookings.path("total").asInt()).isEqualTo(1);
            JsonNode item = bookings.path("items").get(0);
            assertThat(item.path("callId").asText()).isEqualTo(callId);
            assertThat(item.path("bot").asText()).isEqualTo("receptionist-en");
            assertThat(item.path("status").asText()).isEqualTo("booked");
        }
    }
}
