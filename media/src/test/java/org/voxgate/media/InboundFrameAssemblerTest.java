package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.AudioCodec;

class InboundFrameAssemblerTest {

    @Test
    void tenAndThirtyMillisecondPacketsBecomeTwentyMillisecondFrames() {
        List<short[]> frames = new ArrayList<>();
        List<short[]> arrays = new ArrayList<>();
        InboundFrameAssembler assembler = new InboundFrameAssembler(frame -> {
            frames.add(frame.clone());
            arrays.add(frame);
        });
        assembler.setCodec(AudioCodec.PCMA);
        byte[] ten = new byte[80];
        byte[] thirty = new byte[240];
        java.util.Arrays.fill(ten, AudioCodec.PCMA.silence());
        java.util.Arrays.fill(thirty, (byte) 0xAA); // A-law full scale positive

        assembler.onPayload(ten, 0, 80);
        assertThat(assembler.buffered()).isEqualTo(80);
        assembler.onPayload(thirty, 0, 240); // 80 + 240 = 320 samples = two frames
        assertThat(frames).isEmpty(); // one frame per playout tick, never more
        assembler.emitFrame();
        assembler.emitFrame();
        assertThat(frames).hasSize(2);
        assertThat(assembler.buffered()).isZero();
        assertThat(frames.get(0)[79]).isEqualTo((short) 8);
        assertThat(frames.get(0)[80]).isEqualTo((short) 32256);
        assertThat(frames.get(1)).containsOnly((short) 32256);
        // one reused array, as the listener contract says
        assertThat(arrays.get(0)).isSameAs(arrays.get(1));
    }

    @Test
    void aLostG711PacketIsConcealedFromThePitchOfWhatCameBeforeThenFadesToSilence() {
        List<short[]> frames = new ArrayList<>();
        InboundFrameAssembler assembler = new InboundFrameAssembler(frame -> frames.add(frame.clone()));
        assembler.setCodec(AudioCodec.PCMU);
        byte[] packet = new byte[160];
        for (int i = 0; i < 3; i++) {
            AudioCodec.PCMU.encode(Tones.sine(440, 160, 8000, i * 160), 0, packet, 0, 160);
            assembler.onPayload(packet, 0, 160);
            assembler.emitFrame();
        }
        for (int i = 0; i < 4; i++) {
            assembler.conceal(160);
            assembler.emitFrame();
        }
        assertThat(frames).hasSize(7);
        // the first lost frame carries the tone on (pitch repetition), not silence
        assertThat(Tones.toneShare(frames.get(3), 440)).isGreaterThan(0.8);
        // after 60 ms of loss the concealment has faded out
        assertThat(frames.get(6)).containsOnly((short) 0);
    }

    @Test
    void opusPacketsAndAConcealedOneBecomeTwentyMillisecondFrames() {
        List<short[]> frames = new ArrayList<>();
        InboundFrameAssembler assembler = new InboundFrameAssembler(frame -> frames.add(frame.clone()));
        assembler.setDecoder(org.voxgate.media.codec.AudioCodecs.decoder(Codec.OPUS, CodecOptions.NONE));
        try (var encoder = org.voxgate.media.codec.AudioCodecs.encoder(Codec.OPUS, CodecOptions.NONE)) {
            short[] tone = new short[160];
            byte[] packet = new byte[org.voxgate.media.codec.AudioEncoder.MAX_PAYLOAD_BYTES];
            for (int i = 0; i < 10; i++) {
                System.arraycopy(Tones.sine(1000, 160, 8000, i * 160), 0, tone, 0, 160);
                int n = encoder.encode(tone, 0, packet, 0);
                if (i == 5) {
                    assembler.conceal(160); // packet 5 lost: Opus's own concealment stands in
                } else {
                    assembler.onPayload(packet, 0, n);
                }
                assembler.emitFrame();
            }
        }
        assembler.close();
        assertThat(frames).hasSize(10);
        assertThat(Tones.toneShare(frames.get(5), 1000)).isGreaterThan(0.5);
        assertThat(Tones.toneShare(frames.get(8), 1000)).isGreaterThan(0.8);
    }
}
