package org.voxgate.pipeline.speech;

import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The loaded pocketsphinx libraries plus an acoustic model and pronunciation dictionary,
 * from which per-call {@link PocketsphinxRecognizer}s are made.
 *
 * <p>Threading: thread-safe and immutable after {@link #load}; share one per process. Each
 * recognizer it makes owns its own native decoder.
 */
public final class PocketsphinxModel {
    private final PocketsphinxNative.Decoder decoder;
    private final PocketsphinxNative.Config config;
    private final Path acousticModel;
    private final Path dictionary;

    private PocketsphinxModel(PocketsphinxNative.Decoder decoder, PocketsphinxNative.Config config,
            Path acousticModel, Path dictionary) {
        this.decoder = decoder;
        this.config = config;
        this.acousticModel = acousticModel;
        this.dictionary = dictionary;
    }

    /**
     * Loads the native libraries (by full path) and checks the model files exist.
     *
     * @throws SpeechException naming the missing library or file and the Debian package
     */
    public static PocketsphinxModel load(Path pocketsphinxLibrary, Path sphinxbaseLibrary,
            Path acousticModel, Path dictionary) {
        if (!Files.isDirectory(acousticModel)) {
            throw new SpeechException("pocketsphinx acoustic model directory " + acousticModel
                    + " not found (apt-get install pocketsphinx-en-us)");
        }
        if (!Files.isRegularFile(dictionary)) {
            throw new SpeechException("pocketsphinx dictionary " + dictionary
                    + " not found (apt-get install pocketsphinx-en-us)");
        }
        PocketsphinxNative.Config config;
        PocketsphinxNative.Decoder decoder;
        try {
            config = Native.load(sphinxbaseLibrary.toString(), PocketsphinxNative.Config.class);
            decoder = Native.load(pocketsphinxLibrary.toString(), PocketsphinxNative.Decoder.class);
        } catch (UnsatisfiedLinkError e) {
            throw new SpeechException("cannot load pocketsphinx native libraries " + pocketsphinxLibrary
                    + ", " + sphinxbaseLibrary + " (apt-get install libpocketsphinx3 libsphinxbase3): "
                    + e.getMessage(), e);
        }
        return new PocketsphinxModel(decoder, config, acousticModel, dictionary);
    }

    /** Creates a decoder for one call (loads the acoustic model: a few hundred ms). */
    public PocketsphinxRecognizer newRecognizer() {
        return new PocketsphinxRecognizer(decoder, config, acousticModel, dictionary);
    }
}
