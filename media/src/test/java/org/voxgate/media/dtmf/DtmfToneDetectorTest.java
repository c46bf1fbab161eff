package org.voxgate.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DtmfToneDetectorTest {
    private static final int RATE = 8000;
    private static final int FRAME = 160;

    private final StringBuilder digits = new StringBuilder();
    private final DtmfToneDetector detector = new DtmfToneDetector(RATE, FRAME);

    DtmfToneDetectorTest() {
        detector.setListener((digit, ms) -> digits.append(digit));
    }

    /** Feeds the signal frame by frame, the way the media layer delivers it. */
    private void feed(short[] signal) {
        short[] frame = new short[FRAME];
        for (int at = 0; at + FRAME <= signal.length; at += FRAME) {
            System.arraycopy(signal, at, frame, 0, FRAME);
            detector.process(frame, FRAME);
        }
    }

    /** Key presses of {@code toneMs} with {@code gapMs} between them, starting at an odd offset. */
    private static short[] keyed(String keys, int toneMs, int gapMs, int leadSamples) {
        int tone = toneMs * RATE / 1000;
        int gap = gapMs * RATE / 1000;
        short[] out = new short[leadSamples + keys.length() * (tone + gap) + 4 * FRAME];
        DtmfTones gen = new DtmfTones(RATE);
        int at = leadSamples;
        for (char key : keys.toCharArray()) {
            gen.start(key);
            gen.fill(out, at, tone);
            at += tone + gap;
        }
        return out;
    }

    /**
     * A stand-in for a voice under the digits: a glottal-pulse-like harmonic series on a
     * wandering pitch (110-190 Hz) with a syllable-rate envelope, plus hiss.
     */
    private static short[] speechLike(int samples, double amplitude, long seed) {
        Random random = new Random(seed);
        short[] out = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE;
            double f0 = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * f0 / RATE;
            double voiced = 0;
            for (int h = 1; h <= 20; h++) {
                voiced += Math.sin(h * phase) / h;
            }
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            double v = amplitude * (envelope * voiced / 2 + 0.1 * random.nextGaussian());
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        return out;
    }

    private static short[] mix(short[] a, short[] b) {
        short[] out = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, a[i] + (i < b.length ? b[i] : 0)));
        }
        return out;
    }

    @Test
    void cleanDigitsAreEachReportedOnce() {
        feed(keyed("159#*0", 100, 100, 37));
        assertThat(digits).hasToString("159#*0");
    }

    @Test
    void digitsUnderSpeechLikeNoiseAreFoundExactly() {
        short[] tones = keyed("159#*0", 80, 60, 91);
        // the voice sits about 12 dB under the tone pair
        feed(mix(tones, speechLike(tones.length, 1500, 42)));
        assertThat(digits).hasToString("159#*0");
    }

    @Test
    void theSameKeyTwiceGivesTwoDigitsAndEveryKeyIsKnown() {
        feed(keyed("0123456789*#ABCD11", 60, 50, 0));
        assertThat(digits).hasToString("0123456789*#ABCD11");
    }

    @Test
    void aToneShorterThanFortyMillisecondsIsNotADigit() {
        feed(keyed("5", 25, 100, 0));
        assertThat(digits).isEmpty();
    }

    @Test
    void oneDisturbedFrameDoesNotSplitAPress() {
        short[] tones = keyed("7", 300, 100, 0);
        java.util.Arrays.fill(tones, 8 * FRAME, 9 * FRAME, (short) 0); // a lost, concealed frame
        feed(tones);
        assertThat(digits).hasToString("7");
    }

    @Test
    void aOneKilohertzToneIsNotADigit() {
        short[] tone = new short[5 * RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(12000 * Math.sin(2 * Math.PI * 1000 * i / RATE));
        }
        feed(tone);
        assertThat(digits).isEmpty();
    }

    @Test
    void speechLikeNoiseAloneIsNotADigit() {
        for (long seed = 1; seed <= 5; seed++) {
            feed(speechLike(10 * RATE, 8000, seed));
        }
        assertThat(digits).isEmpty();
    }

    @Test
    void realSynthesisedSpeechIsNotADigit(@TempDir Path dir) throws Exception {
        short[] speech = espeak(dir, "Hello, you have reached the front desk. Please tell me your"
                + " account number, one five nine, and the reason for your call. Thank you very much.");
        assumeTrue(speech != null, "espeak-ng and sox are needed for this test");
        assertThat(speech.length).isGreaterThan(2 * RATE);
        feed(speech);
        assertThat(digits).isEmpty();
    }

    @Test
    void processingAFrameAllocatesNothing() {
        short[] signal = mix(keyed("159#*0", 100, 100, 0), speechLike(12 * FRAME * 10, 1500, 3));
        short[] frame = new short[FRAME];
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 20_000; warm++) { // let the JIT settle
            System.arraycopy(signal, (warm % (signal.length / FRAME)) * FRAME, frame, 0, FRAME);
            detector.process(frame, FRAME);
        }
        detector.setListener(null);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(signal, (i % (signal.length / FRAME)) * FRAME, frame, 0, FRAME);
            detector.process(frame, FRAME);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated over 10,000 frames").isLessThan(10_000);
    }

    /** espeak-ng speech resampled by sox to 8 kHz 16-bit mono, or null when they are missing. */
    private static short[] espeak(Path dir, String text) throws Exception {
        Path wav = dir.resolve("speech.wav");
        Path raw = dir.resolve("speech.raw");
        if (!run(dir, "espeak-ng", "-w", wav.toString(), text)
                || !run(dir, "sox", wav.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
                        "-t", "raw", raw.toString())) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(raw);
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    private static boolean run(Path dir, String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
