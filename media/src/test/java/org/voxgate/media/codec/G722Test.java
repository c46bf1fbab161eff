package org.voxgate.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.voxgate.media.Codec;
import org.voxgate.media.CodecOptions;

/** The hand-written G.722 (64 kbit/s): tones in both sub-bands survive a round trip. */
class G722Test {

    @Test
    void tonesInTheLowAndHighBandSurviveAt16Kilohertz() {
        for (double hz : new double[] {440, 1000, 3000, 5000, 6500}) {
            G722Encoder encoder = new G722Encoder();
            G722Decoder decoder = new G722Decoder();
            short[] tone = tone(hz, 16000, 16000, 10000);
            byte[] coded = new byte[tone.length / 2];
            assertThat(encoder.encodeWideband(tone, 0, tone.length, coded, 0)).isEqualTo(8000);
            short[] back = new short[tone.length];
            assertThat(decoder.decodeWideband(coded, 0, coded.length, back, 0)).isEqualTo(16000);
            short[] steady = java.util.Arrays.copyOfRange(back, 1600, back.length);
            double amplitude = goertzelAmplitude(steady, 16000, hz);
            double levelDb = 20 * Math.log10(amplitude / 10000);
            double share = amplitude * amplitude / 2 / (rms(steady) * rms(steady));
            assertThat(levelDb).as("%s Hz level", hz).isBetween(-1.5, 1.5);
            assertThat(share).as("%s Hz share of the power", hz).isGreaterThan(0.97);
        }
    }

    @Test
    void snrOfAVoiceBandToneIsHigh() {
        G722Encoder encoder = new G722Encoder();
        G722Decoder decoder = new G722Decoder();
        short[] tone = tone(1000, 16000, 16000, 8000);
        byte[] coded = new byte[8000];
        encoder.encodeWideband(tone, 0, tone.length, coded, 0);
        short[] back = new short[16000];
        decoder.decodeWideband(coded, 0, coded.length, back, 0);
        // the codec delays by the two QMFs (23 samples at 16 kHz): compare after the best lag
        double best = 0;
        for (int lag = 0; lag < 40; lag++) {
            double signal = 0;
            double noise = 0;
            for (int i = 2000; i < 15000; i++) {
                double e = back[i + lag] - tone[i];
                signal += (double) tone[i] * tone[i];
                noise += e * e;
            }
            best = Math.max(best, 10 * Math.log10(signal / noise));
        }
        assertThat(best).as("SNR dB").isGreaterThan(35); // measured 47 dB
    }

    @Test
    void pipelineFramesGoThroughAsTwentyMillisecondPackets() {
        try (AudioEncoder encoder = AudioCodecs.encoder(Codec.G722, CodecOptions.NONE);
                AudioDecoder decoder = AudioCodecs.decoder(Codec.G722, CodecOptions.NONE)) {
            assertThat(encoder.timestampStep()).isEqualTo(160);
            short[] tone = tone(1000, 8000, 8000, 10000);
            byte[] packet = new byte[AudioEncoder.MAX_PAYLOAD_BYTES];
            short[] out = new short[AudioDecoder.MAX_DECODED_SAMPLES];
            short[] all = new short[8000];
            int total = 0;
            for (int off = 0; off < tone.length; off += 160) {
                int n = encoder.encode(tone, off, packet, 0);
                assertThat(n).isEqualTo(160);
                int m = decoder.decode(packet, 0, n, out, 0);
                assertThat(m).isEqualTo(160);
                System.arraycopy(out, 0, all, total, m);
                total += m;
            }
            short[] steady = java.util.Arrays.copyOfRange(all, 800, all.length);
            assertThat(20 * Math.log10(goertzelAmplitude(steady, 8000, 1000) / 10000)).isBetween(-1.5, 1.5);
            int n = decoder.conceal(null, 0, 0, out, 0);
            assertThat(n).isEqualTo(160);
        }
    }

    static short[] tone(double hz, int rate, int samples, double amplitude) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return pcm;
    }

    static double goertzelAmplitude(short[] pcm, int rate, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (short x : pcm) {
            double s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return 2 * Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2)) / pcm.length;
    }

    static double rms(short[] pcm) {
        double sum = 0;
        for (short x : pcm) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum / pcm.length);
    }
}
