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
        assertThat(frames).isEmpty();
        assembler.onPayload(thirty, 0, 240); // 80 + 240 = 320 samples = two frames
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)[79]).isEqualTo((short) 8);
        assertThat(frames.get(0)[80]).isEqualTo((short) 32256);
        assertThat(frames.get(1)).containsOnly((short) 32256);
        // one reused array, as the listener contract says
        assertThat(arrays.get(0)).isSameAs(arrays.get(1));
    }
}
