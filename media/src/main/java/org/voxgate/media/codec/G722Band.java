package org.voxgate.media.codec;

/**
 * The state and arithmetic one G.722 sub-band shares between encoder and decoder (ITU-T
 * G.722 section 3 and 4): the log step size (its "nabla" and the scaled step "det"), and the
 * adaptive predictor of two poles and six zeros (blocks RECONS, PARREC, UPPOL1/2, UPZERO,
 * DELAYA, FILTEP, FILTEZ and PREDIC, all run by {@link #adapt}). Fixed-point throughout,
 * so an encoder and a decoder fed the same codes track each other exactly.
 *
 * <p>Threading: not thread-safe; owned by one {@link G722Encoder} or {@link G722Decoder}.
 */
final class G722Band {
    /** Step-size table for the log-to-linear conversion (ITU-T G.722 table 15, ILB). */
    private static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};

    /** Predicted signal s = sp + sz. */
    int s;
    /** Pole part of the prediction. */
    private int sp;
    /** Zero part of the prediction. */
    private int sz;
    /** Reconstructed signals r, r1, r2. */
    private final int[] r = new int[3];
    /** Pole coefficients a1, a2 (index 0 unused) and their next values. */
    private final int[] a = new int[3];
    private final int[] ap = new int[3];
    /** Partial reconstructions p, p1, p2. */
    private final int[] p = new int[3];
    /** Quantised differences d, d1..d6. */
    private final int[] d = new int[7];
    /** Zero coefficients b1..b6 (index 0 unused) and their next values. */
    private final int[] b = new int[7];
    private final int[] bp = new int[7];
    /** Log step size (nabla). */
    int nb;
    /** Linear step size. */
    int det;

    G722Band(int initialDet) {
        this.det = initialDet;
    }

    static int saturate(int v) {
        return v > Short.MAX_VALUE ? Short.MAX_VALUE : v < Short.MIN_VALUE ? Short.MIN_VALUE : v;
    }

    /**
     * Log step size adaptation (LOGSCL/LOGSCH) and its conversion (SCALEL/SCALEH).
     *
     * @param w the multiplier for the code just quantised (WL or WH)
     * @param max the largest nabla (18432 low band, 22528 high band)
     * @param shiftBase 8 for the low band, 10 for the high band
     */
    void scale(int w, int max, int shiftBase) {
        int wd = (nb * 127) >> 7;
        nb = wd + w;
        if (nb < 0) {
            nb = 0;
        } else if (nb > max) {
            nb = max;
        }
        int wd1 = (nb >> 6) & 31;
        int shift = shiftBase - (nb >> 11);
        int wd3 = shift < 0 ? ILB[wd1] << -shift : ILB[wd1] >> shift;
        det = wd3 << 2;
    }

    /** Updates the predictor with the quantised difference {@code dq} and predicts the next s. */
    void adapt(int dq) {
        d[0] = dq;
        r[0] = saturate(s + dq);
        p[0] = saturate(sz + dq);

        // UPPOL2: second pole
        int sg0 = p[0] >> 15;
        int sg1 = p[1] >> 15;
        int sg2 = p[2] >> 15;
        int wd1 = saturate(a[1] << 2);
        int wd2 = sg0 == sg1 ? -wd1 : wd1;
        if (wd2 > 32767) {
            wd2 = 32767;
        }
        int wd3 = (sg0 == sg2 ? 128 : -128) + (wd2 >> 7) + ((a[2] * 32512) >> 15);
        ap[2] = Math.max(-12288, Math.min(12288, wd3));

        // UPPOL1: first pole, bounded by the second
        wd1 = sg0 == sg1 ? 192 : -192;
        wd2 = (a[1] * 32640) >> 15;
        ap[1] = saturate(wd1 + wd2);
        wd3 = saturate(15360 - ap[2]);
        ap[1] = Math.max(-wd3, Math.min(wd3, ap[1]));

        // UPZERO: six zeros, sign-sign leaky update
        int step = dq == 0 ? 0 : 128;
        int sgd = d[0] >> 15;
        for (int i = 1; i < 7; i++) {
            int same = (d[i] >> 15) == sgd ? step : -step;
            bp[i] = saturate(same + ((b[i] * 32640) >> 15));
        }

        // DELAYA
        for (int i = 6; i > 0; i--) {
            d[i] = d[i - 1];
            b[i] = bp[i];
        }
        for (int i = 2; i > 0; i--) {
            r[i] = r[i - 1];
            p[i] = p[i - 1];
            a[i] = ap[i];
        }

        // FILTEP, FILTEZ, PREDIC
        wd1 = saturate(r[1] + r[1]);
        wd1 = (a[1] * wd1) >> 15;
        wd2 = saturate(r[2] + r[2]);
        wd2 = (a[2] * wd2) >> 15;
        sp = saturate(wd1 + wd2);
        int zeros = 0;
        for (int i = 6; i > 0; i--) {
            int twice = saturate(d[i] + d[i]);
            zeros += (b[i] * twice) >> 15;
        }
        sz = saturate(zeros);
        s = saturate(sp + sz);
    }
}
