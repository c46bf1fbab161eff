package org.voxgate.media.codec;

import static org.voxgate.media.codec.G722Band.saturate;

import org.voxgate.media.audio.Resampler;

/**
 * {@link AudioDecoder} for G.722 at 64 kbit/s (see {@link G722Encoder}): each byte gives a
 * 6-bit low-band and a 2-bit high-band code; the bands are reconstructed by their ADPCM
 * decoders and merged by the receive QMF into two 16 kHz samples, which are resampled to the
 * pipeline's 8 kHz. Concealment repeats the last packet's 8 kHz audio 6 dB quieter each time
 * (three times, then silence); the ADPCM state is left as it was, and the next real packet
 * carries on from it (G.722's adaptation re-converges within a few milliseconds).
 *
 * <p>Threading and ownership: as {@link AudioDecoder}.
 */
final class G722Decoder implements AudioDecoder {
    /** 1500 bytes is 3000 samples at 16 kHz. */
    private static final int MAX_BYTES = 1500;
    private static final int MAX_REPEATS = 3;

    private final Resampler down = new Resampler(16000, 8000);
    private final short[] wide = new short[2 * MAX_BYTES];
    private final short[] last = new short[MAX_DECODED_SAMPLES];
    private final int[] x = new int[24];
    private final G722Band low = new G722Band(32);
    private final G722Band high = new G722Band(8);
    private int lastLength;
    private int concealed;
    private volatile boolean closed;

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        if (closed) {
            return 0;
        }
        int n = decodeWideband(payload, offset, Math.min(length, MAX_BYTES), wide, 0);
        int written = down.process(wide, 0, n, out, outOffset);
        lastLength = Math.min(written, last.length);
        System.arraycopy(out, outOffset, last, 0, lastLength);
        concealed = 0;
        return written;
    }

    /** Decodes {@code length} bytes into {@code 2 * length} 16 kHz samples. */
    int decodeWideband(byte[] in, int offset, int length, short[] out, int outOffset) {
        int written = outOffset;
        for (int k = offset; k < offset + length; k++) {
            int code = in[k] & 0xff;
            int ilow = code & 0x3f;
            int ihigh = (code >> 6) & 0x03;

            // low band: the output uses all 6 bits, the predictor only the top 4
            int dlowt = (low.det * G722Tables.QM6[ilow]) >> 15;
            int rlow = Math.max(-16384, Math.min(16383, saturate(low.s + dlowt)));
            int ril = ilow >> 2;
            int dlow = (low.det * G722Tables.QM4[ril]) >> 15;
            low.scale(G722Tables.WL[G722Tables.RL42[ril]], 18432, 8);
            low.adapt(dlow);

            int dhigh = (high.det * G722Tables.QM2[ihigh]) >> 15;
            int rhigh = Math.max(-16384, Math.min(16383, saturate(high.s + dhigh)));
            high.scale(G722Tables.WH[G722Tables.RH2[ihigh]], 22528, 10);
            high.adapt(dhigh);

            // receive QMF
            System.arraycopy(x, 2, x, 0, 22);
            x[22] = rlow + rhigh;
            x[23] = rlow - rhigh;
            int xout1 = 0;
            int xout2 = 0;
            for (int i = 0; i < 12; i++) {
                xout2 += x[2 * i] * G722Tables.QMF[i];
                xout1 += x[2 * i + 1] * G722Tables.QMF[11 - i];
            }
            out[written++] = (short) saturate(xout1 >> 11);
            out[written++] = (short) saturate(xout2 >> 11);
        }
        return written - outOffset;
    }

    @Override
    public int conceal(byte[] next, int offset, int length, short[] out, int outOffset) {
        int n = lastLength > 0 ? lastLength : AudioEncoder.FRAME_SAMPLES;
        concealed++;
        if (closed || lastLength == 0 || concealed > MAX_REPEATS) {
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
        closed = true;
    }
}
