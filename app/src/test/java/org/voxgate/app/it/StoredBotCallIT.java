package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bot created through {@code POST /api/bots} on the running server takes calls dialled to
 * its name (SIPp), and each call's record says which version of the bot it ran: a new version
 * applies to the next call.
 */
class StoredBotCallIT {
    private static final String CLINIC = """
            {"name":"clinic","mode":"cascade","greeting":"%s",
             "voice":{"stt":{"vendor":"local"},"tts":{"vendor":"local"}},
             "flow":{"type":"linear","states":[
               {"id":"ask","say":"Press one for the opening hours.","transitions":[{"to":"bye","dtmf":"1"}]},
               {"id":"bye","say":"Goodbye.","end":"hangup"}]}}""";

    @Test
    void callsToAStoredBotRecordTheVersionTheyRan() throws Exception {
        Path work = Files.createTempDirectory("voxgate-stored-bot-it");
        try (RtpPeer peer = new RtpPeer();
                VoxgateProcess server = new VoxgateProcess(work.resolve("node"), Map.of()).start()) {
            assertThat(server.post("/api/bots", CLINIC.formatted("Hello"), 201).path("version").asInt()).isEqualTo(1);

            JsonNode first = call(server, peer, work, "first");
            assertThat(first.path("bot").asText()).isEqualTo("clinic");
            assertThat(first.path("botVersion").asInt()).isEqualTo(1);

            assertThat(server.send("PUT", "/api/bots/clinic", CLINIC.formatted("Welcome")).statusCode()).isEqualTo(200);
            JsonNode second = call(server, peer, work, "second");
            assertThat(second.path("bot").asText()).isEqualTo("clinic");
            assertThat(second.path("botVersion").asInt()).isEqualTo(2);
            assertThat(server.logText()).contains("routed by bot name to bot clinic");
        }
    }

    private static JsonNode call(VoxgateProcess server, RtpPeer peer, Path work, String tag) throws Exception {
        Sipp scenario = Sipp.scenario("uac-hangup.xml", server.sipPort, work.resolve("sipp-" + tag));
        String callId = scenario.callIdTag("stored-" + tag + "-" + UUID.randomUUID());
        Sipp.Result result = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";clinic;"))
                .arg("-d", "1000").start(1, 30).await();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("endReason").asText()).isEqualTo("caller_hangup");
        return record;
    }
}
