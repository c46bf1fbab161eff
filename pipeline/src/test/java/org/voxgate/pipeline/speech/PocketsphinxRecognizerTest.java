package org.voxgate.pipeline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PocketsphinxRecognizerTest {
    private static final List<String> GREETING = List.of("book an appointment", "appointment",
            "i would like an appointment", "goodbye", "no thank you");
    private static final List<String> OFFER = List.of("yes", "yes please", "no", "no thanks", "goodbye");

    private static EspeakSynthesizer tts;
    private static PocketsphinxRecognizer recognizer;

    @BeforeAll
    static void engines() {
        tts = SpeechTools.espeak();
        recognizer = SpeechTools.pocketsphinx().newRecognizer();
    }

    @AfterAll
    static void release() {
        recognizer.close();
    }

    @Test
    void recognisesPhrasesSpokenBySynthesizer() {
        assertThat(recognise("book an appointment", GREETING)).contains("appointment");
        assertThat(recognise("goodbye", GREETING)).isEqualTo("goodbye");
        assertThat(recognise("yes", OFFER)).startsWith("yes");
        assertThat(recognise("no", OFFER)).startsWith("no");
    }

    @Test
    void freshDecoderRecognisesItsFirstUtterancesInSeveralVoices() {
        for (String voice : List.of("en-us", "en-us+f3", "en")) {
            EspeakSynthesizer speaker = new EspeakSynthesizer(SpeechTools.ESPEAK, voice, 150,
                    java.time.Duration.ofSeconds(20), 4);
            try (PocketsphinxRecognizer fresh = SpeechTools.pocketsphinx().newRecognizer()) {
                short[] pcm = pad(speaker.synthesize("book an appointment"));
                assertThat(fresh.recognize(pcm, 0, pcm.length, GREETING)).as(voice).contains("appointment");
                pcm = pad(speaker.synthesize("yes"));
                assertThat(fresh.recognize(pcm, 0, pcm.length, OFFER)).as(voice).startsWith("yes");
            }
        }
    }

    @Test
    void silenceAndBadCallsAreSafe() {
        short[] silence = new short[8000];
        // A grammar search has no rejection model: silence gives empty or some phrase, never an error.
        assertThat(recognizer.recognize(silence, 0, silence.length, OFFER)).isNotNull();
        PocketsphinxRecognizer extra = SpeechTools.pocketsphinx().newRecognizer();
        extra.close();
        extra.close();
    }

    private static String recognise(String text, List<String> grammar) {
        short[] padded = pad(tts.synthesize(text));
        return recognizer.recognize(padded, 0, padded.length, grammar);
    }

    /** Adds silence around speech as a turn detector would (pre-roll and end silence). */
    private static short[] pad(short[] pcm) {
        short[] padded = new short[pcm.length + 4000];
        System.arraycopy(pcm, 0, padded, 2000, pcm.length);
        return padded;
    }
}
