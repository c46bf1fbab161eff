package org.voxgate.media.codec;

/**
 * {@link AudioEncoder} for PCMU or PCMA: stateless under the hood, one byte per sample.
 *
 * <p>Threading and ownership: as {@link AudioEncoder}.
 */
final class G711Encoder implements AudioEncoder {
    private final AudioCodec codec;

    G711Encoder(AudioCodec codec) {
        this.codec = codec;
    }

    @Override
    public int encode(short[] pcm, int offset, byte[] out, int outOffset) {
        codec.encode(pcm, offset, out, outOffset, FRAME_SAMPLES);
        return FRAME_SAMPLES;
    }

    @Override
    public int timestampStep() {
        return FRAME_SAMPLES;
    }

    @Override
    public void close() {
        // nothing native to free
    }
}
