package org.voxgate.pipeline.provider.deepgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxgate.pipeline.provider.testing.TestAudio.feed;
import static org.voxgate.pipeline.provider.testing.TestAudio.silence;
import static org.voxgate.pipeline.provider.testing.TestAudio.tone;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.deepgram.FakeDeepgram;
import org.voxgate.fakes.deepgram.ListenTraffic;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.provider.testing.Await;
import org.voxgate.pipeline.provider.testing.RecordingSttListener;

class DeepgramSttTest {
    private static final String KEY = "dg-test-key";
    private static final String BOOKING = "I would like to book an appointment";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50), 50, 10,
            Duration.ofSeconds(30));

    private FakeDeepgram fake;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        fake = FakeDeepgram.start(KEY);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private DeepgramStt client(String key, String... options) {
        ProviderSettings settings = ProviderSettings.of("deepgram", fake.baseUrl(), key, "nova-3")
                .withOption("endpointing", "300");
        for (int i = 0; i < options.length; i += 2) {
            settings = settings.withOption(options[i], options[i + 1]);
        }
        return new DeepgramStt(settings, new ProviderGuard("deepgram", "stt", FAST, registry), http);
    }

    @Test
    void closeReturnsOnlyOnceTheMetadataUsageIsReported() {
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stream = client(KEY).open(listener);
        feed(stream, silence(500));
        Await.until("the stream is up", () -> !fake.listenConnections().isEmpty()
                && connection().audioBytes() >= 4000);
        stream.close();
        // no waiting here: the pipeline totals the call's cost right after closing its streams
        assertThat(listener.has("usage:")).as(listener.events().toString()).isTrue();
        assertThat(listener.usage()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void audioBecomesScriptedTranscriptWithInterimsThenOneEndOfTurnAndUsageOnClose() {
        fake.script(BOOKING);
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stream = client(KEY).open(listener);
        // Sent at once, before the socket is up: the client buffers it.
        feed(stream, silence(200), tone(1000), silence(1500));

        Await.until("the final transcript", () -> listener.has("final:"));
        Await.until("the fake's UtteranceEnd", () -> connection().sent().stream().anyMatch(m -> m.contains("UtteranceEnd")));
        stream.close();
        Await.until("usage from Metadata", () -> listener.has("usage:"));

        List<String> events = listener.events();
        assertThat(events.getFirst()).isEqualTo("speech");
        int firstInterim = indexOf(events, "interim:");
        int fin = events.indexOf("final:" + BOOKING);
        assertThat(firstInterim).isPositive();
        assertThat(fin).isGreaterThan(firstInterim);
        assertThat(BOOKING).startsWith(events.get(firstInterim).substring("interim:".length()));
        // speech_final and UtteranceEnd both came; the listener heard one end of turn, after the final.
        assertThat(connection().sent()).anyMatch(m -> m.contains("\"speech_final\":true"));
        assertThat(listener.count("end")).isEqualTo(1);
        assertThat(events.indexOf("end")).isGreaterThan(fin);
        assertThat(listener.usage()).isCloseTo(2.7, org.assertj.core.data.Offset.offset(0.01));
        assertThat(listener.errors()).isEmpty();

        ListenTraffic traffic = connection();
        assertThat(traffic.query()).containsEntry("encoding", "mulaw").containsEntry("sample_rate", "8000")
                .containsEntry("channels", "1").containsEntry("interim_results", "true")
                .containsEntry("endpointing", "300").containsEntry("utterance_end_ms", "1000")
                .containsEntry("vad_events", "true").containsEntry("model", "nova-3");
        assertThat(traffic.audioBytes()).isEqualTo(2700 * 8);
        assertThat(traffic.textFrames()).last().isEqualTo("{\"type\":\"CloseStream\"}");
        Await.until("close 1000", () -> traffic.closeCode() == 1000);
    }

    @Test
    void secondUtteranceGetsTheNextScriptedTranscript() {
        fake.script("yes please", "goodbye");
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stream = client(KEY).open(listener);
        feed(stream, tone(600), silence(1200), tone(600), silence(1200));
        Await.until("two ends of turn", () -> listener.count("end") == 2);
        assertThat(listener.events()).containsSubsequence("final:yes please", "end", "final:goodbye", "end");
        stream.close();
    }

    @Test
    void keepAliveGoesAsTextAndHoldsOffTheIdleClose() {
        fake.idleTimeout(Duration.ofMillis(500));
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stream = client(KEY, "keepalive_ms", "100").open(listener);
        Await.until("several keep-alives", () -> !fake.listenConnections().isEmpty()
                && connection().textFrames().stream().filter("{\"type\":\"KeepAlive\"}"::equals).count() >= 8);
        assertThat(connection().binaryFrames()).isZero();
        assertThat(connection().closeCode()).isEqualTo(-1);
        assertThat(listener.errors()).isEmpty();
        stream.close();
    }

    @Test
    void idleSocketClosedWith1011IsAnError() {
        fake.idleTimeout(Duration.ofMillis(300));
        RecordingSttListener listener = new RecordingSttListener();
        client(KEY, "keepalive_ms", "60000").open(listener);
        Await.until("the error", () -> !listener.errors().isEmpty());
        assertThat(listener.errors().getFirst().retryable()).isTrue();
        assertThat(listener.errors().getFirst().getMessage()).contains("1011").contains("NET-0001");
        assertThat(registry.get("voxgate_provider_stream_failures_total").counter().count()).isEqualTo(1);
    }

    @Test
    void finalizeAsksForTheFinalNow() {
        fake.script("book");
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stream = client(KEY).open(listener);
        feed(stream, tone(600));
        stream.finalizeTurn();
        Await.until("the final", () -> listener.has("final:book"));
        assertThat(connection().textFrames()).contains("{\"type\":\"Finalize\"}");
        assertThat(connection().sent()).anyMatch(m -> m.contains("\"from_finalize\":true") && m.contains("book"));
        stream.close();
    }

    @Test
    void wrongKeyIsRefusedWithoutRetries() {
        RecordingSttListener listener = new RecordingSttListener();
        client("wrong").open(listener);
        Await.until("the error", () -> !listener.errors().isEmpty());
        assertThat(listener.errors().getFirst().retryable()).isFalse();
        assertThat(listener.errors().getFirst().getMessage()).contains("401");
        assertThat(fake.upgradeAttempts()).isEqualTo(1);
        assertThat(fake.listenConnections()).isEmpty();
    }

    @Test
    void serviceUnavailableIsRetriedUntilItConnects() {
        fake.refuseNext(2, 503).script("hello");
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stream = client(KEY).open(listener);
        feed(stream, tone(600), silence(600));
        Await.until("the final", () -> listener.has("final:hello"));
        assertThat(fake.upgradeAttempts()).isEqualTo(3);
        assertThat(listener.errors()).isEmpty();
        stream.close();
    }

    @Test
    void droppedConnectionMidCallIsAnError() throws InterruptedException {
        fake.dropListenAfterAudioBytes(8000);
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stream = client(KEY).open(listener);
        // Audio keeps flowing as on a live call until the client notices the connection is gone.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (listener.errors().isEmpty() && System.nanoTime() < deadline) {
            feed(stream, tone(100));
            Thread.sleep(20);
        }
        assertThat(listener.errors()).hasSize(1);
        assertThat(listener.errors().getFirst().retryable()).isTrue();
        assertThat(registry.get("voxgate_provider_stream_failures_total").counter().count()).isEqualTo(1);
        // No Metadata came: the audio sent so far is billed from the client's own count.
        assertThat(listener.usage()).isGreaterThanOrEqualTo(1.0);
        stream.close();
    }

    private ListenTraffic connection() {
        return fake.listenConnections().getFirst();
    }

    private static int indexOf(List<String> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
