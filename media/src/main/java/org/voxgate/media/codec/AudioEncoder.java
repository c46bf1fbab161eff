package org.voxgate.media.codec;

/**
 * One session's encoder for one negotiated codec: takes the pipeline's 20 ms frames of 8 kHz
 * mono PCM ({@value #FRAME_SAMPLES} samples) and writes one RTP payload per frame, resampling
 * up first when the codec works at a wider rate. Created per session because codecs such as
 * Opus keep state across frames.
 *
 * <p>Threading: used by the session's pacer thread; {@link #close} may come from any thread
 * and is safe against a concurrent {@link #encode} (that call then returns 0). Ownership: the
 * caller owns both arrays; nothing is retained. Steady state allocates nothing.
 */
public interface AudioEncoder extends AutoCloseable {
    /** Samples per input frame: 20 ms at 8 kHz. */
    int FRAME_SAMPLES = 160;
    /** Largest payload {@link #encode} writes (RFC 6716: one Opus frame is at most 1275 bytes). */
    int MAX_PAYLOAD_BYTES = 1275;

    /**
     * Encodes one frame of {@value #FRAME_SAMPLES} samples.
     *
     * @param out room for {@link #MAX_PAYLOAD_BYTES} from {@code outOffset}
     * @return payload bytes written; 0 when the encoder is closed or failed (send nothing)
     */
    int encode(short[] pcm, int offset, byte[] out, int outOffset);

    /** RTP timestamp units one frame spans: 160 at an 8 kHz clock, 960 for Opus (48 kHz). */
    int timestampStep();

    /** Frees native state; idempotent. */
    @Override
    void close();
}
