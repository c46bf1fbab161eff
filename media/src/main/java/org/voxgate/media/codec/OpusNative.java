package org.voxgate.media.codec;

import club.minnced.opus.util.OpusLibrary;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import tomp2p.opuswrapper.Opus;

/**
 * libopus, as shipped in opus-java's natives jar, bound with JNA direct mapping for the
 * per-packet calls (direct calls with {@link Pointer} arguments neither box nor allocate,
 * unlike JNA's interface proxies) and through opus-java's {@link Opus} interface for the
 * variadic {@code *_ctl} calls, which are made only when a session sets its codec up.
 *
 * <p>Threading: libopus encoder and decoder states are not thread-safe; each is used by one
 * thread at a time (see {@link OpusEncoder}, {@link OpusDecoder}). Loading is done once, by
 * the class initialiser.
 */
final class OpusNative {
    static final int OK = 0;
    static final int APPLICATION_VOIP = 2048;
    static final int SET_BITRATE = 4002;
    static final int SET_MAX_BANDWIDTH = 4004;
    static final int SET_VBR = 4006;
    static final int SET_COMPLEXITY = 4010;
    static final int SET_INBAND_FEC = 4012;
    static final int SET_PACKET_LOSS_PERC = 4014;
    static final int SET_DTX = 4016;
    static final int SET_SIGNAL = 4024;
    static final int SIGNAL_VOICE = 3001;
    static final int BANDWIDTH_NARROWBAND = 1101;
    static final int BANDWIDTH_MEDIUMBAND = 1102;
    static final int BANDWIDTH_WIDEBAND = 1103;

    static {
        try {
            if (!OpusLibrary.isInitialized()) {
                OpusLibrary.loadFromJar();
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        // loadFromJar leaves the extracted library's path in this property
        Native.register(OpusNative.class, NativeLibrary.getInstance(System.getProperty("opus.lib")));
    }

    private OpusNative() {}

    static native Pointer opus_encoder_create(int sampleRate, int channels, int application, int[] error);

    static native int opus_encode(Pointer state, Pointer pcm, int frameSize, Pointer data, int maxBytes);

    static native void opus_encoder_destroy(Pointer state);

    static native Pointer opus_decoder_create(int sampleRate, int channels, int[] error);

    static native int opus_decode(Pointer state, Pointer data, int length, Pointer pcm, int frameSize, int decodeFec);

    static native void opus_decoder_destroy(Pointer state);

    static native int opus_packet_get_nb_samples(Pointer packet, int length, int sampleRate);

    /** {@code opus_encoder_ctl(state, request, value)}; set-up only (allocates). */
    static int encoderCtl(Pointer state, int request, int value) {
        PointerByReference ref = new PointerByReference();
        ref.setPointer(state);
        return Opus.INSTANCE.opus_encoder_ctl(ref, request, value);
    }

    /** Makes sure the library is loaded, so a missing native fails at start-up, not mid-call. */
    static void load() {
        // the class initialiser did the work
    }
}
