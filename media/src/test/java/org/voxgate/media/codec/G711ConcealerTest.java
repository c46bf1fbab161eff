package org.voxgate.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711ConcealerTest {
    private static final int FRAME = 160;

    private static short[] tone(double hz, int samples, double amplitude) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return pcm;
    }

    /** Runs a tone through the concealer frame by frame, losing frames {@code from..to-1}. */
    private static short[] playWithLoss(short[] tone, int from, int to) {
        G711Concealer plc = new G711Concealer();
        short[] out = new short[tone.length];
        for (int f = 0; f < tone.length / FRAME; f++) {
            if (f >= from && f < to) {
                plc.conceal(out, f * FRAME, FRAME);
            } else {
                System.arraycopy(tone, f * FRAME, out, f * FRAME, FRAME);
                plc.good(out, f * FRAME, FRAME);
            }
        }
        return out;
    }

    private static double correlation(short[] a, short[] b, int off, int n) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = off; i < off + n; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    private static double rms(short[] a, int off, int n) {
        double e = 0;
        for (int i = off; i < off + n; i++) {
            e += (double) a[i] * a[i];
        }
        return Math.sqrt(e / n);
    }

    private static int maxStep(short[] a, int from, int to) {
        int max = 0;
        for (int i = Math.max(1, from); i < to; i++) {
            max = Math.max(max, Math.abs(a[i] - a[i - 1]));
        }
        return max;
    }

    @Test
    void oneLostFrameOfAToneIsFilledWithTheToneWithoutAClick() {
        short[] tone = tone(440, 20 * FRAME, 8000);
        short[] out = playWithLoss(tone, 10, 11);

        // the concealed frame is the tone, in phase, at nearly full level - not silence
        assertThat(correlation(out, tone, 10 * FRAME, FRAME)).isGreaterThan(0.9);
        assertThat(rms(out, 10 * FRAME, FRAME)).isGreaterThan(0.8 * rms(tone, 10 * FRAME, FRAME));
        // no discontinuity at either join: no step larger than the tone's own steepest slope allows
        int toneStep = maxStep(tone, 1, tone.length);
        assertThat(maxStep(out, 9 * FRAME, 12 * FRAME)).isLessThanOrEqualTo((int) (1.3 * toneStep));
        // and after the join the real signal is back untouched
        for (int i = 11 * FRAME + 80; i < 20 * FRAME; i++) {
            assertThat(out[i]).isEqualTo(tone[i]);
        }
    }

    @Test
    void fiveLostFramesFadeToSilence() {
        short[] tone = tone(440, 20 * FRAME, 8000);
        short[] out = playWithLoss(tone, 10, 15);

        double[] level = new double[5];
        for (int f = 0; f < 5; f++) {
            level[f] = rms(out, (10 + f) * FRAME, FRAME);
        }
        assertThat(level[0]).isGreaterThan(0.8 * rms(tone, 0, FRAME));
        for (int f = 1; f < 5; f++) {
            assertThat(level[f]).as("frame %d of the loss", f).isLessThanOrEqualTo(level[f - 1]);
        }
        assertThat(level[2]).isLessThan(0.6 * level[0]); // 40-60 ms: fading
        assertThat(level[3]).isZero(); // 60 ms on: silent
        assertThat(level[4]).isZero();
        // the fade itself is smooth, and the signal that comes back fades in rather than jumping
        assertThat(maxStep(out, 10 * FRAME, 16 * FRAME)).isLessThanOrEqualTo((int) (1.3 * maxStep(tone, 1, tone.length)));
        assertThat(correlation(out, tone, 16 * FRAME, 4 * FRAME)).isGreaterThan(0.99);
    }

    @Test
    void comfortNoiseHasTheAnnouncedLevel() {
        ComfortNoise cn = new ComfortNoise();
        short[] noise = new short[8000];
        cn.fill(noise, 0, noise.length, 40); // -40 dBov
        double expected = ComfortNoise.rmsFor(40);
        assertThat(expected).isBetween(327.0, 328.0);
        assertThat(rms(noise, 0, noise.length)).isBetween(0.9 * expected, 1.1 * expected);
        cn.fill(noise, 0, noise.length, 127);
        assertThat(rms(noise, 0, noise.length)).isLessThan(1);
    }
}
