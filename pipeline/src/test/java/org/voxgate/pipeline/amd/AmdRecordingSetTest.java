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

    @Test
    void theMessageStartsWhenTheBeepEndsOrAfterTheSilenceThatFollowsTheGreeting() {
        for (AmdRecording recording : recordings) {
            if (!recording.label().equals("MACHINE")) {
                continue;
            }
            MessageCue.Start cue = run(recording).cue();
            assertThat(cue).as(recording.name()).isNotNull();
            if (recording.hasBeep()) {
                assertThat(cue.reason()).as(recording.name()).isEqualTo("beep_end");
                // the cue comes on the first frame after the tone: within one frame (+ its edge ramp)
                assertThat(cue.afterMillis()).as(recording.name())
                        .isBetween(recording.beepEndMillis(), recording.beepEndMillis() + 40);
            } else {
                assertThat(cue.reason()).as(recording.name()).isEqualTo("silence");
                // 1500 ms after the greeting's last sample; the gate hears the last phoneme's fade as silence
                assertThat(cue.afterMillis()).as(recording.name())
                        .isBetween(recording.speechEndMillis() + 1500 - 200, recording.speechEndMillis() + 1500 + 60);
            }
        }
    }

    @Test
    void theBeepDetectorFindsEachBeepAndNothingInTheSpeechOrNoise() {
        for (AmdRecording recording : recordings) {
            BeepDetector beep = new BeepDetector(AmdConfig.DEFAULTS.minBeepMillis());
            int started = 0;
            int startedAt = -1;
            short[] samples = recording.samples();
            for (int offset = 0; offset + 160 <= samples.length; offset += 160) {
                if (beep.onFrame(Arrays.copyOfRange(samples, offset, offset + 160)) == BeepDetector.Event.STARTED) {
                    started++;
                    startedAt = offset / 8 + 20;
                }
            }
            if (recording.hasBeep()) {
                assertThat(started).as(recording.name()).isEqualTo(1);
                // confirmed after 120 ms of tone, give or take the frames the beep's edges fall in
                assertThat(startedAt).as(recording.name())
                        .isBetween(recording.beepStartMillis() + 120, recording.beepStartMillis() + 160);
                assertThat(beep.beepHz()).as(recording.name()).isCloseTo(recording.beepHz(),
                        org.assertj.core.data.Offset.offset(recording.beepHz() * 0.01));
                assertThat(beep.beepEndMillis()).as(recording.name())
                        .isBetween(recording.beepEndMillis() - 20, recording.beepEndMillis() + 20);
            } else {
                assertThat(started).as(recording.name() + " has no beep").isZero();
            }
        }
    }
}
