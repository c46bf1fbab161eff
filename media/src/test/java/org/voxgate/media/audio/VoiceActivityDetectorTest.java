package org.voxgate.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceActivityDetectorTest {
    @TempDir
    Path dir;

    @Test
    void silenceIsNotSpeech() {
        try (VoiceActivityDetector vad = new VoiceActivityDetector(2, 8000)) {
            short[] frame = new short[160];
            for (int i = 0; i < 50; i++) {
                assertThat(vad.isSpeech(frame, 0, 160)).isFalse();
            }
        }
    }

    @Test
    void spokenSentenceIsSpeech() throws Exception {
        short[] speech = speak8k("Hello, thank you for calling. How can I help you today?");
        try (VoiceActivityDetector vad = new VoiceActivityDetector(2, 8000)) {
            int voiced = 0;
            int frames = 0;
            for (int offset = 0; offset + 160 <= speech.length; offset += 160) {
                frames++;
                if (vad.isSpeech(speech, offset, 160)) {
                    voiced++;
                }
            }
            // espeak leaves short pauses between words; most of the sentence is still voiced.
            assertThat(voiced).as("voiced frames of %d", frames).isGreaterThan(frames / 2);
        }
    }

    @Test
    void worksAtSixteenKilohertzAfterReset() throws Exception {
        short[] speech = speak8k("Book an appointment for tomorrow morning");
        Resampler up = new Resampler(8000, 16000);
        short[] wide = new short[up.maxOutputLength(speech.length)];
        int n = up.process(speech, 0, speech.length, wide, 0);
        try (VoiceActivityDetector vad = new VoiceActivityDetector(1, 16000)) {
            vad.reset();
            int voiced = 0;
            for (int offset = 0; offset + 480 <= n; offset += 480) {
                if (vad.isSpeech(wide, offset, 480)) {
                    voiced++;
                }
            }
            assertThat(voiced).isGreaterThan(0);
        }
    }

    @Test
    void rejectsBadFramesAndSettings() {
        assertThatThrownBy(() -> new VoiceActivityDetector(4, 8000)).hasMessageContaining("aggressiveness");
        assertThatThrownBy(() -> new VoiceActivityDetector(0, 44100)).hasMessageContaining("sample rate");
        VoiceActivityDetector vad = new VoiceActivityDetector(0, 8000);
        assertThatThrownBy(() -> vad.isSpeech(new short[100], 0, 100)).hasMessageContaining("10, 20 or 30 ms");
        vad.close();
        vad.close();
        assertThatThrownBy(() -> vad.isSpeech(new short[160], 0, 160)).hasMessageContaining("closed");
    }

    /** Renders text with espeak-ng and converts it to 8 kHz with sox (both required tools). */
    private short[] speak8k(String text) throws IOException, InterruptedException {
        Path wav = dir.resolve("speech.wav");
        Path raw = dir.resolve("speech.raw");
        run("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav.toString(), text);
        run("sox", wav.toString(), "-r", "8000", "-c", "1", "-e", "signed-integer", "-b", "16",
                "-L", "-t", "raw", raw.toString());
        byte[] bytes = Files.readAllBytes(raw);
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is required by this test and is not"
                    + " installed (apt-get install espeak-ng sox)", e);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        assertThat(process.exitValue()).as(command[0] + " exit code").isZero();
    }
}
