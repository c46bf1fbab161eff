package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.voxgate.app.it.SippCarrier.Behaviour;

/**
 * Inbound calls still get through while a campaign runs: with {@code sip.max-calls} 6 and two
 * slots kept for inbound calls, a campaign allowed 10 calls at once holds at most 4 at the
 * carrier, and a caller dialling in meanwhile is answered by the echo bot.
 */
class CampaignCapacityIT {
    @Test
    void aCampaignNeverTakesTheSlotsKeptForCallers() throws Exception {
        Path work = Files.createTempDirectory("voxgate-campaign-capacity-it");
        try (SippCarrier carrier = SippCarrier.start(work.resolve("carrier"), new SippCarrier.Timings(200, 4000, 2000));
                RtpPeer peer = new RtpPeer();
                VoxgateProcess server = new VoxgateProcess(work.resolve("node"), Map.of(
                        "VOXGATE_SIP_MAX_CALLS", "6",
                        "VOXGATE_CAMPAIGNS_RESERVED_INBOUND_CALLS", "2",
                        "VOXGATE_CAMPAIGNS_POLL_MS", "100")).start()) {
            CampaignDriver driver = new CampaignDriver(server);
            driver.trunkTo("carrier", carrier);
            String id = driver.create("""
                    {"name":"busy-day","bot":"echo","trunk":"carrier","timeZone":"UTC",
                     "pacing":{"callsPerSecond":20,"maxConcurrent":10},"amd":{"enabled":false}}""");
            StringBuilder csv = new StringBuilder("phone\n");
            for (int i = 0; i < 24; i++) {
                csv.append(Behaviour.HUMAN.number(i)).append('\n');
            }
            assertThat(driver.upload(id, csv.toString()).path("added").asInt()).isEqualTo(24);
            driver.action(id, "start");

            // Once the campaign holds its share, a caller dials in and is answered.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (carrier.snapshot().maxConcurrent() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Sipp scenario = Sipp.scenario("uac-hangup.xml", server.sipPort, work.resolve("sipp"));
            String callId = scenario.callIdTag("inbound-" + UUID.randomUUID());
            Sipp.Result inbound = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";echo;"))
                    .arg("-d", "1000").start(1, 30).await();
            assertThat(inbound.exitCode()).as(inbound.describe()).isZero();
            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("endReason").asText()).isEqualTo("caller_hangup");

            driver.awaitCompleted(id, Duration.ofMinutes(2));
            CarrierLog log = carrier.stop();
            assertThat(log.total()).isEqualTo(24);
            assertThat(log.maxConcurrent()).as("campaign calls up at once: 6 slots, 2 kept").isEqualTo(4);
        }
    }
}
