package org.voxgate.media.codec;

/**
 * {@link AudioDecoder} for PCMU or PCMA. Concealment repeats the last packet's audio, 6 dB
 * quieter each time, and gives silence from the fourth lost packet in a row on: a plain
 * stand-in so a lone lost packet is not a hard gap (a smarter G.711 PLC, such as ITU-T G.711
 * Appendix I, can replace {@link #conceal} without touching callers).
 *
 * <p>Threading and ownership: as {@link AudioDecoder}.
 */
final class G711Decoder implements AudioDecoder {
    private static final int MAX_REPEATS = 3;

    private final AudioCodec codec;
    /** The last decoded packet, for concealment. */
    private final short[] last = new short[MAX_DECODED_SAMPLES];
    private int lastLength;
    private int concealed;

    G711Decoder(AudioCodec codec) {
        this.codec = codec;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        int n = Math.min(length, MAX_DECODED_SAMPLES);
        codec.decode(payload, offset, out, outOffset, n);
        System.arraycopy(out, outOffset, last, 0, n);
        lastLength = n;
        concealed = 0;
        return n;
    }

    @Override
    public int conceal(byte[] next, int offset, int length, short[] out, int outOffset) {
        int n = lastLength > 0 ? lastLength : AudioEncoder.FRAME_SAMPLES;
        concealed++;
        if (concealed > MAX_REPEATS || lastLength == 0) {
            java.util.Arrays.fill(out, outOffset, outOffset + n, (short) 0);
            return n;
        }
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = (short) (last[i] >> concealed);
        }
        return n;
    }

    @Override
    public void close() {
        // nothing native to free
    }
}
