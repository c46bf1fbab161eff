package org.voxgate.pipeline.amd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BeepDetectorTest {
    private static final int RATE = 8000;

    /** {@code millis} of the sum of sines at {@code hz}, each at {@code amplitude}, from sample {@code start}. */
    static short[] tones(int millis, double amplitude, int start, double... hz) {
        short[] out = new short[millis * 8];
        for (int i = 0; i < out.length; i++) {
            double v = 0;
            for (double f : hz) {
                v += amplitude * Math.sin(2 * Math.PI * f * (start + i) / RATE);
            }
            out[i] = (short) Math.round(v);
        }
        return out;
    }

    static List<BeepDetector.Event> feed(BeepDetector detector, short[] audio) {
        List<BeepDetector.Event> events = new ArrayList<>();
        short[] frame = new short[160];
        for (int offset = 0; offset + 160 <= audio.length; offset += 160) {
            System.arraycopy(audio, offset, frame, 0, 160);
            events.add(detector.onFrame(frame));
        }
        return events;
    }

    @ParameterizedTest
    @ValueSource(ints = {350, 440, 697, 1000, 1400, 2100, 2500})
    void aSteadyPureToneIsABeepOnceItHasLasted120Ms(int hz) {
        BeepDetector detector = new BeepDetector(120);
        short[] audio = new short[(200 + 300 + 200) * 8];
        System.arraycopy(tones(300, 6000, 0, hz), 0, audio, 200 * 8, 300 * 8);

        List<BeepDetector.Event> events = feed(detector, audio);

        // tone from frame 10 (200 ms); the 6th tone frame (index 15) confirms it, the 1st after it (25) ends it
        assertThat(events.indexOf(BeepDetector.Event.STARTED)).isEqualTo(15);
        assertThat(events.indexOf(BeepDetector.Event.ENDED)).isEqualTo(25);
        assertThat(events.stream().filter(e -> e != BeepDetector.Event.NONE)).hasSize(2);
        assertThat(detector.beepHz()).isCloseTo(hz, Offset.offset(hz * 0.005));
        assertThat(detector.beepStartMillis()).isEqualTo(200);
        assertThat(detector.beepEndMillis()).isEqualTo(500);
    }

    @Test
    void aToneShorterThanTheMinimumIsNoBeep() {
        BeepDetector detector = new BeepDetector(120);
        assertThat(feed(detector, tones(100, 6000, 0, 1000))).containsOnly(BeepDetector.Event.NONE);
    }

    @Test
    void aQuietToneIsNoBeep() {
        assertThat(feed(new BeepDetector(120), tones(400, 200, 0, 1000))).containsOnly(BeepDetector.Event.NONE);
    }

    @ParameterizedTest
    @ValueSource(ints = {150, 250, 3000})
    void tonesOutsideTheBeepBandAreIgnored(int hz) {
        assertThat(feed(new BeepDetector(120), tones(400, 6000, 0, hz))).containsOnly(BeepDetector.Event.NONE);
    }

    @Test
    void dtmfDigitsAreNoBeep() {
        int[][] digits = {{697, 1209}, {770, 1336}, {852, 1477}, {941, 1633}, {941, 1336}};
        for (int[] digit : digits) {
            assertThat(feed(new BeepDetector(120), tones(400, 5000, 0, digit[0], digit[1])))
                    .as("%d+%d Hz", digit[0], digit[1]).containsOnly(BeepDetector.Event.NONE);
        }
    }

    @Test
    void whiteNoiseIsNoBeepButATonePlayedOverItIs() {
        // noise at -30 dBFS, then a -17 dBFS tone over it (13 dB above the noise)
        Random random = new Random(1);
        short[] audio = new short[800 * 8];
        short[] tone = tones(400, 6000, 0, 1000);
        for (int i = 0; i < audio.length; i++) {
            double v = random.nextGaussian() * 1000 + (i >= 400 * 8 ? tone[i - 400 * 8] : 0);
            audio[i] = (short) Math.max(-32768, Math.min(32767, v));
        }
        List<BeepDetector.Event> events = feed(new BeepDetector(120), audio);
        assertThat(events.subList(0, 20)).containsOnly(BeepDetector.Event.NONE);
        assertThat(events).contains(BeepDetector.Event.STARTED);
    }

    @Test
    void aGlidingToneIsNoBeep() {
        // a siren-like sweep 500 -> 1500 Hz over 600 ms: pure in each frame, never steady
        short[] audio = new short[600 * 8];
        double phase = 0;
        for (int i = 0; i < audio.length; i++) {
            double hz = 500 + 1000.0 * i / audio.length;
            phase += 2 * Math.PI * hz / RATE;
            audio[i] = (short) Math.round(6000 * Math.sin(phase));
        }
        assertThat(feed(new BeepDetector(120), audio)).containsOnly(BeepDetector.Event.NONE);
    }
}
