package org.voxgate.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Every pair among 8, 16, 24 and 48 kHz, with Goertzel as the judge: an in-band tone keeps its
 * level and frequency through a round trip, a tone above the lower rate's Nyquist frequency
 * is rejected (aliasing below -40 dB over all of the output band), and framing allocates
 * nothing.
 */
class ResamplerPairsTest {
    private static final int[] RATES = {8000, 16000, 24000, 48000};

    @Test
    void threeKilohertzToneSurvivesEightToSixteenToEightWithinOneDecibel() {
        short[] tone = ResamplerTest.tone(3000, 8000, 16000, 10000);
        short[] back = ResamplerTest.stream(new Resampler(16000, 8000),
                ResamplerTest.stream(new Resampler(8000, 16000), tone));
        short[] steady = java.util.Arrays.copyOfRange(back, 1000, back.length - 500);
        double levelDb = 20 * Math.log10(goertzelAmplitude(steady, 8000, 3000) / 10000);
        assertThat(levelDb).as("3 kHz level after 8->16->8").isBetween(-1.0, 1.0);
        // the frequency: all of the power sits at 3 kHz, none a bin either side
        assertThat(goertzelAmplitude(steady, 8000, 3000) / rms(steady) / Math.sqrt(2)).isGreaterThan(0.99);
        assertThat(goertzelAmplitude(steady, 8000, 2900)).isLessThan(10000 * 0.05);
        assertThat(goertzelAmplitude(steady, 8000, 3100)).isLessThan(10000 * 0.05);
    }

    @Test
    void inBandToneRoundTripsBetweenEveryPair() {
        for (int a : RATES) {
            for (int b : RATES) {
                if (a == b) {
                    continue;
                }
                double hz = 0.35 * Math.min(a, b); // 2.8 kHz when 8 kHz is involved
                short[] tone = ResamplerTest.tone(hz, a, a, 10000);
                short[] there = ResamplerTest.stream(new Resampler(a, b), tone);
                short[] back = ResamplerTest.stream(new Resampler(b, a), there);
                short[] steady = java.util.Arrays.copyOfRange(back, a / 8, back.length - a / 16);
                double thereDb = 20 * Math.log10(goertzelAmplitude(
                        java.util.Arrays.copyOfRange(there, b / 8, there.length - b / 16), b, hz) / 10000);
                double backDb = 20 * Math.log10(goertzelAmplitude(steady, a, hz) / 10000);
                assertThat(thereDb).as("%d -> %d, %.0f Hz", a, b, hz).isBetween(-1.0, 1.0);
                assertThat(backDb).as("%d -> %d -> %d, %.0f Hz", a, b, a, hz).isBetween(-1.0, 1.0);
                assertThat(there.length).as("%d -> %d length", a, b).isBetween(b - 2, b + 2);
            }
        }
    }

    @Test
    void tonesAboveTheNewNyquistAreRejectedBelowMinus40Decibels() {
        for (int in : RATES) {
            for (int out : RATES) {
                if (out >= in) {
                    continue;
                }
                // just above the output's Nyquist frequency (the hardest case) and well above
                for (double hz : new double[] {0.56 * out, 0.75 * out}) {
                    if (hz >= in / 2.0) {
                        continue;
                    }
                    short[] tone = ResamplerTest.tone(hz, in, in, 20000);
                    short[] down = ResamplerTest.stream(new Resampler(in, out), tone);
                    short[] steady = java.util.Arrays.copyOfRange(down, out / 10, down.length - out / 20);
                    double inputRms = rms(tone);
                    // energy anywhere in the output band, and at the alias frequency itself
                    double leftDb = 20 * Math.log10(Math.max(rms(steady), 1e-9) / inputRms);
                    double alias = out - hz;
                    double aliasDb = 20 * Math.log10(Math.max(goertzelAmplitude(steady, out, alias), 1e-9)
                            / (inputRms * Math.sqrt(2)));
                    assertThat(leftDb).as("%d -> %d, %.0f Hz: energy left", in, out, hz).isLessThan(-40);
                    assertThat(aliasDb).as("%d -> %d, %.0f Hz: alias at %.0f Hz", in, out, hz, alias).isLessThan(-40);
                }
            }
        }
    }

    @Test
    void framingAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Resampler up = new Resampler(8000, 48000);
        Resampler down = new Resampler(48000, 8000);
        short[] frame = ResamplerTest.tone(1000, 8000, 160, 8000);
        short[] wide = new short[up.maxOutputLength(160)];
        short[] narrow = new short[down.maxOutputLength(wide.length)];
        for (int i = 0; i < 20_000; i++) {
            int n = up.process(frame, 0, 160, wide, 0);
            down.process(wide, 0, n, narrow, 0);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 5000; i++) {
            int n = up.process(frame, 0, 160, wide, 0);
            down.process(wide, 0, n, narrow, 0);
        }
        assertThat((threads.getCurrentThreadAllocatedBytes() - before) / 5000).isLessThan(8);
    }

    /** Amplitude of the component at {@code hz} (Goertzel, normalised: a sine of amplitude A gives A). */
    static double goertzelAmplitude(short[] pcm, int rate, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (short x : pcm) {
            double s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / pcm.length;
    }

    static double rms(short[] pcm) {
        return ResamplerTest.rms(pcm, 0, pcm.length);
    }
}
