package org.voxgate.pipeline.provider.local;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.speech.PocketsphinxModel;
import org.voxgate.pipeline.speech.SpeechRecognizer;

/**
 * The offline recognizer behind the speech-to-text SPI (vendor {@code local}, model
 * {@code pocketsphinx}), so a failover chain can end on a machine with no network: the
 * WebRTC VAD cuts the caller's audio into utterances and pocketsphinx recognizes each against
 * a grammar of the phrases the bot expects (a small offline model is only usable on the phone
 * with one). Each utterance gives one final transcript (no interim results) and, when words
 * were recognized, an end of turn; {@code onUsage} reports the audio seconds at close.
 *
 * <p>Threading: thread-safe and shared; each stream owns one recognizer (made on the stream's
 * worker thread at open: loading the acoustic model takes a few hundred ms) and one VAD.
 */
public final class LocalSpeechToText implements SpeechToText {
    private final Supplier<SpeechRecognizer> recognizers;
    private final List<String> phrases;
    private final int vadAggressiveness;
    private final Duration endSilence;

    /**
     * @param recognizers makes one recognizer per stream (e.g. {@code model::newRecognizer})
     * @param phrases what callers may say, lower case (the grammar); every word must be in the dictionary
     * @param vadAggressiveness WebRTC VAD mode 0-3
     * @param endSilence silence that ends an utterance
     */
    public LocalSpeechToText(Supplier<SpeechRecognizer> recognizers, List<String> phrases, int vadAggressiveness,
            Duration endSilence) {
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("the local recognizer needs the phrases callers may say");
        }
        this.recognizers = recognizers;
        this.phrases = List.copyOf(phrases);
        this.vadAggressiveness = vadAggressiveness;
        this.endSilence = endSilence;
    }

    /** Pocketsphinx from {@code model}, VAD mode 2, utterances ended by 600 ms of silence. */
    public LocalSpeechToText(PocketsphinxModel model, List<String> phrases) {
        this(model::newRecognizer, phrases, 2, Duration.ofMillis(600));
    }

    @Override
    public String vendor() {
        return "local";
    }

    @Override
    public String model() {
        return "pocketsphinx";
    }

    @Override
    public SttStream open(SttListener listener) {
        return new LocalSttStream(listener, recognizers, phrases, vadAggressiveness, endSilence);
    }
}
