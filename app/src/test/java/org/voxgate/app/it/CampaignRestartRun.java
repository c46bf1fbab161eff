package org.voxgate.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.voxgate.app.it.SippCarrier.Behaviour;

/**
 * One node dialling a campaign, killed with SIGKILL while calls are up and started again on
 * the same data directory (H2 file store) and ports, so it comes back with the same node id.
 * Shared by {@link CampaignRestartIT} (which asserts) and {@link CampaignRestartBench} (which
 * writes the figures for {@code scripts/bench campaigns}).
 *
 * <p>The contacts: people who hold the call about 4 s, busy numbers (one retry 2 s later),
 * numbers that decline, and answering machines (AMD, hung up). {@code failed} is not retried,
 * so an attempt the restart ends as {@code FAILED (node_restarted)} is the contact's last.
 *
 * <p>Owned by one test thread; it starts and stops its own SIPp carrier and server process.
 */
final class CampaignRestartRun {
    static final int CPS = 8;
    static final int MAX_CONCURRENT = 12;
    static final String NODE_RESTARTED = "node_restarted";

    /** How many contacts of each behaviour: 150 in all. */
    private static final Map<Behaviour, Integer> COUNTS = Map.of(
            Behaviour.HUMAN, 40, Behaviour.BUSY, 45, Behaviour.REJECTED, 35, Behaviour.VOICEMAIL, 30);

    /**
     * What the run found.
     *
     * @param contacts contacts uploaded
     * @param doneAtKill contacts done when the node was killed
     * @param upAtKill calls up at the carrier when the node was killed
     * @param lost contacts missing, not done, or done without an outcome
     * @param doubleDialled numbers the carrier saw more INVITEs for than the attempts recorded
     * @param overlapping numbers with two calls up at once at the carrier
     * @param interrupted attempts ended with detail {@code node_restarted}
     * @param problems one line per contact or attempt that breaks a rule (empty when all hold)
     */
    record Figures(int contacts, int doneAtKill, int upAtKill, int lost, int doubleDialled, int overlapping,
            int interrupted, List<String> problems, CarrierLog log) {
    }

    private CampaignRestartRun() {}

    static Figures run(Path work) throws Exception {
        try (SippCarrier carrier = SippCarrier.start(work.resolve("carrier"), new SippCarrier.Timings(300, 4000, 2000));
                VoxgateProcess server = new VoxgateProcess(work.resolve("node"), Map.of(
                        "VOXGATE_SIP_TRUNKS_RING_TIMEOUT_SECONDS", "5",
                        "VOXGATE_SIP_MAX_CALLS", "40",
                        "VOXGATE_CAMPAIGNS_POLL_MS", "200")).start()) {
            CampaignDriver driver = new CampaignDriver(server);
            driver.trunkTo("carrier", carrier);
            String id = driver.create("""
                    {"name":"restart","bot":"echo","trunk":"carrier","callerId":"+442071234567",
                     "timeZone":"UTC",
                     "pacing":{"callsPerSecond":%d,"maxConcurrent":%d},
                     "retry":{"busy":{"delaySeconds":2,"maxAttempts":2}},
                     "voicemail":{"action":"hangup"},
                     "amd":{"enabled":true}}""".formatted(CPS, MAX_CONCURRENT));
            Map<String, Behaviour> behaviourOf = new HashMap<>();
            StringBuilder csv = new StringBuilder("phone,name\n");
            // interleaved, so the kill finds every kind of call in flight (tasks are dialled in order)
            for (int i = 0; i < 45; i++) {
                for (Behaviour b : List.of(Behaviour.HUMAN, Behaviour.BUSY, Behaviour.REJECTED, Behaviour.VOICEMAIL)) {
                    if (i < COUNTS.get(b)) {
                        behaviourOf.put(b.number(i), b);
                        csv.append(b.number(i)).append(",Person ").append(i).append('\n');
                    }
                }
            }
            JsonNode upload = driver.upload(id, csv.toString());
            if (upload.path("added").asInt() != behaviourOf.size()) {
                throw new IllegalStateException("upload: " + upload);
            }
            driver.action(id, "start");

            int[] atKill = awaitThirdDoneWithCallsUp(driver, carrier, id, behaviourOf.size());
            server.kill();
            server.start();
            driver.awaitCompleted(id, Duration.ofMinutes(4));
            CarrierLog log = carrier.stop();
            return check(behaviourOf, driver.contacts(id), log, atKill);
        }
    }

    /**
     * Waits until a third of the contacts are done while at least two calls are up at the
     * carrier (so the kill interrupts answered calls); returns {done, up} at that moment.
     */
    private static int[] awaitThirdDoneWithCallsUp(CampaignDriver driver, SippCarrier carrier, String id, int total)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            long done = driver.results(id).path("figures").path("progress").path("done").asLong();
            int up = carrier.snapshot().unended().size();
            if (done >= total / 3 && up >= 2) {
                return new int[] {(int) done, up};
            }
            Thread.sleep(100);
        }
        throw new AssertionError("a third of the contacts were never done with calls up: " + driver.results(id));
    }

    private static Figures check(Map<String, Behaviour> behaviourOf, Map<String, CampaignDriver.Contact> contacts,
            CarrierLog log, int[] atKill) {
        Map<String, Integer> invites = log.invitesPerNumber();
        Map<String, List<CarrierLog.Call>> callsOf = new HashMap<>();
        for (CarrierLog.Call c : log.calls()) {
            callsOf.computeIfAbsent(c.number(), n -> new ArrayList<>()).add(c);
        }
        List<String> problems = new ArrayList<>();
        int lost = 0;
        int doubleDialled = 0;
        int overlapping = 0;
        int interrupted = 0;
        for (Map.Entry<String, Behaviour> e : behaviourOf.entrySet()) {
            String phone = e.getKey();
            String carrierNumber = phone.substring(1);
            int seen = invites.getOrDefault(carrierNumber, 0);
            CampaignDriver.Contact c = contacts.get(phone);
            if (c == null || !"done".equals(c.status()) || c.outcome() == null) {
                lost++;
                problems.add("lost: " + phone + " " + c);
                continue;
            }
            if (seen > c.attempts()) {
                doubleDialled++;
                problems.add("dialled beyond its attempts: " + phone + " " + seen + " INVITEs, " + c);
            }
            if (overlaps(callsOf.getOrDefault(carrierNumber, List.of()))) {
                overlapping++;
                problems.add("two calls up at once: " + phone + " " + callsOf.get(carrierNumber));
            }
            int restarted = 0;
            for (int i = 0; i < c.details().size(); i++) {
                if (NODE_RESTARTED.equals(c.details().get(i))) {
                    restarted++;
                    if (!"FAILED".equals(c.attemptOutcomes().get(i))) {
                        problems.add("interrupted attempt not FAILED: " + phone + " " + c);
                    }
                }
            }
            interrupted += restarted;
            if (restarted == 0) {
                String expected = switch (e.getValue()) {
                    case HUMAN -> "CALLER_HUNG_UP";
                    case VOICEMAIL -> "VOICEMAIL";
                    case BUSY -> "BUSY";
                    case REJECTED -> "DECLINED";
                    default -> throw new IllegalStateException(e.getValue().name());
                };
                int attempts = e.getValue() == Behaviour.BUSY ? 2 : 1;
                if (!expected.equals(c.outcome()) || c.attempts() != attempts || seen != attempts) {
                    problems.add("uninterrupted " + e.getValue() + " " + phone + " expected " + expected + " x"
                            + attempts + ", got " + c + " with " + seen + " INVITE(s)");
                }
            } else if (!"FAILED".equals(c.outcome())) {
                // no retry for failed: the interrupted attempt is the contact's last
                problems.add("interrupted contact not FAILED: " + phone + " " + c);
            }
        }
        if (contacts.size() != behaviourOf.size()) {
            lost += Math.max(0, behaviourOf.size() - contacts.size());
            problems.add("contacts listed: " + contacts.size() + " of " + behaviourOf.size());
        }
        return new Figures(behaviourOf.size(), atKill[0], atKill[1], lost, doubleDialled, overlapping, interrupted,
                problems, log);
    }

    /** Whether two of one number's calls were up at once (a call never ended stays up). */
    static boolean overlaps(List<CarrierLog.Call> calls) {
        List<CarrierLog.Call> sorted = new ArrayList<>(calls);
        sorted.sort(java.util.Comparator.comparingLong(CarrierLog.Call::invitedAt));
        long upUntil = Long.MIN_VALUE;
        for (CarrierLog.Call c : sorted) {
            if (c.invitedAt() < upUntil) {
                return true;
            }
            upUntil = Math.max(upUntil, c.endedAt());
        }
        return false;
    }
}
