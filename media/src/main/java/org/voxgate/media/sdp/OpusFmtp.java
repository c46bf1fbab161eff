package org.voxgate.media.sdp;

import java.util.Locale;
import org.voxgate.media.CodecOptions;

/**
 * Opus's {@code a=fmtp} parameters (RFC 7587 section 6.1): reads the peer's into
 * {@link CodecOptions} and writes ours.
 *
 * <p>What we declare, as a receiver and sender: {@code useinbandfec=1} (our decoder uses the
 * FEC the peer sends), {@code maxplaybackrate=16000} and {@code sprop-maxcapturerate=16000}
 * (we decode and encode wideband: the pipeline's audio is 8 kHz, so more band would be
 * wasted bits), {@code stereo=0} (we want mono).
 *
 * <p>Threading: stateless; thread-safe.
 */
final class OpusFmtp {
    /** The fmtp value we offer and answer with. */
    static final String OURS = "maxplaybackrate=16000;sprop-maxcapturerate=16000;stereo=0;useinbandfec=1";

    private OpusFmtp() {}

    /**
     * Reads a peer's fmtp (parameters separated by {@code ;}, whitespace tolerated, unknown
     * ones ignored, malformed numbers left at their default).
     *
     * @param fmtp the value after the payload type, or {@code null} when there was none
     * @param ptime the media section's {@code a=ptime}, 0 when absent
     */
    static CodecOptions parse(String fmtp, int ptime) {
        CodecOptions d = CodecOptions.NONE;
        int maxPlayback = d.maxPlaybackRate();
        int maxCapture = d.maxCaptureRate();
        boolean stereo = d.stereo();
        boolean fec = d.inbandFec();
        int maxBitrate = d.maxAverageBitrate();
        if (fmtp != null) {
            for (String parameter : fmtp.split(";")) {
                int eq = parameter.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = parameter.substring(eq + 1).trim();
                switch (name) {
                    case "maxplaybackrate" -> maxPlayback = rate(value, maxPlayback);
                    case "sprop-maxcapturerate" -> maxCapture = rate(value, maxCapture);
                    case "stereo" -> stereo = "1".equals(value);
                    case "useinbandfec" -> fec = "1".equals(value);
                    case "maxaveragebitrate" -> maxBitrate = SdpParser.parseInt(value, maxBitrate);
                    default -> { } // cbr, usedtx, sprop-stereo, minptime, maxptime: nothing we change
                }
            }
        }
        return new CodecOptions(maxPlayback, maxCapture, stereo, fec, Math.max(0, maxBitrate), Math.max(0, ptime));
    }

    /** RFC 7587 allows any rate from 8000 to 48000; out-of-range values are ignored. */
    private static int rate(String value, int fallback) {
        int rate = SdpParser.parseInt(value, -1);
        return rate >= 8000 && rate <= 48000 ? rate : fallback;
    }
}
