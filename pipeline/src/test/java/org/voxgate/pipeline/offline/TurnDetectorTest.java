package org.voxgate.pipeline.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.media.audio.VoiceActivityDetector;

class TurnDetectorTest {
    /** Loud frames count as voiced: lets the timing logic be checked with exact frame counts. */
    private static final TurnDetector.FrameClassifier LOUD = frame -> {
        long sum = 0;
        for (short s : frame) {
            sum += (long) s * s;
        }
        return sum / frame.length > 1000L * 1000L;
    };

    private static short[] tone(int sequence) {
        short[] frame = new short[160];
        for (int i = 0; i < 160; i++) {
            frame[i] = (short) (8000 * Math.sin(2 * Math.PI * 300 * (sequence * 160 + i) / 8000.0));
        }
        return frame;
    }

    private static List<TurnDetector.Utterance> feed(TurnDetector detector, int silentFrames, int voicedFrames,
            int trailingSilentFrames) {
        List<TurnDetector.Utterance> out = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < silentFrames; i++, n++) {
            add(out, detector.accept(new short[160]));
        }
        for (int i = 0; i < voicedFrames; i++, n++) {
            add(out, detector.accept(tone(n)));
        }
        for (int i = 0; i < trailingSilentFrames; i++, n++) {
            add(out, detector.accept(new short[160]));
        }
        return out;
    }

    private static void add(List<TurnDetector.Utterance> out, TurnDetector.Utterance u) {
        if (u != null) {
            out.add(u);
        }
    }

    @Test
    void utteranceEndsAfterConfiguredSilenceWithPreRoll() {
        TurnDetector detector = new TurnDetector(LOUD, 100, 700, 10_000, 300);
        // 1 s of silence, 1 s of voice, 0.68 s of silence: not yet the end.
        assertThat(feed(detector, 50, 50, 34)).isEmpty();
        assertThat(detector.inSpeech()).isTrue();
        // The 35th silent frame (700 ms) ends the turn.
        TurnDetector.Utterance u = detector.accept(new short[160]);
        assertThat(u).isNotNull();
        assertThat(u.truncated()).isFalse();
        // Pre-roll holds 15 frames (the last 10 silent frames and the 5 voiced ones that
        // started the turn); then 45 more voiced frames and 15 kept trailing silent frames.
        assertThat(u.samples().length).isEqualTo((15 + 45 + 15) * 160);
        assertThat(u.samples()[0]).isZero();
        assertThat(u.samples()[10 * 160 + 1]).isNotZero();
        assertThat(detector.inSpeech()).isFalse();
    }

    @Test
    void shortBlipDoesNotStartATurn() {
        TurnDetector detector = new TurnDetector(LOUD, 100, 700, 10_000, 300);
        assertThat(feed(detector, 10, 4, 100)).isEmpty();
        assertThat(detector.inSpeech()).isFalse();
    }

    @Test
    void longSpeechIsCutAtMaximumLength() {
        TurnDetector detector = new TurnDetector(LOUD, 100, 700, 1000, 300);
        List<TurnDetector.Utterance> out = feed(detector, 0, 200, 0);
        assertThat(out).isNotEmpty();
        assertThat(out.get(0).truncated()).isTrue();
        assertThat(out.get(0).millis()).isEqualTo(1300);
    }

    @Test
    void twoUtterancesAreSeparated() {
        TurnDetector detector = new TurnDetector(LOUD, 100, 400, 10_000, 200);
        List<TurnDetector.Utterance> out = new ArrayList<>(feed(detector, 5, 20, 30));
        out.addAll(feed(detector, 5, 30, 30));
        assertThat(out).hasSize(2);
        assertThat(out.get(1).samples().length).isGreaterThan(out.get(0).samples().length);
    }

    @Test
    void resetDropsSpeechInProgress() {
        TurnDetector detector = new TurnDetector(LOUD, 100, 400, 10_000, 200);
        feed(detector, 0, 20, 0);
        detector.reset();
        assertThat(detector.inSpeech()).isFalse();
        assertThat(feed(detector, 0, 0, 40)).isEmpty();
    }

    @Test
    void realVadFindsOneTurnInSpokenPhrase() {
        short[] audio = OfflineTestEngines.callerSays("I would like to book an appointment please");
        try (VoiceActivityDetector vad = new VoiceActivityDetector(2, 8000)) {
            TurnDetector detector = new TurnDetector(f -> vad.isSpeech(f, 0, f.length), 100, 700, 10_000, 300);
            List<TurnDetector.Utterance> out = new ArrayList<>();
            for (int at = 0; at + 160 <= audio.length; at += 160) {
                add(out, detector.accept(java.util.Arrays.copyOfRange(audio, at, at + 160)));
            }
            assertThat(out).hasSize(1);
            // espeak speaks the phrase in roughly 2-3 s; the turn holds it plus pre-roll and tail.
            assertThat(out.get(0).millis()).isBetween(1500L, 4500L);
        }
    }
}
