package org.voxgate.pipeline.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EspeakSynthesizerTest {
    @Test
    void rendersAudibleSpeechOfPlausibleLength() {
        EspeakSynthesizer tts = SpeechTools.espeak();
        short[] pcm = tts.synthesize("Thank you for calling. Goodbye.");

        double seconds = pcm.length / 8000.0;
        // Five words at 150 words per minute, plus the pause at the full stop.
        assertThat(seconds).isBetween(1.0, 4.0);
        assertThat(rms(pcm)).isGreaterThan(500);
    }

    @Test
    void cachedPhraseIsIdenticalAndOwnedByCaller() {
        EspeakSynthesizer tts = SpeechTools.espeak();
        short[] first = tts.synthesize("Hello");
        short[] copy = first.clone();
        java.util.Arrays.fill(first, (short) 0);
        assertThat(tts.synthesize("Hello")).isEqualTo(copy);
    }

    @Test
    void missingBinaryNamesThePackage() {
        EspeakSynthesizer tts = new EspeakSynthesizer(Path.of("/nonexistent/espeak-ng"), "en-us", 150,
                Duration.ofSeconds(5), 2);
        assertThatThrownBy(() -> tts.synthesize("hello")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("apt-get install espeak-ng");
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new EspeakSynthesizer(SpeechTools.ESPEAK, "-x", 150, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EspeakSynthesizer(SpeechTools.ESPEAK, "en", 10, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static double rms(short[] pcm) {
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, pcm.length));
    }
}
