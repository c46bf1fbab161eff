package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.deepgram.FakeDeepgram;
import org.voxgate.pipeline.amd.AmdDecision;
import org.voxgate.pipeline.amd.AmdResult;
import org.voxgate.pipeline.amd.TranscriptAmd;
import org.voxgate.pipeline.speech.EspeakSynthesizer;
import org.voxgate.store.AmdSettings;

/**
 * The campaign AMD's transcript classifier as the node builds it from {@code campaigns.amd.*}:
 * the real Deepgram client against the loopback fake that speaks its protocol, fed espeak-ng
 * speech in 20 ms frames as the media thread would.
 */
class AmdClassifiersTest {
    private final FakeDeepgram deepgram = FakeDeepgram.start("dg-key");
    private final List<AmdDecision> decisions = new CopyOnWriteArrayList<>();
    private final TranscriptAmd.Listener listener = decisions::add;

    @AfterEach
    void stop() {
        deepgram.close();
    }

    private AmdClassifiers classifiers(String sttVendor) {
        Map<String, String> env = Map.of("VOXGATE_PROVIDERS_DEEPGRAM_BASE_URL", deepgram.baseUrl(),
                "DEEPGRAM_API_KEY", "dg-key");
        ProviderCatalog catalog = new ProviderCatalog(VoxgateConfig.from(ConfigTree.load(null, env)).providers(), env,
                new SimpleMeterRegistry(), null);
        return new AmdClassifiers(new AmdClassifiers.Settings(sttVendor, "nova-3", "", "", List.of()), catalog);
    }

    @Test
    void noClassifierWhenTheCampaignAsksForNoneOrTheNodeHasNoSpeechToText() {
        assertThat(classifiers("deepgram").open(AmdSettings.Classifier.NONE, listener)).isNull();
        assertThat(classifiers("").open(AmdSettings.Classifier.STT, listener)).isNull();
        assertThat(classifiers("").open(AmdSettings.Classifier.LLM, listener)).isNull();
    }

    @Test
    void theNodesSpeechToTextHearsAVoicemailGreeting() throws InterruptedException {
        String greeting = "Sorry, I am not available. Please leave a message after the tone.";
        deepgram.script(greeting);
        short[] speech = new EspeakSynthesizer(Path.of("/usr/bin/espeak-ng"), "en-us", 160, Duration.ofSeconds(20), 8)
                .synthesize(greeting);
        try (TranscriptAmd classifier = classifiers("deepgram").open(AmdSettings.Classifier.STT, listener)) {
            assertThat(classifier).isNotNull();
            short[] frame = new short[160];
            for (int at = 0; at + 160 <= speech.length; at += 160) {
                System.arraycopy(speech, at, frame, 0, 160);
                classifier.onFrame(frame);
            }
            short[] silence = new short[160];
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (decisions.isEmpty() && System.nanoTime() < deadline) {
                classifier.onFrame(silence); // the provider's endpointing wants the pause after the words
                Thread.sleep(20);
            }
        }
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).result()).isEqualTo(AmdResult.MACHINE);
        assertThat(decisions.get(0).reason()).isEqualTo("transcript");
    }
}
