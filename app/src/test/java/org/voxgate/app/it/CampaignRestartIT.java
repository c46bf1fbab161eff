package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL in the middle of a campaign (150 contacts: people, busy numbers
 * with a retry, refusals, answering machines) and started again on the same data directory
 * and ports, so with the same node id (see {@link CampaignRestartRun}). Checked: no contact is
 * lost (every one is done with an outcome); the carrier never saw more INVITEs for a number
 * than the attempts recorded for it, nor two calls to one number up at once; the attempts the
 * kill interrupted are ended as {@code FAILED (node_restarted)}, and there was at least one;
 * every contact the kill did not touch has exactly the outcome and attempts its behaviour
 * gives (busy: two).
 */
class CampaignRestartIT {
    @Test
    void aKilledNodeRestartsItsCampaignWithoutLosingOrRedialling() throws Exception {
        CampaignRestartRun.Figures f = CampaignRestartRun.run(Files.createTempDirectory("voxgate-campaign-restart-it"));
        String summary = "%d contacts, killed with %d done and %d calls up at the carrier: lost %d, double dialled %d, "
                .formatted(f.contacts(), f.doneAtKill(), f.upAtKill(), f.lost(), f.doubleDialled())
                + "overlapping %d, interrupted attempts %d, %d INVITEs".formatted(f.overlapping(), f.interrupted(),
                        f.log().total());
        System.out.println("CampaignRestartIT: " + summary);
        Figures.record("campaign restart", summary);
        assertThat(f.problems()).as(summary).isEmpty();
        assertThat(f.lost()).isZero();
        assertThat(f.doubleDialled()).isZero();
        assertThat(f.overlapping()).isZero();
        assertThat(f.interrupted()).as("attempts the kill interrupted").isPositive();
    }
}
