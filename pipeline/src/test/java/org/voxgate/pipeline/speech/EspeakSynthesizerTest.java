package org.voxgate.pipeline.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void hungProcessIsKilledAtTimeout(@TempDir Path dir) throws Exception {
        Path slow = stalledEngine(dir);
        EspeakSynthesizer tts = new EspeakSynthesizer(slow, "en-us", 150, Duration.ofMillis(300), 2);
        assertThatThrownBy(() -> tts.synthesize("hello")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("did not finish within 300 ms");
    }

    @Test
    void interruptStopsRenderingAndKeepsTheInterrupt(@TempDir Path dir) throws Exception {
        EspeakSynthesizer tts = new EspeakSynthesizer(stalledEngine(dir), "en-us", 150, Duration.ofMinutes(5), 2);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                tts.synthesize("hello");
            } catch (SpeechException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        // Whenever the interrupt lands (before or during the wait), rendering must stop.
        thread.interrupt();
        thread.join(Duration.ofSeconds(30));
        assertThat(thread.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(SpeechException.class);
        assertThat(stillInterrupted.get()).isTrue();
    }

    /** A stand-in executable (package-visible for the session tests) that accepts espeak-ng's arguments and never finishes. */
    static Path stalledEngine(Path dir) throws java.io.IOException {
        Path script = dir.resolve("stalled-espeak");
        java.nio.file.Files.writeString(script, "#!/bin/sh\nexec sleep 600\n");
        script.toFile().setExecutable(true);
        return script;
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
