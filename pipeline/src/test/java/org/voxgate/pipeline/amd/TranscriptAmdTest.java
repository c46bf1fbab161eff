package org.voxgate.pipeline.amd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.deepgram.FakeDeepgram;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.openai.FakeOpenAiChat;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.deepgram.DeepgramStt;
import org.voxgate.pipeline.provider.local.LocalSpeechToText;
import org.voxgate.pipeline.provider.openai.OpenAiChat;
import org.voxgate.pipeline.provider.testing.Await;
import org.voxgate.pipeline.speech.EspeakSynthesizer;
import org.voxgate.pipeline.speech.PocketsphinxModel;

/**
 * The transcript classifier with the real Deepgram and OpenAI clients against the loopback
 * fakes that speak their wire protocols, and with the real offline recognizer (pocketsphinx).
 * The audio is espeak-ng speech sent in 20 ms frames, as the media thread would.
 */
class TranscriptAmdTest {
    private static final Path ESPEAK = Path.of("/usr/bin/espeak-ng");
    private static final Path POCKETSPHINX = Path.of("/usr/lib/x86_64-linux-gnu/libpocketsphinx.so.3");
    private static final Path SPHINXBASE = Path.of("/usr/lib/x86_64-linux-gnu/libsphinxbase.so.3");
    private static final Path MODEL = Path.of("/usr/share/pocketsphinx/model/en-us/en-us");
    private static final Path DICTIONARY = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");

    private final FakeDeepgram deepgram = FakeDeepgram.start("dg-key");
    private final FakeOpenAiChat openai = FakeOpenAiChat.start("sk-amd");
    private final HttpClient http = HttpClient.newHttpClient();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EspeakSynthesizer espeak = new EspeakSynthesizer(ESPEAK, "en-us", 160, Duration.ofSeconds(20), 8);
    private final Decisions decisions = new Decisions();

    /** Records what the classifier reports. */
    static final class Decisions implements TranscriptAmd.Listener {
        final List<AmdDecision> decisions = new CopyOnWriteArrayList<>();
        final List<ProviderException> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onDecision(AmdDecision decision) {
            decisions.add(decision);
        }

        @Override
        public void onError(ProviderException error) {
            errors.add(error);
        }
    }

    @AfterEach
    void stop() {
        deepgram.close();
        openai.close();
        http.close();
    }

    private SpeechToText deepgramStt() {
        return new DeepgramStt(ProviderSettings.of("deepgram", deepgram.baseUrl(), "dg-key", "nova-3")
                .withOption("endpointing", "300"),
                new ProviderGuard("deepgram", "stt", RetryPolicy.DEFAULT, registry), http);
    }

    private LanguageModel openAi() {
        return new OpenAiChat(ProviderSettings.of("openai", openai.baseUrl(), "sk-amd", "gpt-4o-mini"), http,
                new ProviderGuard("openai", "llm", RetryPolicy.DEFAULT, registry));
    }

    /** Silence, the text spoken, silence: in 20 ms frames. */
    private static void say(TranscriptAmd amd, short[] speech, int silenceAfterMillis) {
        short[] audio = new short[4000 + speech.length + silenceAfterMillis * 8];
        System.arraycopy(speech, 0, audio, 4000, speech.length);
        short[] frame = new short[160];
        for (int at = 0; at + 160 <= audio.length; at += 160) {
            System.arraycopy(audio, at, frame, 0, 160);
            amd.onFrame(frame);
        }
    }

    @Test
    void aVoicemailPhraseInTheTranscriptIsAMachineWithoutAskingAModel() {
        String greeting = "Hi, you have reached John. Please leave a message after the tone.";
        deepgram.script(greeting);
        try (TranscriptAmd amd = new TranscriptAmd(deepgramStt(), openAi(), decisions)) {
            say(amd, espeak.synthesize(greeting), 1000);
            Await.until("a decision", () -> !decisions.decisions.isEmpty());
            AmdDecision decision = decisions.decisions.getFirst();
            assertThat(decision.result()).isEqualTo(AmdResult.MACHINE);
            assertThat(decision.reason()).isEqualTo("transcript");
            assertThat(decision.afterMillis()).isPositive();
        }
        assertThat(decisions.decisions).hasSize(1);
        assertThat(openai.requests()).isEmpty();
    }

    @Test
    void theModelDecidesAGreetingWithNoVoicemailPhrase() {
        String greeting = "Thank you for calling Acme Dental. Our hours are nine to five.";
        deepgram.script(greeting);
        openai.enqueue(ScriptedReply.text("MACH", "INE"));
        try (TranscriptAmd amd = new TranscriptAmd(deepgramStt(), openAi(), decisions)) {
            say(amd, espeak.synthesize(greeting), 1000);
            Await.until("a decision", () -> !decisions.decisions.isEmpty());
            assertThat(decisions.decisions.getFirst().result()).isEqualTo(AmdResult.MACHINE);
            assertThat(decisions.decisions.getFirst().reason()).isEqualTo("transcript_llm");
        }
        JsonNode request = openai.requests().getFirst();
        assertThat(request.path("messages").get(0).path("content").asText()).contains("HUMAN or MACHINE");
        assertThat(request.path("messages").get(1).path("content").asText()).isEqualTo(greeting);
        assertThat(request.path("temperature").asDouble()).isZero();
    }

    @Test
    void theModelCanSayAPersonAnswered() {
        deepgram.script("Yes, Anna speaking.");
        openai.enqueue(ScriptedReply.text("HUMAN"));
        try (TranscriptAmd amd = new TranscriptAmd(deepgramStt(), openAi(), decisions)) {
            say(amd, espeak.synthesize("Yes, Anna speaking."), 1000);
            Await.until("a decision", () -> !decisions.decisions.isEmpty());
            assertThat(decisions.decisions.getFirst().result()).isEqualTo(AmdResult.HUMAN);
            assertThat(decisions.decisions.getFirst().reason()).isEqualTo("transcript_llm");
        }
    }

    @Test
    void withoutAModelAGreetingWithNoVoicemailPhraseDecidesNothing() {
        deepgram.script("Hello, who is calling?");
        try (TranscriptAmd amd = new TranscriptAmd(deepgramStt(), null, decisions)) {
            say(amd, espeak.synthesize("Hello, who is calling?"), 1000);
            // the worker handles events in order: once it has the final transcript, it has judged it
            Await.until("the final transcript", () -> amd.transcript().equals("Hello, who is calling?"));
            amd.close();
            // the app may stop on another path too: frames and a second close after close are harmless
            amd.onFrame(new short[160]);
        }
        assertThat(decisions.decisions).isEmpty();
        assertThat(decisions.errors).isEmpty();
    }

    @Test
    void theOfflineRecognizerHearsAVoicemailGreeting() {
        for (Path path : List.of(POCKETSPHINX, SPHINXBASE, MODEL, DICTIONARY)) {
            assertThat(Files.exists(path)).as(path + " (apt-get install pocketsphinx pocketsphinx-en-us)").isTrue();
        }
        PocketsphinxModel model = PocketsphinxModel.load(POCKETSPHINX, SPHINXBASE, MODEL, DICTIONARY);
        // The small offline model forces a whole greeting onto one phrase of its grammar, and it
        // hears "hello" in nearly anything: short key phrases work, long sentences do not.
        SpeechToText local = new LocalSpeechToText(model,
                List.of("yes", "who is this", "leave a message", "after the tone", "not available"));
        EspeakSynthesizer espeak = new EspeakSynthesizer(ESPEAK, "en-us", 150, Duration.ofSeconds(20), 8);

        try (TranscriptAmd amd = new TranscriptAmd(local, null, decisions)) {
            say(amd, espeak.synthesize("Please leave a message after the tone."), 1200);
            Await.until("words or an error", Duration.ofSeconds(30),
                    () -> !amd.transcript().isEmpty() || !decisions.errors.isEmpty());
            assertThat(decisions.errors).isEmpty();
            assertThat(VoicemailPhrases.find(amd.transcript())).as(amd.transcript()).isNotNull();
            Await.until("a decision", () -> !decisions.decisions.isEmpty());
            assertThat(decisions.decisions.getFirst().result()).isEqualTo(AmdResult.MACHINE);
        }

        Decisions person = new Decisions();
        try (TranscriptAmd amd = new TranscriptAmd(local, null, person)) {
            say(amd, espeak.synthesize("Yes?"), 1200);
            Await.until("the person's words", Duration.ofSeconds(30), () -> !amd.transcript().isEmpty());
            assertThat(amd.transcript()).isEqualTo("yes");
        }
        assertThat(person.decisions).isEmpty();
    }
}
