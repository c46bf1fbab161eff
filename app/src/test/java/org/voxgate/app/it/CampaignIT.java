package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxgate.app.it.SippCarrier.Behaviour;

/**
 * A campaign of 182 contacts against a SIPp carrier that answers (a person says "Hello?"),
 * plays a voicemail greeting with a beep, is busy, declines, fails and rings out, by number.
 * The campaign clock runs 240 times faster from Friday 08:59 in New York, so the 09:00 window
 * opens 0.25 s after the start and Chicago's (an hour later) 15 s after; retry delays of
 * minutes pass in seconds. Checked: every contact's outcome and number of attempts are exactly
 * what the retry policy makes of the carrier's behaviour; the carrier saw one INVITE per
 * recorded attempt and never more than the pacing and concurrency caps (measured on the
 * carrier's side); no Chicago contact was dialled before 09:00 in Chicago; answering machines
 * were detected and got the message; do-not-call numbers were never dialled; the upload named
 * its bad lines.
 */
class CampaignIT {
    static final int CPS = 12;
    static final int MAX_CONCURRENT = 16;
    static final double SPEED = 240;
    /** Friday 20 November 2026, 08:59 in New York. */
    static final Instant CAMPAIGN_START = Instant.parse("2026-11-20T13:59:00Z");
    /** 09:00 in Chicago = 10:00 in New York. */
    static final Instant CHICAGO_OPENS = Instant.parse("2026-11-20T15:00:00Z");

    private record Expected(Behaviour behaviour, String outcome, int attempts) {}

    @Test
    void aCampaignCallsEveryContactAsThePolicySaysWithinItsCaps() throws Exception {
        Path work = Files.createTempDirectory("voxgate-campaign-it");
        Instant anchor = Instant.now();
        try (SippCarrier carrier = SippCarrier.start(work.resolve("carrier"), new SippCarrier.Timings(300, 2000, 2500));
                VoxgateProcess server = new VoxgateProcess(work.resolve("node"), Map.of(
                        "VOXGATE_SIP_TRUNKS_RING_TIMEOUT_SECONDS", "2",
                        "VOXGATE_SIP_MAX_CALLS", "40",
                        "VOXGATE_CAMPAIGNS_POLL_MS", "200",
                        "VOXGATE_CAMPAIGNS_CLOCK_SPEED", Double.toString(SPEED),
                        "VOXGATE_CAMPAIGNS_CLOCK_START", CAMPAIGN_START.toString(),
                        "VOXGATE_CAMPAIGNS_CLOCK_ANCHOR", anchor.toString())).start()) {
            CampaignDriver driver = new CampaignDriver(server);
            driver.trunkTo("carrier", carrier);
            String id = driver.create("""
                    {"name":"spring-renewals","bot":"echo","trunk":"carrier","callerId":"+442071234567",
                     "timeZone":"America/New_York",
                     "windows":[{"days":["MON","TUE","WED","THU","FRI"],"start":"09:00","end":"17:00"}],
                     "pacing":{"callsPerSecond":%d,"maxConcurrent":%d},
                     "retry":{"busy":{"delaySeconds":600,"maxAttempts":2},
                              "noAnswer":{"delaySeconds":900,"maxAttempts":2},
                              "failed":{"delaySeconds":300,"maxAttempts":3}},
                     "voicemail":{"action":"leave_message","message":"Hello {{name}}, please call us back."},
                     "amd":{"enabled":true}}""".formatted(CPS, MAX_CONCURRENT));

            Map<String, Expected> expected = new HashMap<>();
            List<String> chicago = new ArrayList<>();
            StringBuilder csv = new StringBuilder("phone,name,time_zone,plan\n");
            int[] counts = {30, 12, 50, 30, 30, 30}; // HUMAN, VOICEMAIL, BUSY, REJECTED, FAILED, RINGS_OUT
            for (Behaviour b : Behaviour.values()) {
                for (int i = 0; i < counts[b.ordinal()]; i++) {
                    String phone = b.number(i);
                    boolean inChicago = i % 5 == 0;
                    if (inChicago) {
                        chicago.add(phone);
                    }
                    csv.append(phone).append(",Person ").append(b.digit).append(i).append(',')
                            .append(inChicago ? "America/Chicago" : "").append(",gold\n");
                    expected.put(phone, switch (b) {
                        case HUMAN -> new Expected(b, "CALLER_HUNG_UP", 1);
                        case VOICEMAIL -> new Expected(b, "VOICEMAIL", 1);
                        case BUSY -> new Expected(b, "BUSY", 2);
                        case REJECTED -> new Expected(b, "DECLINED", 1);
                        case FAILED -> new Expected(b, "FAILED", 3);
                        case RINGS_OUT -> new Expected(b, "NO_ANSWER", 2);
                    });
                }
            }
            int good = expected.size();
            // Bad lines, named by number in the answer; the good ones around them still go in.
            csv.append("not-a-number,Bad,,gold\n");                              // line good+2
            csv.append(Behaviour.HUMAN.number(0)).append(",Again,,gold\n");      // good+3: duplicate of line 2
            csv.append(Behaviour.HUMAN.number(900)).append(",Lost,Mars/Base,gold\n"); // good+4: unknown zone
            csv.append(",Nobody,,gold\n");                                        // good+5: no phone
            JsonNode upload = driver.upload(id, csv.toString());
            assertThat(upload.path("added").asInt()).as(upload.toString()).isEqualTo(good);
            List<Integer> badLines = new ArrayList<>();
            upload.path("rejected").forEach(p -> badLines.add(p.path("line").asInt()));
            upload.path("skipped").forEach(p -> badLines.add(p.path("line").asInt()));
            assertThat(badLines).as(upload.toString()).containsExactlyInAnyOrder(good + 2, good + 3, good + 4, good + 5);

            // Two numbers go on the do-not-call list after the upload: checked when dialled.
            List<String> doNotCall = List.of(Behaviour.HUMAN.number(29), Behaviour.BUSY.number(49));
            for (String phone : doNotCall) {
                server.post("/api/do-not-call", "{\"phone\":\"%s\",\"reason\":\"asked\"}".formatted(phone), 201);
                expected.put(phone, new Expected(null, "DO_NOT_CALL", 0));
            }

            driver.action(id, "start");
            driver.awaitCompleted(id, Duration.ofMinutes(6));
            CarrierLog log = carrier.stop();

            Map<String, CampaignDriver.Contact> contacts = driver.contacts(id);
            assertThat(contacts).hasSize(good);
            Map<String, Integer> invites = log.invitesPerNumber();
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, Expected> e : expected.entrySet()) {
                CampaignDriver.Contact c = contacts.get(e.getKey());
                Expected x = e.getValue();
                int seen = invites.getOrDefault(e.getKey().substring(1), 0)
                        + invites.getOrDefault(e.getKey(), 0);
                if (c == null || !x.outcome().equals(c.outcome()) || c.attempts() != x.attempts()
                        || !"done".equals(c.status()) || seen != x.attempts()) {
                    wrong.add(e.getKey() + " expected " + x + " got " + c + " with " + seen + " INVITE(s)");
                }
            }
            assertThat(wrong).as("contacts whose outcome, attempts or INVITEs differ").isEmpty();

            assertThat(log.unended()).as("calls the carrier saw no end of").isEmpty();
            assertThat(log.maxConcurrent()).as("calls up at once at the carrier").isLessThanOrEqualTo(MAX_CONCURRENT);
            assertThat(log.maxInvitesWithin(1000)).as("INVITEs in any 1000 ms at the carrier")
                    .isLessThanOrEqualTo(CPS);
            assertThat(log.maxConcurrent()).as("the cap was reached, so it was tested").isGreaterThanOrEqualTo(5);

            Instant chicagoOpensReal = anchor.plusMillis(
                    Math.round(Duration.between(CAMPAIGN_START, CHICAGO_OPENS).toMillis() / SPEED));
            for (String phone : chicago) {
                CampaignDriver.Contact c = contacts.get(phone);
                if (c != null && !c.claimedAt().isEmpty() && c.claimedAt().get(0) != null) {
                    assertThat(c.claimedAt().get(0)).as(phone + " (Chicago) first dialled").isAfterOrEqualTo(
                            chicagoOpensReal);
                }
            }
            for (int i = 0; i < counts[Behaviour.VOICEMAIL.ordinal()]; i++) {
                assertThat(contacts.get(Behaviour.VOICEMAIL.number(i)).amd()).as("AMD of voicemail " + i)
                        .containsExactly("MACHINE");
            }
            for (int i = 0; i < counts[Behaviour.HUMAN.ordinal()] - 1; i++) {
                assertThat(contacts.get(Behaviour.HUMAN.number(i)).amd()).as("AMD of person " + i)
                        .containsExactly("HUMAN");
            }

            System.out.printf("CampaignIT: %d INVITEs, at most %d in any 1000 ms (cap %d), at most %d up at once (cap %d)%n",
                    log.total(), log.maxInvitesWithin(1000), CPS, log.maxConcurrent(), MAX_CONCURRENT);
            JsonNode figures = driver.results(id).path("figures");
            assertThat(figures.path("contactsByOutcome").path("BUSY").asLong()).as(figures.toString()).isEqualTo(49);
            assertThat(figures.path("progress").path("done").asLong()).isEqualTo(good);
            assertThat(figures.path("attempts").asLong()).isEqualTo(log.total());
            assertThat(server.logText()).contains("voicemail: leaving the campaign's message");
            assertThat(server.metric("voxgate_campaign_amd_decisions_total{result=\"MACHINE\"}"))
                    .isEqualTo(counts[Behaviour.VOICEMAIL.ordinal()]);
            assertThat(server.metric("voxgate_campaign_attempts_total{outcome=\"BUSY\"}")).isEqualTo(98.0);
        }
    }
}
