package org.voxgate.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static final int FRAME_MS = 20;

    @Test
    void oneKilohertzToneSurvivesUpAndDownWithSmallError() {
        short[] tone = tone(1000, 8000, 8000, 10000);
        short[] back = stream(new Resampler(16000, 8000), stream(new Resampler(8000, 16000), tone));

        Fit fit = fit(back, 8000, 1000, 1000);
        assertThat(fit.amplitude).isBetween(10000 * 0.97, 10000 * 1.03);
        assertThat(fit.residualRms / fit.amplitude).isLessThan(0.01);
    }

    @Test
    void threeKilohertzToneSurvivesUpAndDown() {
        short[] tone = tone(3000, 8000, 8000, 10000);
        short[] back = stream(new Resampler(16000, 8000), stream(new Resampler(8000, 16000), tone));

        Fit fit = fit(back, 8000, 3000, 1000);
        assertThat(fit.amplitude).isBetween(10000 * 0.9, 10000 * 1.05);
        assertThat(fit.residualRms / fit.amplitude).isLessThan(0.02);
    }

    @Test
    void upsampledToneHasNoImageAboveFourKilohertz() {
        short[] up = stream(new Resampler(8000, 16000), tone(1000, 8000, 8000, 10000));

        Fit fit = fit(up, 16000, 1000, 2000);
        assertThat(fit.amplitude).isBetween(10000 * 0.97, 10000 * 1.03);
        // The zero-stuffing image would sit at 7 kHz; whatever is left over is tiny.
        assertThat(fit.residualRms / fit.amplitude).isLessThan(0.01);
    }

    @Test
    void sixKilohertzToneIsNotAliasedWhenDownsampling() {
        short[] tone = tone(6000, 16000, 16000, 20000);
        short[] down = stream(new Resampler(16000, 8000), tone);

        double inputRms = rms(tone, 0, tone.length);
        double aliasRms = rms(down, 500, down.length - 500);
        double attenuationDb = 20 * Math.log10(inputRms / Math.max(aliasRms, 1e-9));
        assertThat(attenuationDb).isGreaterThan(40);
    }

    @Test
    void framesGiveTheSameOutputAsOnePiece() {
        short[] tone = tone(440, 22050, 22050, 12000);
        Resampler whole = new Resampler(22050, 8000);
        short[] oneOut = new short[whole.maxOutputLength(tone.length)];
        int oneCount = whole.process(tone, 0, tone.length, oneOut, 0);

        short[] framed = stream(new Resampler(22050, 8000), tone);
        assertThat(framed.length).isEqualTo(oneCount);
        for (int i = 0; i < oneCount; i++) {
            assertThat(framed[i]).as("sample %d", i).isEqualTo(oneOut[i]);
        }
        // 22050 -> 8000 keeps the rate ratio exactly.
        assertThat(oneCount).isBetween(7999, 8001);
    }

    @Test
    void arbitraryRatioKeepsToneInPassBand() {
        short[] down = stream(new Resampler(22050, 8000), tone(440, 22050, 22050, 12000));
        Fit fit = fit(down, 8000, 440, 1000);
        assertThat(fit.amplitude).isBetween(12000 * 0.97, 12000 * 1.03);
        assertThat(fit.residualRms / fit.amplitude).isLessThan(0.01);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Resampler(0, 8000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(8000, 7919 * 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ratio");
        Resampler resampler = new Resampler(8000, 16000);
        assertThatThrownBy(() -> resampler.process(new short[160], 0, 160, new short[100], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Feeds {@code input} through in 20 ms frames, as a call would. */
    static short[] stream(Resampler resampler, short[] input) {
        int frame = resampler.inputRate() * FRAME_MS / 1000;
        short[] out = new short[resampler.maxOutputLength(input.length) + input.length / frame + 2];
        short[] frameOut = new short[resampler.maxOutputLength(frame)];
        int total = 0;
        for (int offset = 0; offset < input.length; offset += frame) {
            int n = resampler.process(input, offset, Math.min(frame, input.length - offset), frameOut, 0);
            System.arraycopy(frameOut, 0, out, total, n);
            total += n;
        }
        return java.util.Arrays.copyOf(out, total);
    }

    static short[] tone(double hz, int rate, int samples, double amplitude) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return pcm;
    }

    record Fit(double amplitude, double residualRms) {}

    /** Least-squares fit of one sinusoid at {@code hz}, skipping the filter's start-up. */
    static Fit fit(short[] pcm, int rate, double hz, int skip) {
        int end = pcm.length - skip / 2;
        double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
        for (int i = skip; i < end; i++) {
            double s = Math.sin(2 * Math.PI * hz * i / rate);
            double c = Math.cos(2 * Math.PI * hz * i / rate);
            ss += s * s; sc += s * c; cc += c * c; ys += pcm[i] * s; yc += pcm[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det;
        double b = (yc * ss - ys * sc) / det;
        double residual = 0;
        for (int i = skip; i < end; i++) {
            double model = a * Math.sin(2 * Math.PI * hz * i / rate) + b * Math.cos(2 * Math.PI * hz * i / rate);
            residual += (pcm[i] - model) * (pcm[i] - model);
        }
        return new Fit(Math.hypot(a, b), Math.sqrt(residual / (end - skip)));
    }

    static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
