package org.voxgate.pipeline.speech;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.voxgate.media.audio.Resampler;

/**
 * Grammar-constrained recognition with one native pocketsphinx decoder. The caller's 8 kHz
 * audio is resampled to the model's 16 kHz and decoded against a JSGF grammar made of the
 * expected phrases; each distinct phrase list becomes a named search, built once and reused.
 *
 * <p>Threading: not thread-safe (the native decoder is not); one instance per call, used
 * only by that call's session thread. Ownership: owns the decoder, freed by {@link #close()}.
 * Made by {@link PocketsphinxModel#newRecognizer()}.
 */
public final class PocketsphinxRecognizer implements SpeechRecognizer {
    private static final int MODEL_RATE = 16000;

    private final PocketsphinxNative.Decoder lib;
    private final Resampler upsampler = new Resampler(8000, MODEL_RATE);
    /** The utterance at the model's rate; grows to the longest utterance seen. */
    private short[] wide = new short[0];
    private final short[] tail = new short[upsampler.delayInputSamples()];
    private final Map<List<String>, String> searches = new HashMap<>();
    private Pointer ps;

    PocketsphinxRecognizer(PocketsphinxNative.Decoder lib, PocketsphinxNative.Config configLib,
            java.nio.file.Path acousticModel, java.nio.file.Path dictionary) {
        this.lib = lib;
        Pointer config = configLib.cmd_ln_init(null, lib.ps_args(), 1,
                "-hmm", acousticModel.toString(),
                "-dict", dictionary.toString(),
                "-logfn", "/dev/null",
                // Telephone audio has nothing above 4 kHz, unlike the 16 kHz model's training
                // data; the default beams then prune the right path before the grammar's end
                // ("final result does not match the grammar"). The grammars are tiny, so
                // wide beams cost little.
                "-beam", "1e-80",
                "-wbeam", "1e-60",
                "-pbeam", "1e-80",
                // We always decode a whole utterance at once, so normalise the cepstral mean
                // over that utterance: live CMN starts from a prior that telephone audio does
                // not match and adapts only after a few utterances, which made the first
                // answers of a call come out wrong.
                "-cmn", "current",
                null);
        if (config == null) {
            throw new SpeechException("pocketsphinx rejected its configuration (model " + acousticModel + ")");
        }
        Pointer decoder = lib.ps_init(config);
        // ps_init keeps its own reference to the configuration.
        configLib.cmd_ln_free_r(config);
        if (decoder == null) {
            throw new SpeechException("pocketsphinx could not load model " + acousticModel + " / " + dictionary);
        }
        this.ps = decoder;
    }

    @Override
    public String recognize(short[] pcm, int offset, int length, List<String> expectedPhrases) {
        if (ps == null) {
            throw new IllegalStateException("recognizer is closed");
        }
        selectSearch(expectedPhrases);
        int wideLength = widen(pcm, offset, length);
        decode(wideLength);
        String hypothesis = lib.ps_get_hyp(ps, new IntByReference());
        return hypothesis == null ? "" : hypothesis.trim().toLowerCase(Locale.ROOT);
    }

    /** Resamples into {@link #wide}, growing it only when an utterance is longer than any before. */
    private int widen(short[] pcm, int offset, int length) {
        upsampler.reset();
        int needed = upsampler.maxOutputLength(length + tail.length);
        if (wide.length < needed) {
            wide = new short[needed];
        }
        int n = upsampler.process(pcm, offset, length, wide, 0);
        // Flush the filter's group delay so the last phoneme reaches the decoder.
        n += upsampler.process(tail, 0, tail.length, wide, n);
        return n;
    }

    private void decode(int wideLength) {
        check(lib.ps_start_utt(ps), "ps_start_utt");
        // The whole utterance in one call with full_utt set: with "-cmn current" the
        // cepstral mean is then computed over this utterance alone. Live CMN (20 ms blocks)
        // starts from the wideband model's prior and drifts with what was heard before, so
        // the same audio decoded differently depending on the call's history.
        if (lib.ps_process_raw(ps, wide, wideLength, 0, 1) < 0) {
            throw new SpeechException("pocketsphinx ps_process_raw failed");
        }
        check(lib.ps_end_utt(ps), "ps_end_utt");
    }

    private void selectSearch(List<String> phrases) {
        List<String> key = List.copyOf(phrases);
        String name = searches.get(key);
        if (name == null) {
            name = "g" + searches.size();
            String grammar = JsgfGrammar.of(key);
            if (lib.ps_set_jsgf_string(ps, name, grammar) < 0) {
                throw new SpeechException("pocketsphinx rejected the grammar (is every word in the dictionary?): "
                        + grammar.replace('\n', ' '));
            }
            searches.put(key, name);
        }
        check(lib.ps_set_search(ps, name), "ps_set_search " + name);
    }

    private static void check(int status, String call) {
        if (status < 0) {
            throw new SpeechException("pocketsphinx " + call + " failed (" + status + ")");
        }
    }

    @Override
    public void close() {
        if (ps != null) {
            lib.ps_free(ps);
            ps = null;
        }
    }
}
