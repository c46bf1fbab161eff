package org.voxgate.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.media.Codec;
import org.voxgate.media.CodecOptions;
import org.voxgate.media.Tones;

/** Real libopus (opus-java natives): tones through encode/decode, FEC and PLC, close. */
class OpusCodecTest {
    private static final int FRAME = AudioEncoder.FRAME_SAMPLES;

    @Test
    void toneSurvivesEncodeAndDecodeAtItsFrequency() {
        for (double hz : new double[] {440, 1000, 3000}) {
            try (AudioEncoder encoder = AudioCodecs.encoder(Codec.OPUS, CodecOptions.NONE);
                    AudioDecoder decoder = AudioCodecs.decoder(Codec.OPUS, CodecOptions.NONE)) {
                List<byte[]> packets = encode(encoder, tone(hz, 100 * FRAME, 8000));
                short[] out = decodeAll(decoder, packets);
                assertThat(out.length).isEqualTo(100 * FRAME);
                short[] steady = java.util.Arrays.copyOfRange(out, 20 * FRAME, out.length);
                assertThat(Tones.toneShare(steady, hz)).as("%s Hz share", hz).isGreaterThan(0.9);
                double gainDb = 20 * Math.log10(rms(steady) / (8000 / Math.sqrt(2)));
                assertThat(gainDb).as("%s Hz level", hz).isBetween(-2.0, 1.0);
            }
        }
    }

    @Test
    void packetsAreSmallAndTimestampsStepBy960() {
        try (AudioEncoder encoder = AudioCodecs.encoder(Codec.OPUS, CodecOptions.NONE)) {
            assertThat(encoder.timestampStep()).isEqualTo(960);
            int bytes = 0;
            for (byte[] p : encode(encoder, tone(1000, 50 * FRAME, 8000))) {
                bytes += p.length;
            }
            // 24 kbit/s is 60 bytes per 20 ms; VBR and FEC move it around that
            assertThat(bytes / 50).isBetween(20, 150);
        }
    }

    @Test
    void lostPacketIsRecoveredFromTheNextOnesFecBetterThanByConcealmentAlone() {
        // SILK sends FEC only for frames its VAD takes for speech: a voiced-like signal
        // (200 Hz harmonics under a syllable-rate envelope), not a steady tone
        short[] speechLike = speechLike(60 * FRAME);
        try (AudioEncoder encoder = AudioCodecs.encoder(Codec.OPUS, CodecOptions.NONE);
                AudioDecoder reference = AudioCodecs.decoder(Codec.OPUS, CodecOptions.NONE);
                AudioDecoder withFec = AudioCodecs.decoder(Codec.OPUS, CodecOptions.NONE);
                AudioDecoder plcOnly = AudioCodecs.decoder(Codec.OPUS, CodecOptions.NONE)) {
            List<byte[]> packets = encode(encoder, speechLike);
            short[] out = new short[AudioDecoder.MAX_DECODED_SAMPLES];
            short[] lossless = null;
            short[] fecFrame = null;
            short[] plcFrame = null;
            for (int i = 0; i < packets.size(); i++) {
                byte[] p = packets.get(i);
                int n = reference.decode(p, 0, p.length, out, 0);
                if (i == 40) { // lost on the way to the other two
                    lossless = java.util.Arrays.copyOf(out, n);
                    byte[] next = packets.get(i + 1);
                    n = withFec.conceal(next, 0, next.length, out, 0);
                    assertThat(n).isEqualTo(FRAME);
                    fecFrame = java.util.Arrays.copyOf(out, n);
                    n = plcOnly.conceal(null, 0, 0, out, 0);
                    assertThat(n).isEqualTo(FRAME);
                    plcFrame = java.util.Arrays.copyOf(out, n);
                    continue;
                }
                withFec.decode(p, 0, p.length, out, 0);
                plcOnly.decode(p, 0, p.length, out, 0);
            }
            double signal = rms(lossless);
            double fecError = rmsDifference(fecFrame, lossless);
            double plcError = rmsDifference(plcFrame, lossless);
            assertThat(rms(plcFrame)).as("PLC fills the hole").isGreaterThan(signal / 10);
            assertThat(fecError).as("FEC beats PLC").isLessThan(plcError);
            assertThat(fecError).as("FEC error below the signal").isLessThan(signal);
        }
    }

    static short[] speechLike(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / 8000.0;
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 3 * t);
            double v = 0;
            for (int h = 1; h * 200 < 3400; h++) {
                v += Math.sin(2 * Math.PI * 200 * h * t + h * 0.7) / h;
            }
            pcm[i] = (short) Math.round(5000 * envelope * v);
        }
        return pcm;
    }

    static double rmsDifference(short[] a, short[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum / a.length);
    }

    @Test
    void narrowbandPeerIsDecodedAtEightKilohertzAndHonoured() {
        CodecOptions narrow = new CodecOptions(8000, 8000, false, true, 12000, 20);
        try (AudioEncoder encoder = AudioCodecs.encoder(Codec.OPUS, narrow);
                AudioDecoder decoder = AudioCodecs.decoder(Codec.OPUS, narrow)) {
            assertThat(((OpusDecoder) decoder).decodeRate()).isEqualTo(8000);
            short[] out = decodeAll(decoder, encode(encoder, tone(1000, 50 * FRAME, 8000)));
            assertThat(Tones.toneShare(java.util.Arrays.copyOfRange(out, 10 * FRAME, out.length), 1000))
                    .isGreaterThan(0.9);
        }
    }

    @Test
    void closedCodecsDoNothingAndCloseTwice() {
        AudioEncoder encoder = AudioCodecs.encoder(Codec.OPUS, CodecOptions.NONE);
        AudioDecoder decoder = AudioCodecs.decoder(Codec.OPUS, CodecOptions.NONE);
        byte[] packet = new byte[AudioEncoder.MAX_PAYLOAD_BYTES];
        int n = encoder.encode(new short[FRAME], 0, packet, 0);
        assertThat(n).isPositive();
        encoder.close();
        decoder.close();
        encoder.close();
        decoder.close();
        assertThat(encoder.encode(new short[FRAME], 0, packet, 0)).isZero();
        assertThat(decoder.decode(packet, 0, n, new short[AudioDecoder.MAX_DECODED_SAMPLES], 0)).isZero();
    }

    @Test
    void steadyStateAllocatesNothingPerFrame() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (AudioEncoder encoder = AudioCodecs.encoder(Codec.OPUS, CodecOptions.NONE);
                AudioDecoder decoder = AudioCodecs.decoder(Codec.OPUS, CodecOptions.NONE)) {
            short[] pcm = tone(1000, FRAME, 8000);
            byte[] packet = new byte[AudioEncoder.MAX_PAYLOAD_BYTES];
            short[] out = new short[AudioDecoder.MAX_DECODED_SAMPLES];
            for (int i = 0; i < 20_000; i++) { // warm up until JIT-compiled
                int n = encoder.encode(pcm, 0, packet, 0);
                decoder.decode(packet, 0, n, out, 0);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 5000; i++) {
                int n = encoder.encode(pcm, 0, packet, 0);
                decoder.decode(packet, 0, n, out, 0);
            }
            long perFrame = (threads.getCurrentThreadAllocatedBytes() - before) / 5000;
            assertThat(perFrame).isLessThan(8);
        }
    }

    static List<byte[]> encode(AudioEncoder encoder, short[] pcm) {
        List<byte[]> packets = new ArrayList<>();
        byte[] packet = new byte[AudioEncoder.MAX_PAYLOAD_BYTES];
        for (int off = 0; off + FRAME <= pcm.length; off += FRAME) {
            int n = encoder.encode(pcm, off, packet, 0);
            assertThat(n).isPositive();
            packets.add(java.util.Arrays.copyOf(packet, n));
        }
        return packets;
    }

    static short[] decodeAll(AudioDecoder decoder, List<byte[]> packets) {
        short[] all = new short[packets.size() * AudioDecoder.MAX_DECODED_SAMPLES];
        short[] out = new short[AudioDecoder.MAX_DECODED_SAMPLES];
        int total = 0;
        for (byte[] p : packets) {
            int n = decoder.decode(p, 0, p.length, out, 0);
            System.arraycopy(out, 0, all, total, n);
            total += n;
        }
        return java.util.Arrays.copyOf(all, total);
    }

    static short[] tone(double hz, int samples, double amplitude) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return pcm;
    }

    static double rms(short[] pcm) {
        double sum = 0;
        for (short x : pcm) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum / pcm.length);
    }
}
