package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.voxgate.app.it.SippCarrier.Behaviour;

/**
 * The campaign carrier proven against the real server: one call per {@link Behaviour} placed at
 * once through POST /api/calls on a trunk pointing at {@link SippCarrier}; each call's record
 * shows the outcome the carrier played, and the carrier's own log saw every INVITE once, saw
 * every call end, and measured the calls it held at once. The trunk's OPTIONS keep-alive runs
 * every second: the carrier answers it between and beside the calls, and logs nothing for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignCarrierIT {
    private static final int RING_TIMEOUT_SECONDS = 4;
    /** Rings long enough that the failures are still up when the last INVITE of the batch lands. */
    private static final SippCarrier.Timings TIMINGS = new SippCarrier.Timings(1500, 4000, 3000);
    private Path work;
    private VoxgateProcess server;
    private SippCarrier carrier;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("voxgate-campaign-carrier-it");
        carrier = SippCarrier.start(work.resolve("carrier"), TIMINGS);
        server = new VoxgateProcess(work.resolve("node"), Map.of(
                "VOXGATE_SIP_TRUNKS_RING_TIMEOUT_SECONDS", Integer.toString(RING_TIMEOUT_SECONDS),
                "VOXGATE_SIP_TRUNKS_OPTIONS_INTERVAL_SECONDS", "1")).start();
        server.post("/api/trunks", """
                {"name":"carrier","peerHost":"%s","peerPort":%d,"fromUser":"+442071234567",
                 "defaultBot":"receptionist"}""".formatted(carrier.host(), carrier.port()), 201);
    }

    @AfterAll
    void stop() throws Exception {
        if (carrier != null) {
            carrier.close();
        }
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void everyBehaviourEndsAsTheCarrierPlaysItAndTheCarrierCountsEachInviteOnce() throws Exception {
        Map<Behaviour, String> callIds = new EnumMap<>(Behaviour.class);
        for (Behaviour b : Behaviour.values()) {
            JsonNode placed = server.post("/api/calls", """
                    {"to":"%s","trunk":"carrier"}""".formatted(b.number(b.ordinal())), 202);
            callIds.put(b, placed.get("callId").asText());
        }

        // the voicemail call is the longest: ring, greeting and beep (up to 7.8 s), recording
        Duration longest = Duration.ofMillis(TIMINGS.ringMillis() + 7800 + TIMINGS.voicemailRecordMillis() + 15_000);
        Map<Behaviour, JsonNode> records = new EnumMap<>(Behaviour.class);
        for (Behaviour b : Behaviour.values()) {
            records.put(b, server.awaitEndedCall(URLs.encode(callIds.get(b)), longest));
        }
        for (Behaviour b : new Behaviour[] {Behaviour.HUMAN, Behaviour.VOICEMAIL}) {
            JsonNode r = records.get(b);
            assertThat(r.path("outcome").asText()).as(b + ": " + r).isEqualTo("ANSWERED");
            assertThat(r.path("sipStatus").asInt()).as(b + ": " + r).isEqualTo(200);
            assertThat(r.path("endReason").asText()).as(b + " ends by the carrier's BYE: " + r)
                    .isEqualTo("callee_hangup");
            assertThat(r.path("codec").asText()).isEqualTo("PCMU");
            assertThat(packetsIn(callIds.get(b))).as(b + ": the carrier's audio reached us (20 ms packets)")
                    .isGreaterThan(TIMINGS.humanHoldMillis() / 20 / 2);
        }
        JsonNode voicemail = records.get(Behaviour.VOICEMAIL);
        assertThat(Duration.between(Instant.parse(voicemail.path("answeredAt").asText()),
                Instant.parse(voicemail.path("endedAt").asText())))
                .as("the voicemail holds through greeting (5 s or more), beep and recording")
                .isGreaterThanOrEqualTo(Duration.ofMillis(5000 + 500 + TIMINGS.voicemailRecordMillis()));
        assertFailed(records.get(Behaviour.BUSY), "BUSY", 486);
        assertFailed(records.get(Behaviour.REJECTED), "REJECTED", 603);
        assertFailed(records.get(Behaviour.FAILED), "FAILED", 503);
        JsonNode ringsOut = records.get(Behaviour.RINGS_OUT);
        assertThat(ringsOut.path("outcome").asText()).as(ringsOut.toString()).isEqualTo("NO_ANSWER");
        assertThat(ringsOut.path("sipStatus").asInt()).as("the carrier's 487 after our CANCEL").isEqualTo(487);

        JsonNode live = server.getJson("/api/trunks/carrier").path("live");
        assertThat(live.path("options").asText()).as("keep-alive answered: " + live).isEqualTo("up");
        assertThat(live.path("lastOptionsStatus").asInt()).isEqualTo(200);

        CarrierLog log = carrier.stop();
        assertThat(log.total()).as(log + "\n" + carrier.describe()).isEqualTo(Behaviour.values().length);
        assertThat(log.unended()).as("every call ended at the carrier").isEmpty();
        Map<String, String> endByNumber = new HashMap<>();
        for (CarrierLog.Call c : log.calls()) {
            endByNumber.put(c.number(), c.end());
        }
        Map<Behaviour, String> expectedEnd = Map.of(Behaviour.HUMAN, "bye_sent", Behaviour.VOICEMAIL, "bye_sent",
                Behaviour.BUSY, "final_486", Behaviour.REJECTED, "final_603", Behaviour.FAILED, "final_503",
                Behaviour.RINGS_OUT, "cancel_received");
        for (Behaviour b : Behaviour.values()) {
            String number = b.number(b.ordinal()).substring(1); // the carrier logs the user part without +
            assertThat(log.invitesPerNumber().get(number)).as(b + " dialled once: " + log).isEqualTo(1);
            assertThat(endByNumber.get(number)).as(b + ": " + log).isEqualTo(expectedEnd.get(b));
        }
        // All six were placed back to back; the answered and ringing ones last 4 s or more, so at
        // least those three overlap at the carrier, and never more than the six placed.
        assertThat(log.maxConcurrent()).as(log.toString()).isBetween(3, 6);
        assertThat(log.maxInvitesPerSecond()).as(log.toString()).isBetween(1, 6);
        assertThat(log.maxInvitesWithin(10_000)).as("six POSTs in a row reach the carrier within 10 s").isEqualTo(6);
        CarrierLog.Call ringing = log.calls().stream().filter(c -> c.end().equals("cancel_received")).findFirst()
                .orElseThrow();
        assertThat(ringing.endedAt() - ringing.invitedAt()).as("the CANCEL came at our ring timeout, by SIPp's clock")
                .isGreaterThanOrEqualTo(RING_TIMEOUT_SECONDS * 1000L - 50);
    }

    /** RTP packets our side received on a call, as its media session logged when it closed. */
    private int packetsIn(String callId) {
        Matcher m = Pattern.compile("callId=" + Pattern.quote(callId) + " - media closed: .*?packetsIn=(\\d+)")
                .matcher(server.logText());
        assertThat(m.find()).as("media of " + callId + " closed").isTrue();
        return Integer.parseInt(m.group(1));
    }

    /**
     * Our side ends calls where the carrier is mid-scenario: a CANCEL while a human's phone rings
     * and a BYE during the voicemail greeting. The carrier answers both and logs the end.
     */
    @Test
    void ourHangupsMidRingAndMidGreetingEndTheCarriersCallsCleanly() throws Exception {
        // rings 3 s, so the hang-up lands well before the answer
        SippCarrier.Timings slowRing = new SippCarrier.Timings(3000, 4000, 3000);
        try (SippCarrier second = SippCarrier.start(work.resolve("carrier-hangups"), slowRing)) {
            server.post("/api/trunks", """
                    {"name":"carrier-hangups","peerHost":"%s","peerPort":%d,"defaultBot":"receptionist"}"""
                    .formatted(second.host(), second.port()), 201);
            String human = Behaviour.HUMAN.number(100);
            String voicemail = Behaviour.VOICEMAIL.number(100);
            String ringing = server.post("/api/calls", """
                    {"to":"%s","trunk":"carrier-hangups"}""".formatted(human), 202).get("callId").asText();
            String greeting = server.post("/api/calls", """
                    {"to":"%s","trunk":"carrier-hangups"}""".formatted(voicemail), 202).get("callId").asText();

            awaitInvites(second, 2);
            assertThat(server.send("POST", "/api/calls/" + URLs.encode(ringing) + "/hangup", null).statusCode())
                    .isEqualTo(202);
            awaitAnswered(greeting); // the greeting runs 5-7 s from here
            assertThat(server.send("DELETE", "/api/calls/" + URLs.encode(greeting), null).statusCode()).isEqualTo(202);

            JsonNode cancelled = server.awaitEndedCall(URLs.encode(ringing));
            assertThat(cancelled.path("outcome").asText()).as(cancelled.toString()).isEqualTo("CANCELLED");
            JsonNode hungUp = server.awaitEndedCall(URLs.encode(greeting));
            assertThat(hungUp.path("outcome").asText()).as(hungUp.toString()).isEqualTo("ANSWERED");
            assertThat(hungUp.path("endReason").asText()).isEqualTo("admin_hangup");

            CarrierLog log = second.stop();
            assertThat(log.unended()).as(log + "\n" + second.describe()).isEmpty();
            Map<String, String> endByNumber = new HashMap<>();
            log.calls().forEach(c -> endByNumber.put(c.number(), c.end()));
            assertThat(endByNumber).isEqualTo(Map.of(human.substring(1), "cancel_received",
                    voicemail.substring(1), "bye_received"));
            assertThat(log.maxConcurrent()).as("both up while the first rang").isEqualTo(2);
        }
    }

    /** Polls the carrier's own log until {@code count} INVITEs have reached it. */
    private static void awaitInvites(SippCarrier carrier, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (carrier.snapshot().total() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the carrier saw " + carrier.snapshot() + ", not " + count + " INVITEs");
            }
            Thread.sleep(20);
        }
    }

    /** Polls our live call until it has an {@code answered} event (answeredAt waits for the record). */
    private void awaitAnswered(String callId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode call = server.getJson("/api/calls/" + URLs.encode(callId));
        while (!call.path("events").findValuesAsText("kind").contains("answered")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never answered: " + call);
            }
            Thread.sleep(50);
            call = server.getJson("/api/calls/" + URLs.encode(callId));
        }
    }

    private static void assertFailed(JsonNode record, String outcome, int status) {
        assertThat(record.path("outcome").asText()).as(record.toString()).isEqualTo(outcome);
        assertThat(record.path("sipStatus").asInt()).as(record.toString()).isEqualTo(status);
        assertThat(record.path("endReason").asText()).isEqualTo("not_answered");
        assertThat(record.path("answeredAt").isNull()).isTrue();
    }
}
