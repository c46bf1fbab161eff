package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxgate.app.it.SippCarrier.Behaviour;

/**
 * A machine that answers with one short phrase and no beep ("Leave a message.") sounds like a
 * person by timing alone. With {@code amd.classifier: stt} the answer also goes to the node's
 * AMD speech-to-text (the default, local pocketsphinx listening for key phrases), which hears
 * the phrase and turns the decision into MACHINE; people saying "Hello?" stay people. The same
 * numbers in a campaign with {@code classifier: none} are taken for people: the classifier made
 * the difference.
 */
class CampaignAmdClassifierIT {
    private static final int TERSE = 4;
    private static final int PEOPLE = 4;

    @Test
    void theTranscriptCatchesAMachineThatTimingTakesForAPerson() throws Exception {
        Path work = Files.createTempDirectory("voxgate-campaign-amd-it");
        try (SippCarrier carrier = SippCarrier.start(work.resolve("carrier"), new SippCarrier.Timings(200, 3000, 3000));
                VoxgateProcess server = new VoxgateProcess(work.resolve("node"),
                        Map.of("VOXGATE_CAMPAIGNS_POLL_MS", "100")).start()) {
            CampaignDriver driver = new CampaignDriver(server);
            driver.trunkTo("carrier", carrier);
            Map<String, String> withClassifier = run(driver, "with-stt", "stt", 0);
            Map<String, String> timingOnly = run(driver, "timing-only", "none", 100);

            for (int i = 0; i < TERSE; i++) {
                assertThat(withClassifier.get(SippCarrier.number(SippCarrier.TERSE_MACHINE, i)))
                        .as("terse machine %d with the classifier", i).isEqualTo("VOICEMAIL/MACHINE");
                assertThat(timingOnly.get(SippCarrier.number(SippCarrier.TERSE_MACHINE, 100 + i)))
                        .as("terse machine %d by timing alone", i).isEqualTo("CALLER_HUNG_UP/HUMAN");
            }
            for (int i = 0; i < PEOPLE; i++) {
                assertThat(withClassifier.get(Behaviour.HUMAN.number(i))).as("person %d with the classifier", i)
                        .isEqualTo("CALLER_HUNG_UP/HUMAN");
            }
            assertThat(server.logText()).contains("AMD: MACHINE (transcript)");
        }
    }

    /** Runs a campaign of terse machines (and people) to its end; returns "outcome/AMD result" by number. */
    private static Map<String, String> run(CampaignDriver driver, String name, String classifier, int firstIndex)
            throws Exception {
        String id = driver.create("""
                {"name":"%s","bot":"echo","trunk":"carrier","timeZone":"UTC",
                 "pacing":{"callsPerSecond":4,"maxConcurrent":8},
                 "voicemail":{"action":"hangup"},"amd":{"enabled":true,"classifier":"%s"}}"""
                .formatted(name, classifier));
        StringBuilder csv = new StringBuilder("phone\n");
        for (int i = 0; i < TERSE; i++) {
            csv.append(SippCarrier.number(SippCarrier.TERSE_MACHINE, firstIndex + i)).append('\n');
        }
        if (firstIndex == 0) {
            for (int i = 0; i < PEOPLE; i++) {
                csv.append(Behaviour.HUMAN.number(i)).append('\n');
            }
        }
        driver.upload(id, csv.toString());
        driver.action(id, "start");
        driver.awaitCompleted(id, Duration.ofMinutes(2));
        Map<String, String> results = new java.util.HashMap<>();
        driver.contacts(id).forEach((phone, c) -> results.put(phone, c.outcome() + "/"
                + String.join(",", c.amd().stream().map(String::valueOf).toList())));
        return results;
    }
}
