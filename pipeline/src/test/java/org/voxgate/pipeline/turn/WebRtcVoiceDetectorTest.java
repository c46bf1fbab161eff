package org.voxgate.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebRtcVoiceDetectorTest {
    @Test
    void silenceIsNotSpeechAndModeIsChecked() {
        try (WebRtcVoiceDetector vad = new WebRtcVoiceDetector(3)) {
            for (int i = 0; i < 10; i++) {
                assertThat(vad.isSpeech(new short[160])).isFalse();
            }
        }
        assertThatThrownBy(() -> new WebRtcVoiceDetector(5)).isInstanceOf(IllegalArgumentException.class);
    }
}
