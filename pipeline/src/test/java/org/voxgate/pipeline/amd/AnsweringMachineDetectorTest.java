package org.voxgate.pipeline.amd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.turn.VoiceDetector;

/**
 * The decision rules frame by frame, on synthetic audio (noise bursts as "voice") and an
 * energy voice detector, so every decision time is exact.
 */
class AnsweringMachineDetectorTest {
    /** Voice is anything louder than -36 dBFS: the bursts below and nothing else. */
    private static final VoiceDetector ENERGY = frame -> SpeechGate.rms(frame) > 500;

    private final Random random = new Random(42);
    private final short[] frame = new short[160];

    /** A script of audio: positive numbers are ms of voice (noise bursts), negative ms of silence. */
    private AmdDecision play(AnsweringMachineDetector detector, int... millis) {
        AmdDecision decision = null;
        for (int part : millis) {
            for (int f = 0; f < Math.abs(part) / 20; f++) {
                fill(part > 0);
                AmdDecision d = detector.onFrame(frame);
                if (d != null) {
                    assertThat(decision).as("decides once").isNull();
                    decision = d;
                }
            }
        }
        return decision;
    }

    private void fill(boolean voice) {
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) (voice ? random.nextGaussian() * 3000 : random.nextGaussian() * 10);
        }
    }

    private static AnsweringMachineDetector detector() {
        return new AnsweringMachineDetector(AmdConfig.DEFAULTS, ENERGY);
    }

    @Test
    void silenceFromTheStartIsUnsureAfterTheInitialSilence() {
        assertThat(play(detector(), -4000)).isEqualTo(new AmdDecision(AmdResult.UNSURE, "initial_silence", 2500));
    }

    @Test
    void aShortGreetingThenSilenceIsAPerson() {
        assertThat(play(detector(), -300, 600, -2000))
                .isEqualTo(new AmdDecision(AmdResult.HUMAN, "short_greeting_then_silence", 300 + 600 + 800));
    }

    @Test
    void aGreetingFromTheFirstFrameIsHeardAsSpeechNotAsTheLinesNoise() {
        assertThat(play(detector(), 600, -2000))
                .isEqualTo(new AmdDecision(AmdResult.HUMAN, "short_greeting_then_silence", 600 + 800));
    }

    @Test
    void steadyNoiseOnTheLineIsNotAGreeting() {
        // -34 dBFS of noise from the answer on: the first frame sets the floor (at most -40 dBFS,
        // so that a greeting spoken at once is not taken for noise), and speech must be 10 dB over it
        AnsweringMachineDetector detector = detector();
        AmdDecision decision = null;
        for (int f = 0; f < 200 && decision == null; f++) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (random.nextGaussian() * 650);
            }
            decision = detector.onFrame(frame);
        }
        assertThat(decision).isEqualTo(new AmdDecision(AmdResult.UNSURE, "initial_silence", 2500));
    }

    @Test
    void aLongGreetingIsAMachine() {
        assertThat(play(detector(), -300, 3000))
                .isEqualTo(new AmdDecision(AmdResult.MACHINE, "long_greeting", 300 + 1500));
    }

    @Test
    void pausesShorterThanTheAfterGreetingSilenceDoNotEndTheGreeting() {
        // 3 x 600 ms of voice with 600 ms pauses: the 1500th ms of voice is 300 ms into the third stretch
        assertThat(play(detector(), -200, 600, -600, 600, -600, 600, -2000))
                .isEqualTo(new AmdDecision(AmdResult.MACHINE, "long_greeting", 200 + 600 + 600 + 600 + 600 + 300));
    }

    @Test
    void manyShortWordsAreAMachine() {
        // five 160 ms words with 100 ms between them; the fifth counts once it has lasted 100 ms
        assertThat(play(detector(), -300, 160, -100, 160, -100, 160, -100, 160, -100, 160, -2000))
                .isEqualTo(new AmdDecision(AmdResult.MACHINE, "too_many_words", 300 + 4 * 260 + 100));
    }

    @Test
    void clicksShorterThanAWordAreNotAGreeting() {
        assertThat(play(detector(), -300, 40, -460, 40, -460, 40, -460, 40, -460, 40, -2000))
                .isEqualTo(new AmdDecision(AmdResult.UNSURE, "initial_silence", 2500));
    }

    @Test
    void nothingDecisiveWithinTheAnalysisTimeIsUnsure() {
        AmdConfig manyWords = new AmdConfig(2500, 1500, 800, 100, 50, 100, 5000, 120, 1500, 20_000);
        int[] script = new int[24];
        for (int i = 0; i < script.length; i += 2) {
            script[i] = 100;
            script[i + 1] = -700;
        }
        assertThat(play(new AnsweringMachineDetector(manyWords, ENERGY), script))
                .isEqualTo(new AmdDecision(AmdResult.UNSURE, "max_time", 5000));
    }

    @Test
    void aBeepRightAfterTheAnswerIsAMachine() {
        AnsweringMachineDetector detector = detector();
        short[] tone = BeepDetectorTest.tones(400, 6000, 0, 1000);
        AmdDecision decision = null;
        int f = 0;
        for (; decision == null && f < 20; f++) {
            System.arraycopy(tone, f * 160, frame, 0, 160);
            decision = detector.onFrame(frame);
        }
        assertThat(decision).isEqualTo(new AmdDecision(AmdResult.MACHINE, "beep", 120));
        assertThat(detector.decision()).isEqualTo(decision);

        // the beep was confirmed while sounding: the cue waits for its end at 400 ms
        MessageCue cue = detector.messageCue();
        MessageCue.Start start = null;
        for (; start == null && f < 20; f++) {
            System.arraycopy(tone, f * 160, frame, 0, 160);
            start = cue.onFrame(frame);
        }
        for (int i = 0; start == null && i < 10; i++) {
            fill(false);
            start = cue.onFrame(frame);
        }
        assertThat(start).isEqualTo(new MessageCue.Start("beep_end", 420));
    }

    @Test
    void withoutABeepTheMessageStartsAfterTheSilenceThatFollowsTheGreeting() {
        AnsweringMachineDetector detector = detector();
        assertThat(play(detector, -300, 1500).reason()).isEqualTo("long_greeting");
        MessageCue cue = detector.messageCue();
        MessageCue.Start start = null;
        // 2.5 s more greeting, a 1 s pause (too short), 500 ms of greeting, then silence
        for (int part : new int[] {2500, -1000, 500, -3000}) {
            for (int f = 0; f < Math.abs(part) / 20 && start == null; f++) {
                fill(part > 0);
                start = cue.onFrame(frame);
            }
        }
        assertThat(start).isEqualTo(new MessageCue.Start("silence", 1800 + 2500 + 1000 + 500 + 1500));
    }

    @Test
    void aGreetingThatNeverEndsGetsTheMessageAfterTheMaximumWait() {
        AnsweringMachineDetector detector = detector();
        play(detector, -300, 1500);
        MessageCue cue = detector.messageCue();
        MessageCue.Start start = null;
        // talk that never pauses long enough: 400 ms of voice, 200 ms of silence, over and over
        for (int f = 0; f < 2000 && start == null; f++) {
            fill(f % 30 < 20);
            start = cue.onFrame(frame);
        }
        assertThat(start).isEqualTo(new MessageCue.Start("max_wait", 1800 + 20_000));
    }

    @Test
    void framesAfterTheDecisionReturnNull() {
        AnsweringMachineDetector detector = detector();
        play(detector, -3000);
        fill(true);
        assertThat(detector.onFrame(frame)).isNull();
        assertThat(detector.decision().reason()).isEqualTo("initial_silence");
    }

    @Test
    void rejectsFramesOfTheWrongSizeAndBadSettings() {
        assertThatThrownBy(() -> detector().onFrame(new short[320])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmdConfig(0, 1500, 800, 100, 50, 4, 5000, 120, 1500, 20_000))
                .hasMessageContaining("initialSilenceMillis");
        assertThatThrownBy(() -> new AmdConfig(2500, 1500, 800, 100, 50, 4, 2000, 120, 1500, 20_000))
                .hasMessageContaining("totalAnalysisMillis");
    }

    @Test
    void allocatesNothingPerFrameInSteadyState() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        AmdConfig manyWords = new AmdConfig(2500, 60_000, 800, 100, 50, 10_000, 60_000, 120, 1500, 20_000);
        AnsweringMachineDetector detector = new AnsweringMachineDetector(manyWords, ENERGY);
        short[][] frames = new short[50][];
        for (int i = 0; i < frames.length; i++) {
            fill(i % 10 < 6);
            frames[i] = frame.clone();
        }
        for (int i = 0; i < 500; i++) {
            assertThat(detector.onFrame(frames[i % frames.length])).isNull();
        }
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        int decided = 0;
        for (int i = 0; i < 2000; i++) {
            decided += detector.onFrame(frames[i % frames.length]) == null ? 0 : 1;
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(decided).isZero();
        // a few bytes of slack for the MXBean call itself, far below one byte per frame
        assertThat(allocated).isLessThan(1000);
    }
}
