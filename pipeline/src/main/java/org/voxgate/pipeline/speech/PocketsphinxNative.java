package org.voxgate.pipeline.speech;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * JNA bindings to the C API of the sphinxbase-era pocketsphinx 5prealpha
 * ({@code libpocketsphinx.so.3} and {@code libsphinxbase.so.3}).
 */
final class PocketsphinxNative {
    private PocketsphinxNative() {}

    /** The few decoder calls used; {@code ps} is an opaque {@code ps_decoder_t*}. */
    interface Decoder extends Library {
        Pointer ps_args();

        Pointer ps_init(Pointer config);

        int ps_free(Pointer ps);

        int ps_set_jsgf_string(Pointer ps, String name, String jsgf);

        int ps_set_search(Pointer ps, String name);

        int ps_start_utt(Pointer ps);

        int ps_process_raw(Pointer ps, short[] data, long samples, int noSearch, int fullUtterance);

        int ps_end_utt(Pointer ps);

        String ps_get_hyp(Pointer ps, IntByReference score);
    }

    /** Command-line style configuration objects, from sphinxbase. */
    interface Config extends Library {
        /**
         * Variadic: name/value string pairs ending with a null. Unlike {@code cmd_ln_parse_r},
         * it copies the strings, so JNA's temporary native copies may be freed after the call.
         */
        Pointer cmd_ln_init(Pointer inoutConfig, Pointer definitions, int strict, Object... nameValuePairs);

        int cmd_ln_free_r(Pointer config);
    }
}
