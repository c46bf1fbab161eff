package org.voxgate.media.codec;

/**
 * One session's decoder for one negotiated codec: turns RTP payloads into 8 kHz mono PCM for
 * the pipeline (decoding at the codec's own rate and resampling down), and stands in for a
 * lost packet with {@link #conceal}. Created per session because codecs such as Opus keep
 * state across packets (their loss concealment needs it).
 *
 * <p>Call order: payloads in sequence order; for each packet that will never arrive, one
 * {@link #conceal} call in its place (passing the packet after the gap when it is already
 * there, so Opus can recover the lost one from its in-band FEC).
 *
 * <p>Threading: used by the session's receive thread; {@link #close} may come from any thread
 * and is safe against a concurrent decode (which then writes nothing). Ownership: the caller
 * owns every array; nothing is retained. Steady state allocates nothing.
 */
public interface AudioDecoder extends AutoCloseable {
    /**
     * Room an output array needs for one call: 120 ms at 8 kHz (the longest Opus packet) is
     * 960; a 1500-byte G.711 payload is 1500; plus slack for the resampler's phase.
     */
    int MAX_DECODED_SAMPLES = 1504;

    /**
     * Decodes one payload.
     *
     * @return samples (8 kHz) written to {@code out} from {@code outOffset}; 0 for a payload
     *     that could not be decoded or after close
     */
    int decode(byte[] payload, int offset, int length, short[] out, int outOffset);

    /**
     * Produces audio for one lost packet, as long as the last packet received (20 ms when
     * none was).
     *
     * @param next the payload of the packet after the lost one when already received (Opus
     *     decodes the lost packet from its in-band FEC), or {@code null}
     * @return samples (8 kHz) written to {@code out} from {@code outOffset}
     */
    int conceal(byte[] next, int offset, int length, short[] out, int outOffset);

    /**
     * Whether {@link #conceal} draws on the codec's own state (Opus PLC and FEC); when false the
     * owner conceals on the decoded PCM instead, which repeats pitch periods better than a
     * codec-agnostic stand-in.
     */
    default boolean concealsItself() {
        return false;
    }

    /** Frees native state; idempotent. */
    @Override
    void close();
}
