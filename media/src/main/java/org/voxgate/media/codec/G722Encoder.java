package org.voxgate.media.codec;

import static org.voxgate.media.codec.G722Band.saturate;

import org.voxgate.media.audio.Resampler;

/**
 * {@link AudioEncoder} for G.722 (ITU-T G.722, sub-band ADPCM, 64 kbit/s mode), written from
 * the Recommendation: the pipeline's 8 kHz frames are resampled to 16 kHz, split by the
 * 24-tap QMF into a low and a high band at 8 kHz each, and coded with 6 bits (low) and 2 bits
 * (high) per pair of input samples: one byte per 16 kHz sample pair, 160 bytes per 20 ms. The
 * RTP clock runs at 8000 although the codec samples at 16 kHz (RFC 3551 section 4.5.2), so a
 * frame still steps the timestamp by 160.
 *
 * <p>Threading and ownership: as {@link AudioEncoder}. Nothing native; close only marks the
 * encoder closed.
 */
final class G722Encoder implements AudioEncoder {
    private static final int WIDE_SAMPLES = 2 * FRAME_SAMPLES;

    private final Resampler up = new Resampler(8000, 16000);
    private final short[] wide = new short[up.maxOutputLength(FRAME_SAMPLES) + WIDE_SAMPLES];
    private final int[] x = new int[24];
    private final G722Band low = new G722Band(32);
    private final G722Band high = new G722Band(8);
    private int pending;
    private volatile boolean closed;

    @Override
    public int encode(short[] pcm, int offset, byte[] out, int outOffset) {
        if (closed) {
            return 0;
        }
        pending += up.process(pcm, offset, FRAME_SAMPLES, wide, pending);
        if (pending < WIDE_SAMPLES) {
            java.util.Arrays.fill(wide, pending, WIDE_SAMPLES, (short) 0);
            pending = WIDE_SAMPLES;
        }
        int n = encodeWideband(wide, 0, WIDE_SAMPLES, out, outOffset);
        pending -= WIDE_SAMPLES;
        if (pending > 0) {
            System.arraycopy(wide, WIDE_SAMPLES, wide, 0, pending);
        }
        return n;
    }

    /** Codes {@code samples} (even) 16 kHz samples into {@code samples / 2} bytes. */
    int encodeWideband(short[] in, int offset, int samples, byte[] out, int outOffset) {
        int written = 0;
        for (int j = offset; j + 1 < offset + samples; j += 2) {
            // transmit QMF: the even and odd polyphase halves give the sum and difference bands
            System.arraycopy(x, 2, x, 0, 22);
            x[22] = in[j];
            x[23] = in[j + 1];
            int sumOdd = 0;
            int sumEven = 0;
            for (int i = 0; i < 12; i++) {
                sumOdd += x[2 * i] * G722Tables.QMF[i];
                sumEven += x[2 * i + 1] * G722Tables.QMF[11 - i];
            }
            int xlow = (sumEven + sumOdd) >> 14;
            int xhigh = (sumEven - sumOdd) >> 14;
            int ilow = encodeLow(xlow);
            int ihigh = encodeHigh(xhigh);
            out[outOffset + written++] = (byte) ((ihigh << 6) | ilow);
        }
        return written;
    }

    private int encodeLow(int xlow) {
        int el = saturate(xlow - low.s);
        int wd = el >= 0 ? el : -(el + 1);
        int i = 1;
        while (i < 30 && wd >= (G722Tables.Q6[i] * low.det) >> 12) {
            i++;
        }
        int ilow = el < 0 ? G722Tables.ILN[i] : G722Tables.ILP[i];
        int ril = ilow >> 2;
        int dlow = (low.det * G722Tables.QM4[ril]) >> 15;
        low.scale(G722Tables.WL[G722Tables.RL42[ril]], 18432, 8);
        low.adapt(dlow);
        return ilow;
    }

    private int encodeHigh(int xhigh) {
        int eh = saturate(xhigh - high.s);
        int wd = eh >= 0 ? eh : -(eh + 1);
        int mih = wd >= (564 * high.det) >> 12 ? 2 : 1;
        int ihigh = eh < 0 ? G722Tables.IHN[mih] : G722Tables.IHP[mih];
        int dhigh = (high.det * G722Tables.QM2[ihigh]) >> 15;
        high.scale(G722Tables.WH[G722Tables.RH2[ihigh]], 22528, 10);
        high.adapt(dhigh);
        return ihigh;
    }

    @Override
    public int timestampStep() {
        return FRAME_SAMPLES; // RTP clock 8000 (RFC 3551), whatever the 16 kHz sampling
    }

    @Override
    public void close() {
        closed = true;
    }
}
