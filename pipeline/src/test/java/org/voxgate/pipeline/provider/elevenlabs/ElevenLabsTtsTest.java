package org.voxgate.pipeline.provider.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.FakeAudio;
import org.voxgate.fakes.elevenlabs.FakeElevenLabs;
import org.voxgate.fakes.elevenlabs.StreamInputTraffic;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.TtsStream;
import org.voxgate.pipeline.provider.testing.Await;
import org.voxgate.pipeline.provider.testing.RecordingTtsListener;

class ElevenLabsTtsTest {
    private static final String KEY = "xi-test-key";
    private static final String VOICE = "voice-123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50), 50, 10,
            Duration.ofSeconds(30));

    private FakeElevenLabs fake;

    @BeforeEach
    void start() {
        fake = FakeElevenLabs.start(KEY);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private ElevenLabsTts client(String key) {
        ProviderSettings settings = ProviderSettings.of("elevenlabs", fake.baseUrl(), key, "eleven_flash_v2_5")
                .withOption("voice", VOICE);
        return new ElevenLabsTts(settings, new ProviderGuard("elevenlabs", "tts", FAST, new SimpleMeterRegistry()),
                HttpClient.newHttpClient());
    }

    @Test
    void initFirstThenChunksThenFlushGivesAudioAndFlushed() throws Exception {
        RecordingTtsListener listener = new RecordingTtsListener();
        TtsStream stream = client(KEY).open(listener);
        stream.speak("Hello there. ");
        stream.speak("How are you?");
        stream.flush();
        Await.until("onFlushed", () -> listener.flushed() == 1);

        // The flush message adds one space: 13 + 13 + 1 characters rendered.
        assertThat(listener.samples()).isEqualTo(FakeAudio.voice("Hello there. How are you?  ").length);
        assertThat(listener.rms()).isGreaterThan(4000);
        assertThat(listener.characters()).isEqualTo("Hello there. How are you?".length());
        assertThat(listener.errors()).isEmpty();

        // Sockets connect concurrently, so find the reply's socket by what it got.
        StreamInputTraffic first = connectionWith("Hello there.");
        assertThat(first.voiceId()).isEqualTo(VOICE);
        assertThat(first.query()).containsEntry("model_id", "eleven_flash_v2_5").containsEntry("output_format", "ulaw_8000");
        List<String> frames = first.textFrames();
        JsonNode init = JSON.readTree(frames.getFirst());
        assertThat(init.path("text").asText()).isEqualTo(" ");
        assertThat(init.path("voice_settings").has("stability")).isTrue();
        assertThat(init.path("generation_config").path("chunk_length_schedule").isArray()).isTrue();
        assertThat(init.has("xi_api_key")).isFalse(); // the key goes in the header only
        assertThat(frames.subList(1, frames.size())).containsExactly(
                "{\"text\":\"Hello there. \",\"try_trigger_generation\":true}",
                "{\"text\":\"How are you? \",\"try_trigger_generation\":true}",
                "{\"text\":\" \",\"flush\":true}",
                "{\"text\":\"\"}");
        Await.until("the reply socket closed by the server", () -> first.closeCode() == 1000);
        // The next reply's socket was opened in advance.
        Await.until("a pre-opened socket", () -> fake.connections().size() == 2);
        stream.close();
    }

    @Test
    void secondReplyUsesThePreOpenedSocket() {
        RecordingTtsListener listener = new RecordingTtsListener();
        TtsStream stream = client(KEY).open(listener);
        stream.speak("One. ");
        stream.flush();
        Await.until("first onFlushed", () -> listener.flushed() == 1);
        stream.speak("Two. ");
        stream.flush();
        Await.until("second onFlushed", () -> listener.flushed() == 2);
        assertThat(listener.samples()).isEqualTo(2L * FakeAudio.voice("One.  ").length);
        assertThat(connectionWith("Two.").textFrames()).contains("{\"text\":\"Two. \",\"try_trigger_generation\":true}");
        assertThat(connectionWith("Two.")).isNotSameAs(connectionWith("One."));
        stream.close();
    }

    @Test
    void clearAbortsTheSocketDropsItsAudioAndTheNextTextGoesToAFreshSocket() throws Exception {
        fake.chunkDelay(Duration.ofMillis(5));
        RecordingTtsListener listener = new RecordingTtsListener();
        TtsStream stream = client(KEY).open(listener);
        CountDownLatch cleared = new CountDownLatch(1);
        listener.onEachAudio(calls -> {
            if (calls == 1) {
                stream.clear();
                cleared.countDown();
            }
        });
        stream.speak("This is a long answer that the caller will interrupt before it is finished.");
        stream.flush();
        assertThat(cleared.await(20, TimeUnit.SECONDS)).isTrue();
        stream.speak("Sure.");
        stream.flush();
        Await.until("onFlushed of the new reply", () -> listener.flushed() == 1);
        // One 10-character audio message got through before the clear; then only the new reply.
        assertThat(listener.samples()).isEqualTo(FakeAudio.voice("0123456789").length + FakeAudio.voice("Sure.  ").length);
        StreamInputTraffic interrupted = connectionWith("long answer");
        Await.until("the interrupted socket gone", interrupted::ended);
        assertThat(interrupted.textFrames()).noneMatch(f -> f.contains("Sure."));
        assertThat(fake.connections()).anyMatch(c -> c != interrupted && c.textFrames().stream().anyMatch(f -> f.contains("Sure.")));
        stream.close();
    }

    private StreamInputTraffic connectionWith(String text) {
        return fake.connections().stream().filter(c -> c.textFrames().stream().anyMatch(f -> f.contains(text)))
                .findFirst().orElseThrow(() -> new AssertionError("no connection got " + text));
    }

    @Test
    void inactivityCloseIsAnError() {
        fake.inactivityTimeout(Duration.ofMillis(300));
        RecordingTtsListener listener = new RecordingTtsListener();
        TtsStream stream = client(KEY).open(listener);
        stream.speak("Hello ");
        Await.until("the error", () -> !listener.errors().isEmpty());
        assertThat(listener.errors().getFirst().getMessage()).contains("1008").contains("input_timeout_exceeded");
        stream.close();
    }

    @Test
    void wrongKeyIsANonRetryableError() {
        RecordingTtsListener listener = new RecordingTtsListener();
        TtsStream stream = client("wrong").open(listener);
        stream.speak("Hello. ");
        stream.flush();
        Await.until("the error", () -> !listener.errors().isEmpty());
        assertThat(listener.errors().getFirst().retryable()).isFalse();
        assertThat(listener.errors().getFirst().getMessage()).contains("401");
        assertThat(listener.samples()).isZero();
    }
}
