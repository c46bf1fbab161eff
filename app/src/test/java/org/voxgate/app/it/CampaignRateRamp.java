package org.voxgate.app.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voxgate.app.it.SippCarrier.Behaviour;

/**
 * The dialling-rate ramp of {@code scripts/bench campaigns}: one server (H2 store) dials, step
 * by step, a campaign of quick-outcome contacts (busy and declining numbers, 200 ms of ringing,
 * no retries) at a rising {@code callsPerSecond}, each step through a fresh SIPp carrier that
 * measures it. A step's cap is exceeded when the carrier counted more than {@code cps} INVITEs
 * in any 1000 ms or more than {@code maxConcurrent} calls up at once; it is sustained when the
 * INVITEs arrived, first to last, at 90 % of the cap or more. Every step runs (so the achieved
 * rate is seen at each cap) unless one does not complete in time.
 *
 * <p>Owned by one test thread; it starts and stops its own processes.
 */
final class CampaignRateRamp {
    /** Sustained: the achieved rate is at least this share of the cap. */
    static final double SUSTAINED_SHARE = 0.9;

    /**
     * One step, measured at the carrier.
     *
     * @param achievedCps INVITEs per second from the first to the last INVITE
     * @param completed whether the campaign completed in time (a step that did not is not sustained)
     */
    record Step(int cps, int maxConcurrent, int contacts, int invites, boolean completed, int maxInvitesPerSecond,
            int maxConcurrentSeen, double achievedCps, boolean capExceeded, boolean sustained) {
    }

    private CampaignRateRamp() {}

    /**
     * Runs the steps in order, each {@code seconds} long at its cap; stops after one that did not
     * complete. {@code dbUrl} (null: the node's default H2 file) is the server's store URL for a
     * what-if run; {@code {dir}} in it stands for the node's data directory.
     */
    static List<Step> run(Path work, List<Integer> steps, int seconds, String dbUrl) throws Exception {
        List<Step> done = new ArrayList<>();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "VOXGATE_SIP_MAX_CALLS", "200",
                "VOXGATE_SIP_TRUNKS_RING_TIMEOUT_SECONDS", "5",
                "VOXGATE_CAMPAIGNS_POLL_MS", "100"));
        if (dbUrl != null && !dbUrl.isBlank()) {
            env.put("VOXGATE_DB_URL", dbUrl.replace("{dir}", work.resolve("node").toString()));
        }
        try (VoxgateProcess server = new VoxgateProcess(work.resolve("node"), env).start()) {
            CampaignDriver driver = new CampaignDriver(server);
            for (int cps : steps) {
                Step step = step(driver, work.resolve("carrier-" + cps), cps, seconds);
                System.out.println("CampaignRateRamp: " + step);
                done.add(step);
                if (!step.completed()) {
                    break; // the server fell behind: higher steps would only take longer
                }
            }
        }
        return done;
    }

    /** The highest cap among the steps that were sustained without exceeding it (0 if none). */
    static int maxCpsWithoutCapExceeded(List<Step> steps) {
        return steps.stream().filter(s -> s.sustained() && !s.capExceeded()).mapToInt(Step::cps).max().orElse(0);
    }

    /** The highest rate achieved at any step without exceeding its cap (0 if none). */
    static double maxAchievedCps(List<Step> steps) {
        return steps.stream().filter(s -> !s.capExceeded()).mapToDouble(Step::achievedCps).max().orElse(0);
    }

    /**
     * Starts a carrier, trying again on a fresh port when SIPp could not bind the one chosen: the
     * machine is shared, and a port found free can be taken before SIPp binds it.
     */
    private static SippCarrier startCarrier(Path dir) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return SippCarrier.start(dir.resolve("try-" + attempt), new SippCarrier.Timings(200, 1000, 1000));
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("CampaignRateRamp: carrier did not start, trying another port: "
                        + e.getMessage().lines().filter(l -> l.contains("errno")).findFirst().orElse(""));
            }
        }
    }

    private static Step step(CampaignDriver driver, Path carrierDir, int cps, int seconds) throws Exception {
        int contacts = Math.min(2000, cps * seconds);
        int maxConcurrent = Math.max(10, cps); // a second's worth: the cps cap is the one that binds
        try (SippCarrier carrier = startCarrier(carrierDir)) {
            driver.trunkTo("carrier-" + cps, carrier);
            String id = driver.create("""
                    {"name":"ramp-%d","bot":"echo","trunk":"carrier-%d","callerId":"+442071234567","timeZone":"UTC",
                     "pacing":{"callsPerSecond":%d,"maxConcurrent":%d},"amd":{"enabled":false}}"""
                    .formatted(cps, cps, cps, maxConcurrent));
            StringBuilder csv = new StringBuilder("phone,name\n");
            for (int i = 0; i < contacts; i++) {
                Behaviour b = i % 2 == 0 ? Behaviour.BUSY : Behaviour.REJECTED;
                csv.append(b.number(i / 2)).append(",Person ").append(i).append('\n');
            }
            driver.upload(id, csv.toString());
            driver.action(id, "start");
            boolean completed = true;
            try {
                driver.awaitCompleted(id, Duration.ofSeconds(60 + 4L * contacts / cps));
            } catch (AssertionError late) {
                completed = false;
                driver.action(id, "stop");
            }
            CarrierLog log = carrier.stop();
            List<CarrierLog.Call> calls = log.calls();
            double achieved = calls.size() < 2 ? 0 : (calls.size() - 1) * 1000.0
                    / Math.max(1, calls.get(calls.size() - 1).invitedAt() - calls.get(0).invitedAt());
            int perSecond = log.maxInvitesWithin(1000);
            int concurrent = log.maxConcurrent();
            boolean exceeded = perSecond > cps || concurrent > maxConcurrent;
            boolean sustained = completed && log.total() == contacts && achieved >= SUSTAINED_SHARE * cps;
            return new Step(cps, maxConcurrent, contacts, log.total(), completed, perSecond, concurrent,
                    Math.round(achieved * 10) / 10.0, exceeded, sustained);
        }
    }
}
