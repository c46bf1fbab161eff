package org.voxgate.pipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxgate.pipeline.provider.testing.TestAudio.feed;
import static org.voxgate.pipeline.provider.testing.TestAudio.silence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;
import org.voxgate.pipeline.provider.testing.Await;
import org.voxgate.pipeline.provider.testing.RecordingSttListener;
import org.voxgate.pipeline.provider.testing.RecordingTtsListener;
import org.voxgate.pipeline.speech.EspeakSynthesizer;
import org.voxgate.pipeline.speech.PocketsphinxModel;

class LocalSpeechTest {
    private static final List<String> PHRASES = List.of("book an appointment", "appointment",
            "i would like an appointment", "goodbye", "yes", "no thank you");

    private static EspeakSynthesizer espeak;
    private static PocketsphinxModel pocketsphinx;

    @BeforeAll
    static void engines() {
        espeak = LocalEngines.espeak();
        pocketsphinx = LocalEngines.pocketsphinx();
    }

    @Test
    void utterancesCutByTheVadAreRecognizedAgainstThePhrases() {
        LocalSpeechToText stt = new LocalSpeechToText(pocketsphinx, PHRASES);
        assertThat(stt.vendor()).isEqualTo("local");
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stream = stt.open(listener);
        short[] first = LocalEngines.callerSays(espeak, "book an appointment");
        short[] second = LocalEngines.callerSays(espeak, "goodbye");
        feed(stream, first, second);
        Await.until("two ends of turn", () -> listener.count("end") == 2);
        stream.close();
        Await.until("usage", () -> listener.has("usage:"));

        List<String> finals = listener.events().stream().filter(e -> e.startsWith("final:")).toList();
        assertThat(finals).hasSize(2);
        assertThat(finals.get(0)).contains("appointment");
        assertThat(finals.get(1)).isEqualTo("final:goodbye");
        assertThat(listener.events().getFirst()).isEqualTo("speech");
        assertThat(listener.usage()).isEqualTo((first.length + second.length) / 8000.0);
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void finalizeTurnRecognizesTheSpeechHeardSoFar() {
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stream = new LocalSpeechToText(pocketsphinx, PHRASES).open(listener);
        feed(stream, silence(500), espeak.synthesize("book an appointment"), silence(200));
        stream.finalizeTurn();
        Await.until("the final", () -> listener.has("final:"));
        assertThat(listener.events()).anyMatch(e -> e.startsWith("final:") && e.contains("appointment"));
        stream.close();
    }

    @Test
    void synthesizedRepliesComeInPiecesThenFlushedAndRecognizeBack() {
        List<short[]> pieces = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch flushed = new CountDownLatch(1);
        TtsStream tts = new LocalTextToSpeech(espeak).open(new TtsListener() {
            @Override
            public void onAudio(short[] pcm, int offset, int length) {
                pieces.add(java.util.Arrays.copyOfRange(pcm, offset, offset + length));
            }

            @Override
            public void onFlushed() {
                flushed.countDown();
            }

            @Override
            public void onError(ProviderException error) {
                throw new AssertionError(error);
            }
        });
        tts.speak("Book an appointment. ");
        tts.flush();
        Await.until("onFlushed", () -> flushed.getCount() == 0);
        assertThat(pieces).allMatch(p -> p.length <= 160);
        assertThat(pieces.size()).isGreaterThan(25); // over half a second of speech

        // Offline chain: the local synthesizer's speech, recognized by the local recognizer.
        RecordingSttListener listener = new RecordingSttListener();
        SttStream stt = new LocalSpeechToText(pocketsphinx, PHRASES).open(listener);
        feed(stt, silence(500));
        pieces.forEach(p -> feed(stt, p));
        feed(stt, silence(1200));
        Await.until("the end of turn", () -> listener.count("end") == 1);
        assertThat(listener.events()).anyMatch(e -> e.startsWith("final:") && e.contains("appointment"));
        stt.close();
        tts.close();
    }

    @Test
    void clearDropsAudioOfEarlierText() throws Exception {
        RecordingTtsListener listener = new RecordingTtsListener();
        TtsStream tts = new LocalTextToSpeech(espeak).open(listener);
        CountDownLatch cleared = new CountDownLatch(1);
        listener.onEachAudio(calls -> {
            if (calls == 1) {
                tts.clear();
                cleared.countDown();
            }
        });
        tts.speak("This is a long answer that the caller will interrupt. ");
        assertThat(cleared.await(20, TimeUnit.SECONDS)).isTrue();
        tts.speak("Goodbye. ");
        tts.flush();
        Await.until("onFlushed", () -> listener.flushed() == 1);
        assertThat(listener.samples()).isEqualTo(160 + espeak.synthesize("Goodbye.").length);
        assertThat(listener.characters()).isEqualTo("This is a long answer that the caller will interrupt. ".length()
                + "Goodbye. ".length());
        tts.close();
    }
}
