package org.voxgate.bench;

import java.util.SplittableRandom;

/**
 * A deterministic speech-like test signal for the benchmarks: a few harmonics of a gliding
 * pitch, amplitude-modulated at a syllable rate, with a little noise, so the codec, the
 * resampler and the VAD see varied, voiced audio rather than a constant tone or silence.
 *
 * <p>Threading: build once in a benchmark's setup; the arrays it returns belong to the caller.
 */
final class TestSignal {
    private TestSignal() {}

    /** {@code samples} samples at {@code rate} Hz, peak about -6 dBFS. */
    static short[] speechLike(int rate, int samples) {
        SplittableRandom random = new SplittableRandom(42);
        short[] pcm = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            double pitch = 140 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / rate;
            double voiced = 0;
            for (int h = 1; h <= 8; h++) {
                if (pitch * h < rate / 2.0) {
                    voiced += Math.sin(h * phase) / h;
                }
            }
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            double value = 9000 * envelope * voiced + 300 * (random.nextDouble() - 0.5);
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
        }
        return pcm;
    }
}
