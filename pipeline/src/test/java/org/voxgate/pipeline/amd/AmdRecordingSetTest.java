package org.voxgate.pipeline.amd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.fakes.amd.AmdRecording;
import org.voxgate.fakes.amd.AmdRecordings;
import org.voxgate.pipeline.turn.WebRtcVoiceDetector;

/**
 * The frame detector, the beep detector and the message cue over the labelled set of answers
 * (espeak-ng people and machines, beeps, noise, a silent answer): accuracy at least 90 %, and
 * the beep and the moment to speak found where the generator put them.
 */
class AmdRecordingSetTest {
    private static List<AmdRecording> recordings;

    @BeforeAll
    static void render(@TempDir Path dir) throws Exception {
        recordings = AmdRecordings.build(dir);
    }

    /** What the detector and then the cue made of one recording. */
    record Outcome(AmdRecording recording, AmdDecision decision, MessageCue.Start cue) {}

    static Outcome run(AmdRecording recording) {
        try (WebRtcVoiceDetector vad = new WebRtcVoiceDetector(AmdVoice.VAD_MODE)) {
            AnsweringMachineDetector detector = new AnsweringMachineDetector(AmdConfig.DEFAULTS, vad);
            short[] samples = recording.samples();
            AmdDecision decision = null;
            int offset = 0;
            for (; offset + 160 <= samples.length && decision == null; offset += 160) {
                decision = detector.onFrame(Arrays.copyOfRange(samples, offset, offset + 160));
            }
            MessageCue.Start cue = null;
            if (decision != null && decision.result() == AmdResult.MACHINE) {
                MessageCue messageCue = detector.messageCue();
                for (; offset + 160 <= samples.length && cue == null; offset += 160) {
                    cue = messageCue.onFrame(Arrays.copyOfRange(samples, offset, offset + 160));
                }
            }
            return new Outcome(recording, decision, cue);
        }
    }

    @Test
    void decidesAtLeastNinetyPercentOfTheSetRight() {
        assertThat(recordings.stream().filter(r -> r.label().equals("HUMAN")).count()).isGreaterThanOrEqualTo(12);
        assertThat(recordings.stream().filter(r -> r.label().equals("MACHINE")).count()).isGreaterThanOrEqualTo(12);
        int right = 0;
        List<Integer> times = new ArrayList<>();
        for (AmdRecording recording : recordings) {
            Outcome outcome = run(recording);
            assertThat(outcome.decision()).as(recording.name()).isNotNull();
            boolean ok = outcome.decision().result().name().equals(recording.label());
            right += ok ? 1 : 0;
            times.add(outcome.decision().afterMillis());
            System.out.printf("%-32s label=%-7s got=%-7s %-28s at %5d ms cue=%s speechEnd=%d beep=%d-%d%n",
                    recording.name(), recording.label(), outcome.decision().result(), outcome.decision().reason(),
                    outcome.decision().afterMillis(), outcome.cue(), recording.speechEndMillis(),
                    recording.beepStartMillis(), recording.beepEndMillis());
        }
        times.sort(null);
        double accuracy = right / (double) recordings.size();
        System.out.printf("accuracy %.3f (%d/%d), p50 decision %d ms%n", accuracy, right, recordings.size(),
                times.get((times.size() - 1) / 2));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
    }
}
