package org.voxgate.pipeline.provider.local;

import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;
import org.voxgate.pipeline.speech.SpeechSynthesizer;

/**
 * The offline synthesizer (espeak-ng) behind the text-to-speech SPI, vendor {@code local},
 * model {@code espeak-ng}: each {@link TtsStream#speak} is rendered as soon as it is given,
 * on the stream's own virtual thread, and delivered in 20 ms pieces.
 *
 * <p>Threading: thread-safe and shared by every call. Ownership: the synthesizer is shared
 * (it is thread-safe) and not closed here.
 */
public final class LocalTextToSpeech implements TextToSpeech {
    private final SpeechSynthesizer synthesizer;

    /** @param synthesizer e.g. an {@code EspeakSynthesizer} */
    public LocalTextToSpeech(SpeechSynthesizer synthesizer) {
        this.synthesizer = synthesizer;
    }

    @Override
    public String vendor() {
        return "local";
    }

    @Override
    public String model() {
        return "espeak-ng";
    }

    @Override
    public TtsStream open(TtsListener listener) {
        return new LocalTtsStream(synthesizer, listener);
    }
}
