package org.voxgate.app.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java half of {@code scripts/bench campaigns}: not a test (its name does not end in IT, so
 * the build never runs it), run by the script with
 * {@code -Dit.test=CampaignBench -Dbench.campaigns.dir=<dir>} and, for the ramp,
 * {@code -Dbench.campaigns.steps=10,20,40 -Dbench.campaigns.seconds=10} and optionally
 * {@code -Dbench.campaigns.db.url=...} (the ramp server's store, {@code {dir}} its data directory). Each method writes its
 * figures as JSON into that directory ({@code ramp.json}, {@code restart.json}); it fails only
 * when the run itself could not be made, never on the figures.
 */
class CampaignBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path out() throws Exception {
        Path dir = Path.of(System.getProperty("bench.campaigns.dir", "target/bench-campaigns"));
        Files.createDirectories(dir);
        return dir;
    }

    @Test
    void ramp() throws Exception {
        List<Integer> steps = Arrays.stream(System.getProperty("bench.campaigns.steps", "10,20,40,80,120").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int seconds = Integer.parseInt(System.getProperty("bench.campaigns.seconds", "10"));
        List<CampaignRateRamp.Step> done = CampaignRateRamp.run(Files.createTempDirectory("voxgate-bench-ramp"),
                steps, seconds, System.getProperty("bench.campaigns.db.url"));
        ObjectNode result = JSON.createObjectNode();
        result.put("max_cps_without_cap_exceeded", CampaignRateRamp.maxCpsWithoutCapExceeded(done));
        result.put("max_achieved_cps_within_caps", CampaignRateRamp.maxAchievedCps(done));
        result.put("seconds_per_step", seconds);
        result.set("steps", JSON.valueToTree(done));
        Files.writeString(out().resolve("ramp.json"), JSON.writeValueAsString(result));
    }

    @Test
    void restart() throws Exception {
        CampaignRestartRun.Figures f = CampaignRestartRun.run(Files.createTempDirectory("voxgate-bench-restart"));
        ObjectNode result = JSON.createObjectNode();
        result.put("contacts", f.contacts());
        result.put("done_at_kill", f.doneAtKill());
        result.put("calls_up_at_kill", f.upAtKill());
        result.put("lost_contacts", f.lost());
        result.put("double_dialled", f.doubleDialled());
        result.put("overlapping", f.overlapping());
        result.put("interrupted_attempts", f.interrupted());
        result.put("invites", f.log().total());
        result.set("problems", JSON.valueToTree(f.problems()));
        Files.writeString(out().resolve("restart.json"), JSON.writeValueAsString(result));
    }
}
