package org.voxgate.pipeline.offline;

import java.nio.file.Files;
import java.nio.file.Path;
import org.voxgate.pipeline.speech.EspeakSynthesizer;
import org.voxgate.pipeline.speech.PocketsphinxModel;

/** Real engines from the default config, failing loudly when not installed. */
final class OfflineTestEngines {
    static final OfflineBotConfig CONFIG = OfflineBotConfig.defaults();

    private OfflineTestEngines() {}

    static EspeakSynthesizer espeak() {
        require(CONFIG.espeakBinary(), "espeak-ng");
        return new EspeakSynthesizer(CONFIG.espeakBinary(), CONFIG.espeakVoice(), CONFIG.speechRate(),
                CONFIG.synthesisTimeout(), CONFIG.promptCacheEntries());
    }

    static PocketsphinxModel pocketsphinx() {
        require(CONFIG.pocketsphinxLibrary(), "libpocketsphinx3");
        require(CONFIG.sphinxbaseLibrary(), "libsphinxbase3");
        require(CONFIG.acousticModel(), "pocketsphinx-en-us");
        require(CONFIG.dictionary(), "pocketsphinx-en-us");
        return PocketsphinxModel.load(CONFIG.pocketsphinxLibrary(), CONFIG.sphinxbaseLibrary(),
                CONFIG.acousticModel(), CONFIG.dictionary());
    }

    /** Caller speech: silence, the phrase, then silence long enough to end the turn. */
    static short[] callerSays(String text) {
        short[] speech = espeak().synthesize(text);
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
