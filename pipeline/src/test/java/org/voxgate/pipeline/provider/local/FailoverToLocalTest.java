package org.voxgate.pipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxgate.pipeline.provider.testing.TestAudio.feed;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.deepgram.FakeDeepgram;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.provider.deepgram.DeepgramStt;
import org.voxgate.pipeline.provider.testing.Await;
import org.voxgate.pipeline.provider.testing.RecordingSttListener;
import org.voxgate.pipeline.speech.EspeakSynthesizer;

/**
 * "Deepgram, then local": when the Deepgram socket drops mid-call, the same caller audio fed
 * to the local recognizer (what a failover chain does on onError) still gives the words, with
 * no network.
 */
class FailoverToLocalTest {
    @Test
    void callGoesOnWithTheLocalRecognizerAfterDeepgramDrops() throws Exception {
        EspeakSynthesizer espeak = LocalEngines.espeak();
        try (FakeDeepgram fake = FakeDeepgram.start("k").dropListenAfterAudioBytes(4000)) {
            SpeechToText deepgram = new DeepgramStt(ProviderSettings.of("deepgram", fake.baseUrl(), "k", "nova-3"),
                    new ProviderGuard("deepgram", "stt", RetryPolicy.DEFAULT, new SimpleMeterRegistry()),
                    HttpClient.newHttpClient());
            SpeechToText local = new LocalSpeechToText(LocalEngines.pocketsphinx(), List.of("book an appointment", "goodbye"));
            RecordingSttListener first = new RecordingSttListener();
            SttStream primary = deepgram.open(first);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (first.errors().isEmpty() && System.nanoTime() < deadline) {
                feed(primary, new short[800]);
                Thread.sleep(20);
            }
            assertThat(first.errors()).hasSize(1);
            primary.close();

            RecordingSttListener second = new RecordingSttListener();
            SttStream fallback = local.open(second);
            feed(fallback, LocalEngines.callerSays(espeak, "goodbye"));
            Await.until("the local end of turn", () -> second.count("end") == 1);
            assertThat(second.events()).contains("final:goodbye");
            fallback.close();
        }
    }
}
