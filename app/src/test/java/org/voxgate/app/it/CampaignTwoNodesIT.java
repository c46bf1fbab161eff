package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.voxgate.app.it.SippCarrier.Behaviour;

/**
 * Two server processes on one PostgreSQL schema (fresh per run) dial one campaign of 200
 * contacts (no retries: busy, refusals, failures, and people holding 2 s) through one SIPp
 * carrier. Checked at the carrier: every number was dialled exactly once, never more than
 * {@code callsPerSecond} INVITEs in any 1000 ms nor more than {@code maxConcurrent} calls up
 * at once, across both nodes; and both nodes dialled (the attempts' {@code node}). With
 * {@code CI=true} an unreachable PostgreSQL fails the test; elsewhere it is skipped.
 */
class CampaignTwoNodesIT {
        private static final int CPS = 10;
    private static final int MAX_CONCURRENT = 8;

    @Test
    void twoNodesShareOneCampaignWithinItsCaps() throws Exception {
        PostgresSchemas.inFreshSchema(this::run);
    }

    private void run(String url) throws Exception {
        Path work = Files.createTempDirectory("voxgate-campaign-two-nodes-it");
        Map<String, String> env = Map.of("VOXGATE_DB_URL", url, "VOXGATE_DB_USER", "postgres",
                "VOXGATE_SIP_MAX_CALLS", "40", "VOXGATE_CAMPAIGNS_POLL_MS", "200");
        try (SippCarrier carrier = SippCarrier.start(work.resolve("carrier"), new SippCarrier.Timings(300, 2000, 2000));
                VoxgateProcess a = new VoxgateProcess(work.resolve("a"), env).start();
                VoxgateProcess b = new VoxgateProcess(work.resolve("b"), env).start()) {
            CampaignDriver driver = new CampaignDriver(a);
            driver.trunkTo("carrier", carrier);
            String id = driver.create("""
                    {"name":"two-nodes","bot":"echo","trunk":"carrier","callerId":"+442071234567",
                     "timeZone":"UTC","pacing":{"callsPerSecond":%d,"maxConcurrent":%d},
                     "amd":{"enabled":false}}""".formatted(CPS, MAX_CONCURRENT));
            List<String> phones = new ArrayList<>();
            StringBuilder csv = new StringBuilder("phone,name\n");
            int[] counts = {30, 0, 60, 60, 50}; // HUMAN, VOICEMAIL, BUSY, REJECTED, FAILED
            for (Behaviour behaviour : List.of(Behaviour.HUMAN, Behaviour.BUSY, Behaviour.REJECTED, Behaviour.FAILED)) {
                for (int i = 0; i < counts[behaviour.ordinal()]; i++) {
                    phones.add(behaviour.number(i));
                    csv.append(behaviour.number(i)).append(",Person ").append(i).append('\n');
                }
            }
            assertThat(driver.upload(id, csv.toString()).path("added").asInt()).isEqualTo(phones.size());
            driver.action(id, "start");
            driver.awaitCompleted(id, Duration.ofMinutes(4));
            CarrierLog log = carrier.stop();

            Map<String, Integer> invites = log.invitesPerNumber();
            List<String> notOnce = new ArrayList<>();
            for (String phone : phones) {
                int seen = invites.getOrDefault(phone.substring(1), 0);
                if (seen != 1) {
                    notOnce.add(phone + ": " + seen);
                }
            }
            Map<String, CampaignDriver.Contact> contacts = new CampaignDriver(b).contacts(id);
            Map<String, Integer> byNode = new TreeMap<>(); // attempts per node
            contacts.values().forEach(c -> c.nodes().stream().filter(n -> n != null)
                    .forEach(n -> byNode.merge(n, 1, Integer::sum)));
            Set<String> nodes = byNode.keySet();
            String summary = "%d INVITEs for %d contacts, at most %d in any 1000 ms (cap %d), at most %d up at once (cap %d), attempts by node %s"
                    .formatted(log.total(), phones.size(), log.maxInvitesWithin(1000), CPS, log.maxConcurrent(),
                            MAX_CONCURRENT, byNode);
            System.out.println("CampaignTwoNodesIT: " + summary);
            Figures.record("campaign two nodes", summary);
            assertThat(notOnce).as("numbers not dialled exactly once at the carrier").isEmpty();
            assertThat(log.total()).isEqualTo(phones.size());
            assertThat(contacts).hasSize(phones.size());
            assertThat(contacts.values()).allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo("done"));
            assertThat(log.maxInvitesWithin(1000)).as("INVITEs in any 1000 ms at the carrier").isLessThanOrEqualTo(CPS);
            assertThat(log.maxConcurrent()).as("calls up at once at the carrier").isLessThanOrEqualTo(MAX_CONCURRENT);
            assertThat(log.maxConcurrent()).as("the cap was reached, so it was tested").isGreaterThanOrEqualTo(MAX_CONCURRENT / 2);
            assertThat(nodes).as("the nodes that dialled").containsExactlyInAnyOrder(
                    "127.0.0.1:" + a.sipPort, "127.0.0.1:" + b.sipPort);
        }
    }
}
