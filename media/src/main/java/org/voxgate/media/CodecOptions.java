package org.voxgate.media;

/**
 * What the peer's {@code a=fmtp} (and {@code a=ptime}) said about the negotiated codec; only
 * Opus (RFC 7587 section 6.1) uses these today, G.711 has none.
 *
 * <p>Threading: immutable.
 *
 * @param maxPlaybackRate the peer's {@code maxplaybackrate}: the highest audio rate it will
 *     play, so we need not encode a wider band (Hz; RFC default 48000)
 * @param maxCaptureRate the peer's {@code sprop-maxcapturerate}: the widest band it will send
 *     us, so we need not decode at a higher rate (Hz; RFC default 48000)
 * @param stereo the peer's {@code stereo}: whether it prefers to receive stereo (we send mono)
 * @param inbandFec the peer's {@code useinbandfec}: whether its decoder uses in-band FEC
 * @param maxAverageBitrate the peer's {@code maxaveragebitrate} (bit/s), 0 when not given
 * @param ptime the peer's {@code a=ptime} (ms), 0 when not given
 */
public record CodecOptions(int maxPlaybackRate, int maxCaptureRate, boolean stereo, boolean inbandFec,
        int maxAverageBitrate, int ptime) {

    /** RFC 7587 defaults: nothing said. */
    public static final CodecOptions NONE = new CodecOptions(48000, 48000, false, false, 0, 0);
}
