package org.voxgate.pipeline.provider.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.FakeAudio;
import org.voxgate.fakes.deepgram.FakeDeepgram;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.TtsStream;
import org.voxgate.pipeline.provider.testing.Await;
import org.voxgate.pipeline.provider.testing.RecordingTtsListener;

class DeepgramTtsTest {
    private static final String KEY = "dg-test-key";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50), 50, 10,
            Duration.ofSeconds(30));

    private FakeDeepgram fake;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        fake = FakeDeepgram.start(KEY);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private DeepgramTts client(String key) {
        return new DeepgramTts(ProviderSettings.of("deepgram", fake.baseUrl(), key, "aura-2-thalia-en"),
                new ProviderGuard("deepgram", "tts", FAST, registry), HttpClient.newHttpClient());
    }

    @Test
    void textBecomesAudioThenFlushed() {
        RecordingTtsListener listener = new RecordingTtsListener();
        TtsStream stream = client(KEY).open(listener);
        stream.speak("Hello there. ");
        stream.speak("How can I help? ");
        stream.flush();
        Await.until("Flushed", () -> listener.flushed() == 1);
        String all = "Hello there. How can I help? ";
        assertThat(listener.samples()).isEqualTo(FakeAudio.voice(all).length);
        assertThat(listener.rms()).isGreaterThan(4000); // decoded from mu-law: the tone, not noise
        assertThat(listener.characters()).isEqualTo(all.length());
        assertThat(fake.speakConnections().getFirst().query()).containsEntry("encoding", "mulaw")
                .containsEntry("sample_rate", "8000").containsEntry("model", "aura-2-thalia-en");
        assertThat(fake.speakConnections().getFirst().textFrames()).containsExactly(
                "{\"type\":\"Speak\",\"text\":\"Hello there. \"}", "{\"type\":\"Speak\",\"text\":\"How can I help? \"}",
                "{\"type\":\"Flush\"}");
        stream.close();
        Await.until("Close sent", () -> fake.speakConnections().getFirst().textFrames().contains("{\"type\":\"Close\"}"));
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void clearDiscardsAudioOfEarlierTextUntilCleared() throws Exception {
        fake.chunkDelay(Duration.ofMillis(5));
        RecordingTtsListener listener = new RecordingTtsListener();
        TtsStream stream = client(KEY).open(listener);
        CountDownLatch cleared = new CountDownLatch(1);
        // Barge-in at the first audio chunk, on the client's thread, so what follows is stale for sure.
        listener.onEachAudio(calls -> {
            if (calls == 1) {
                stream.clear();
                cleared.countDown();
            }
        });
        String longText = "This is a long answer that the caller will interrupt before it is finished. ";
        stream.speak(longText);
        stream.flush();
        assertThat(cleared.await(20, TimeUnit.SECONDS)).isTrue();
        stream.speak("Sure. ");
        stream.flush();
        Await.until("the second Flushed", () -> listener.flushed() == 1);
        assertThat(listener.samples()).isEqualTo(FakeAudio.FRAME_BYTES + FakeAudio.voice("Sure. ").length);
        assertThat(fake.speakConnections().getFirst().textFrames()).contains("{\"type\":\"Clear\"}");
        stream.close();
    }

    @Test
    void wrongKeyIsAnError() {
        RecordingTtsListener listener = new RecordingTtsListener();
        client("nope").open(listener);
        Await.until("the error", () -> !listener.errors().isEmpty());
        assertThat(listener.errors().getFirst().retryable()).isFalse();
        assertThat(fake.upgradeAttempts()).isEqualTo(1);
    }
}
