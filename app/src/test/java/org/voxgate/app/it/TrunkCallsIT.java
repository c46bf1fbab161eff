package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trunks for real: the server process places calls through POST /api/calls to SIPp playing a
 * carrier (digest challenge with 401 or 407, busy, decline, no answer) and takes calls from
 * SIPp callers that are (or are not) a trunk's source address. Every peer is on loopback;
 * other loopback addresses (127.0.0.2, 127.0.0.3) play sources outside and inside a trunk.
 * Keep-alive is set to an hour here so that OPTIONS never reach the single-call SIPp carriers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrunkCallsIT {
    private static final String SECRET = "s3cret-carrier";
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-trunks-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of(
                "VOXGATE_SIP_TRUNKS_OPTIONS_INTERVAL_SECONDS", "3600",
                "VOXGATE_SIP_TRUNKS_RING_TIMEOUT_SECONDS", "4",
                // SIPp answers only the first challenge and cannot do SHA-256
                "VOXGATE_SIP_DIGEST_ALGORITHMS", "md5,sha-256")).start();
        server.post("/api/trunks", """
                {"name":"pbx","inboundSources":["127.0.0.3/32"]}""", 201);
        server.post("/api/numbers", """
                {"number":"+1 415 555 0123","bot":"echo","trunk":"pbx"}""", 201);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
        }
    }

    /** A carrier trunk pointing at a SIPp UAS on a free port. */
    private int carrierTrunk(String name) throws Exception {
        int port = FreePorts.udpAndTcp();
        server.post("/api/trunks", """
                {"name":"%s","peerHost":"127.0.0.1","peerPort":%d,"outboundUsername":"voxgate",
                 "outboundSecret":"%s","fromUser":"+442071234567","defaultBot":"receptionist"}"""
                .formatted(name, port, SECRET), 201);
        return port;
    }

    private String placeCall(String trunk) throws Exception {
        JsonNode placed = server.post("/api/calls", """
                {"to":"(415) 555-0199","trunk":"%s","variables":{"customer":"42"}}""".formatted(trunk), 202);
        return placed.get("callId").asText();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 407})
    void outboundCallAnswersTheCarriersChallengeAndTheCalleeHearsTheBot(int challenge) throws Exception {
        String trunk = "carrier-" + challenge;
        int port = carrierTrunk(trunk);
        boolean www = challenge == 401;
        Map<String, String> placeholders = Map.of(
                "AUTH_STATUS", Integer.toString(challenge),
                "AUTH_HEADER", www ? "WWW-Authenticate" : "Proxy-Authenticate",
                "CRED_HEADER", www ? "Authorization" : "Proxy-Authorization",
                // SIPp checks the digest itself for Authorization; for Proxy-Authorization it can
                // only check the answer's form, and the shared code path is proven by the 401 run.
                "VERIFY", www ? "<verifyauth assign_to=\"authvalid\" username=\"voxgate\" password=\"[password]\"/>"
                        : "<ereg regexp=\"response=\\\"[0-9a-f]{32}\\\".*qop=auth\" search_in=\"hdr\" "
                                + "header=\"Proxy-Authorization:\" assign_to=\"authvalid\"/>");
        try (RtpPeer callee = new RtpPeer()) {
            Sipp.Running carrier = Sipp.uas("uas-carrier.xml", placeholders, port, work.resolve("carrier-" + challenge))
                    .arg("-key", "rtp_port", Integer.toString(callee.port()), "-key", "password", SECRET)
                    .start(1, 60);
            Thread.sleep(500); // SIPp binds its port
            String callId = placeCall(trunk);
            JsonNode ringing = server.getJson("/api/calls/" + URLs.encode(callId));
            assertThat(ringing.path("direction").asText()).isEqualTo("outbound");
            assertThat(ringing.path("trunk").asText()).isEqualTo(trunk);

            assertThat(callee.awaitServer(15, TimeUnit.SECONDS)).as("the bot's RTP reached the callee").isTrue();
            short[] greeting = firstSecondsOfSpeech(callee, 2);
            // Speech: loud frames with the odd pause, at a voice-like zero-crossing rate (a tone
            // or noise would sit far outside this band).
            assertThat(Audio.activeFraction(greeting, CallPeer.LOUD_DBFS)).isBetween(0.3, 1.0);
            assertThat(Audio.zeroCrossingRate(greeting)).isBetween(0.02, 0.4);

            assertThat(server.send("DELETE", "/api/calls/" + URLs.encode(callId), null).statusCode()).isEqualTo(202);
            Sipp.Result result = carrier.await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
            JsonNode record = server.awaitEndedCall(URLs.encode(callId));
            assertThat(record.path("outcome").asText()).isEqualTo("ANSWERED");
            assertThat(record.path("sipStatus").asInt()).isEqualTo(200);
            assertThat(record.path("endReason").asText()).isEqualTo("admin_hangup");
            assertThat(record.path("to").asText()).isEqualTo("+14155550199");
            assertThat(record.path("from").asText()).isEqualTo("+442071234567");
            assertThat(record.path("bot").asText()).isEqualTo("receptionist");
            assertThat(record.path("codec").asText()).isEqualTo("PCMU");
            assertThat(server.logText()).as("the carrier's 183 started media before the answer")
                    .contains("callId=" + callId + " - early media from");
        }
    }

    /**
     * Sends silence like a phone until {@code seconds} of audio have arrived after the first
     * loud frame, and returns them. Waits on the audio itself, not on gaps between packets, so
     * a busy machine that delays a packet cannot cut the greeting short.
     */
    private static short[] firstSecondsOfSpeech(RtpPeer callee, int seconds) throws Exception {
        CallPeer caller = new CallPeer(callee);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int start = -1;
        int wanted = seconds * 8000;
        while (System.nanoTime() < deadline) {
            callee.sendSilence(100);
            int received = callee.receivedSamples();
            if (start < 0) {
                start = caller.firstLoudFrame(0, received);
            }
            if (start >= 0 && received - start >= wanted) {
                return callee.received(start, start + wanted);
            }
        }
        throw new AssertionError("no " + seconds + " s of bot speech within 30 s (first loud sample " + start + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"486:BUSY", "603:REJECTED", "600:BUSY", "503:FAILED"})
    void finalFailuresAreRecordedAsOutcomes(String statusAndOutcome) throws Exception {
        String status = statusAndOutcome.split(":")[0];
        String trunk = "fail-" + status;
        int port = carrierTrunk(trunk);
        Sipp.Running carrier = Sipp.uas("uas-carrier-final.xml", Map.of("FINAL_STATUS", status, "RING_MS", "300"),
                port, work.resolve("final-" + status)).start(1, 30);
        Thread.sleep(500);
        String callId = placeCall(trunk);
        Sipp.Result result = carrier.await();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode record = server.awaitEndedCall(URLs.encode(callId));
        assertThat(record.path("outcome").asText()).isEqualTo(statusAndOutcome.split(":")[1]);
        assertThat(record.path("sipStatus").asInt()).isEqualTo(Integer.parseInt(status));
        assertThat(record.path("endReason").asText()).isEqualTo("not_answered");
        assertThat(record.path("answeredAt").isNull()).isTrue();
    }

    @Test
    void aCalleeWhoNeverAnswersIsCancelledAtTheRingTimeout() throws Exception {
        int port = carrierTrunk("ringing");
        Sipp.Running carrier = Sipp.uas("uas-carrier-ring.xml", Map.of(), port, work.resolve("ring")).start(1, 30);
        Thread.sleep(500);
        long placedAt = System.nanoTime();
        String callId = placeCall("ringing");
        Sipp.Result result = carrier.await();
        assertThat(result.exitCode()).as("the carrier saw CANCEL and sent 487: " + result.describe()).isZero();
        JsonNode record = server.awaitEndedCall(URLs.encode(callId));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - placedAt)).as("not before the ring timeout")
                .isGreaterThanOrEqualTo(4000);
        assertThat(record.path("outcome").asText()).isEqualTo("NO_ANSWER");
        assertThat(record.path("sipStatus").asInt()).isEqualTo(487);
    }

    @Test
    void abortingARingingCallCancelsIt() throws Exception {
        int port = carrierTrunk("abort");
        Sipp.Running carrier = Sipp.uas("uas-carrier-ring.xml", Map.of(), port, work.resolve("abort")).start(1, 30);
        Thread.sleep(500);
        String callId = placeCall("abort");
        Thread.sleep(1000); // ringing by now
        assertThat(server.send("POST", "/api/calls/" + URLs.encode(callId) + "/hangup", null).statusCode()).isEqualTo(202);
        Sipp.Result result = carrier.await();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode record = server.awaitEndedCall(URLs.encode(callId));
        assertThat(record.path("outcome").asText()).isEqualTo("CANCELLED");
        assertThat(record.path("endReason").asText()).isEqualTo("admin_hangup");
    }

    @Test
    void limitsAndBadRequestsAreRefusedNamingTheField() throws Exception {
        assertThat(server.send("POST", "/api/calls", "{\"to\":\"+14155550199\",\"trunk\":\"nope\"}").body())
                .contains("\"field\":\"trunk\"");
        server.post("/api/trunks", """
                {"name":"tiny","peerHost":"127.0.0.1","peerPort":9,"callsPerSecond":1}""", 201);
        server.post("/api/calls", "{\"to\":\"+14155550199\",\"trunk\":\"tiny\",\"bot\":\"echo\"}", 202);
        var refused = server.send("POST", "/api/calls", "{\"to\":\"+14155550198\",\"trunk\":\"tiny\",\"bot\":\"echo\"}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("calls per second").contains("\"field\":\"trunk\"");
        var notANumber = server.send("POST", "/api/calls", "{\"to\":\"hello\",\"trunk\":\"tiny\"}");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("\"field\":\"to\"");
    }

    @Test
    void aCallerFromNoTrunkWithoutValidCredentialsNeverReachesABot() throws Exception {
        Sipp sipp = Sipp.scenario("uac-auth-refused.xml", server.sipPort, work.resolve("intruder")).from("127.0.0.2");
        String callId = sipp.callIdTag("intruder-" + UUID.randomUUID());
        Sipp.Result result = sipp.inject(List.of("echo;")).start(1, 30).await();
        assertThat(result.exitCode()).as("401 then 403: " + result.describe()).isZero();
        assertThat(server.get("/api/calls/" + URLs.encode(callId)).statusCode()).as("no call record").isEqualTo(404);
        assertThat(server.logText()).as("the INVITE was never routed to a bot")
                .doesNotContain("callId=" + callId + " - routed");
        assertThat(server.metric("voxgate_sip_invites_refused_total{why=\"unauthenticated\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aCallFromATrunksAddressReachesTheBotMappedToItsNumber() throws Exception {
        try (RtpPeer peer = new RtpPeer()) {
            Sipp sipp = Sipp.scenario("uac-hangup.xml", server.sipPort, work.resolve("pbx-call")).from("127.0.0.3");
            String callId = sipp.callIdTag("pbx-" + UUID.randomUUID());
            Sipp.Result result = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";4155550123;"))
                    .arg("-d", "2000").start(1, 30).await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
            JsonNode record = server.awaitEndedCall(URLs.encode(callId));
            assertThat(record.path("bot").asText()).isEqualTo("echo");
            assertThat(record.path("trunk").asText()).isEqualTo("pbx");
            assertThat(record.path("outcome").asText()).isEqualTo("ANSWERED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "trunk"})
    void aCallerFromNoTrunksAddressWithValidDigestCredentialsReachesABot(String kind) throws Exception {
        String username = "digest-" + kind;
        String password = "secret-of-" + kind;
        if (kind.equals("user")) {
            server.post("/api/sip-users", "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password), 201);
        } else {
            server.post("/api/trunks", "{\"name\":\"pbx-digest\",\"inboundUsername\":\"%s\",\"inboundPassword\":\"%s\"}"
                    .formatted(username, password), 201);
        }
        try (RtpPeer peer = new RtpPeer()) {
            Sipp sipp = Sipp.scenario("uac-digest-call.xml", server.sipPort, work.resolve("digest-" + kind))
                    .from("127.0.0.2");
            String callId = sipp.callIdTag("digest-" + kind + "-" + UUID.randomUUID());
            Sipp.Result result = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";echo;" + username + ";"))
                    .arg("-au", username, "-ap", password, "-d", "1000").start(1, 30).await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
            JsonNode record = server.awaitEndedCall(URLs.encode(callId));
            assertThat(record.path("bot").asText()).isEqualTo("echo");
            assertThat(record.path("outcome").asText()).isEqualTo("ANSWERED");
            assertThat(record.path("trunk").isNull()).as("a user's call has no trunk").isEqualTo(kind.equals("user"));
        }
    }

    @Test
    void aCallToASipUserForksToItsContactsAndTheFirstAnswerWins() throws Exception {
        server.post("/api/sip-users", "{\"username\":\"forky\",\"password\":\"forky-secret\"}", 201);
        int ringingPort = FreePorts.udpAndTcp();
        int answeringPort = FreePorts.udpAndTcp();
        for (int port : new int[] {ringingPort, answeringPort}) {
            // registered from the Contact's own address, as a phone not behind NAT: calls then go
            // to the Contact (a NAT'd binding would be called at the REGISTER's source port)
            Sipp.Result registered = Sipp.scenario("uac-register.xml", server.sipPort, work.resolve("register-" + port))
                    .fromPort(port).inject(List.of("forky;[authentication username=forky password=forky-secret];600;<sip:forky@127.0.0.1:"
                            + port + ">;")).start(1, 30).await();
            assertThat(registered.exitCode()).as(registered.describe()).isZero();
        }
        try (RtpPeer phone = new RtpPeer()) {
            Sipp.Running ringing = Sipp.uas("uas-carrier-ring.xml", Map.of(), ringingPort, work.resolve("fork-ringing"))
                    .start(1, 60);
            Sipp.Running answering = Sipp.uas("uas-answer.xml", Map.of(), answeringPort, work.resolve("fork-answering"))
                    .arg("-key", "rtp_port", Integer.toString(phone.port())).start(1, 60);
            Thread.sleep(500);
            String callId = server.post("/api/calls", "{\"sipUser\":\"forky\",\"bot\":\"echo\"}", 202)
                    .get("callId").asText();

            assertThat(phone.awaitServer(15, TimeUnit.SECONDS)).as("media with the contact that answered").isTrue();
            Sipp.Result cancelled = ringing.await();
            assertThat(cancelled.exitCode()).as("the other contact got CANCEL: " + cancelled.describe()).isZero();

            assertThat(server.send("DELETE", "/api/calls/" + URLs.encode(callId), null).statusCode()).isEqualTo(202);
            Sipp.Result answered = answering.await();
            assertThat(answered.exitCode()).as("the answering contact got BYE: " + answered.describe()).isZero();
            JsonNode record = server.awaitEndedCall(URLs.encode(callId));
            assertThat(record.path("outcome").asText()).isEqualTo("ANSWERED");
            assertThat(record.path("direction").asText()).isEqualTo("outbound");
            assertThat(record.path("to").asText()).isEqualTo("forky");
        }
    }

    @Test
    void anUnknownNumberFromATrunkGets404() throws Exception {
        Sipp sipp = Sipp.scenario("uac-expect-404.xml", server.sipPort, work.resolve("unknown")).from("127.0.0.3");
        Sipp.Result result = sipp.inject(List.of("+14155550999;")).start(1, 30).await();
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }
}
