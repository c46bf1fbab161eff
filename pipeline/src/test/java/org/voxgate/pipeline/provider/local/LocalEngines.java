package org.voxgate.pipeline.provider.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.voxgate.pipeline.speech.EspeakSynthesizer;
import org.voxgate.pipeline.speech.PocketsphinxModel;

/** The real engines at their Debian paths, failing loudly when they are not installed. */
final class LocalEngines {
    static final Path ESPEAK = Path.of("/usr/bin/espeak-ng");
    static final Path POCKETSPHINX = Path.of("/usr/lib/x86_64-linux-gnu/libpocketsphinx.so.3");
    static final Path SPHINXBASE = Path.of("/usr/lib/x86_64-linux-gnu/libsphinxbase.so.3");
    static final Path MODEL = Path.of("/usr/share/pocketsphinx/model/en-us/en-us");
    static final Path DICTIONARY = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");

    private LocalEngines() {}

    static EspeakSynthesizer espeak() {
        require(ESPEAK, "espeak-ng");
        return new EspeakSynthesizer(ESPEAK, "en-us", 150, Duration.ofSeconds(20), 8);
    }

    static PocketsphinxModel pocketsphinx() {
        require(POCKETSPHINX, "libpocketsphinx3");
        require(SPHINXBASE, "libsphinxbase3");
        require(MODEL, "pocketsphinx-en-us");
        require(DICTIONARY, "pocketsphinx-en-us");
        return PocketsphinxModel.load(POCKETSPHINX, SPHINXBASE, MODEL, DICTIONARY);
    }

    /** Silence, the phrase spoken by espeak-ng, then silence long enough to end the utterance. */
    static short[] callerSays(EspeakSynthesizer tts, String text) {
        short[] speech = tts.synthesize(text);
        short[] out = new short[4000 + speech.length + 9600];
        System.arraycopy(speech, 0, out, 4000, speech.length);
        return out;
    }

    private static void require(Path path, String debianPackage) {
        if (!Files.exists(path)) {
            throw new AssertionError(path + " is missing: these tests need the real engine"
                    + " (apt-get install " + debianPackage + ")");
        }
    }
}
