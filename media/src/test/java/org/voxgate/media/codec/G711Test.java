package org.voxgate.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.voxgate.media.Codec;

class G711Test {

    @Test
    void ulawKnownValues() {
        assertThat(G711.linearToUlaw((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.linearToUlaw((short) -1)).isEqualTo((byte) 0x7F);
        assertThat(G711.linearToUlaw(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(G711.linearToUlaw(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
        assertThat(G711.ulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.ulawToLinear((byte) 0xFE)).isEqualTo((short) 8);
    }

    @Test
    void alawKnownValues() {
        assertThat(G711.linearToAlaw((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(G711.linearToAlaw((short) -1)).isEqualTo((byte) 0x55);
        assertThat(G711.linearToAlaw(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
        assertThat(G711.linearToAlaw(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void everyCodeWordSurvivesDecodeThenEncode() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            short u = G711.ulawToLinear(code);
            assertThat(G711.ulawToLinear(G711.linearToUlaw(u))).as("ulaw %02x", c).isEqualTo(u);
            short a = G711.alawToLinear(code);
            assertThat(G711.linearToAlaw(a)).as("alaw %02x", c).isEqualTo(code);
        }
    }

    @Test
    void decodeIsMonotonicInTheLinearDomain() {
        short previousU = Short.MIN_VALUE;
        short previousA = Short.MIN_VALUE;
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s += 7) {
            short u = G711.ulawToLinear(G711.linearToUlaw((short) s));
            short a = G711.alawToLinear(G711.linearToAlaw((short) s));
            assertThat(u).isGreaterThanOrEqualTo(previousU);
            assertThat(a).isGreaterThanOrEqualTo(previousA);
            previousU = u;
            previousA = a;
        }
    }

    @Test
    void quantisationErrorStaysWithinTheSegmentStep() {
        for (int s = -32000; s <= 32000; s += 13) {
            short sample = (short) s;
            int u = G711.ulawToLinear(G711.linearToUlaw(sample));
            int a = G711.alawToLinear(G711.linearToAlaw(sample));
            // the coarsest step is 1024 (mu-law) or 1024 (A-law segment 7); half a step plus slack
            int allowed = Math.max(16, Math.abs(s) / 16 + 8);
            assertThat(Math.abs(u - s)).as("ulaw %d", s).isLessThanOrEqualTo(allowed);
            assertThat(Math.abs(a - s)).as("alaw %d", s).isLessThanOrEqualTo(allowed);
        }
    }

    @Test
    void audioCodecRoundTripsABufferAndKnowsItsSilence() {
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        for (Codec c : new Codec[] {Codec.PCMU, Codec.PCMA}) {
            AudioCodec codec = AudioCodec.of(c);
            byte[] encoded = new byte[160];
            short[] decoded = new short[160];
            codec.encode(pcm, 0, encoded, 0, 160);
            codec.decode(encoded, 0, decoded, 0, 160);
            for (int i = 0; i < pcm.length; i++) {
                assertThat(Math.abs(decoded[i] - pcm[i])).isLessThanOrEqualTo(Math.abs(pcm[i]) / 16 + 16);
            }
        }
        assertThat(AudioCodec.PCMU.silence()).isEqualTo((byte) 0xFF);
        assertThat(AudioCodec.PCMA.silence()).isEqualTo((byte) 0xD5);
    }
}
