package org.voxgate.media.codec;

/**
 * Packet-loss concealment for G.711 on decoded 8 kHz PCM, in the spirit of ITU-T G.711
 * Appendix I: a lost stretch is filled by repeating the last pitch period(s) of the recent
 * signal, and the real signal that follows is cross-faded in (overlap-add) so the join does
 * not click.
 *
 * <ul>
 *   <li>Pitch: the lag of 40-120 samples (66-200 Hz) whose normalised cross-correlation
 *       over the last 20 ms is highest.
 *   <li>Repetition: the last period for the first 20 ms of a loss, then the last two, then
 *       three, which makes long losses less buzzy. Widening the span keeps the read
 *       position, so the signal stays continuous.
 *   <li>Attenuation: full level for 10 ms, then down by 20 % per 10 ms, silent after 60 ms.
 *   <li>Join: the first good samples after a loss are cross-faded with the synthetic
 *       continuation over 4 ms, plus 4 ms per further 10 ms lost, at most 10 ms.
 * </ul>
 * Unlike Appendix I this concealer does not delay its output by 3.75 ms to smooth the start
 * of a loss: the voice path's latency matters more, and repeating a whole period already
 * continues a periodic signal smoothly.
 *
 * <p>Threading: not thread-safe; one per received stream, owned by its receive thread.
 * Buffer ownership: reads and writes only the caller's arrays during a call; keeps its own
 * history. Allocates only at construction.
 */
public final class G711Concealer {
    private static final int PITCH_MIN = 40;
    private static final int PITCH_MAX = 120;
    private static final int CORRELATION = 160;
    private static final int HISTORY = 390; // 3.25 of the longest periods, as in Appendix I
    private static final int FULL_LEVEL = 80; // 10 ms
    private static final int FADE = 400; // 50 ms of linear fade: silent after 60 ms
    private static final int SPAN_GROWTH = 160; // one more period every 20 ms

    private final short[] history = new short[HISTORY]; // oldest first, newest at the end
    private final short[] periods = new short[3 * PITCH_MAX];
    private int pitch;
    private int readIndex; // absolute index into periods[0 .. 3 * pitch)
    private int erased; // samples concealed in the current loss; 0 when none

    /** True while a loss is being concealed (until good audio comes). */
    public boolean concealing() {
        return erased > 0;
    }

    /**
     * Takes good decoded audio, in place: after a loss its first samples are cross-faded
     * with the concealment's continuation. Then it becomes history for the next loss.
     */
    public void good(short[] pcm, int off, int n) {
        if (erased > 0) {
            int overlap = Math.min(n, Math.min(80, 32 + 32 * ((erased - 1) / 80)));
            for (int i = 0; i < overlap; i++) {
                double w = (i + 1) / (double) (overlap + 1);
                int synthetic = nextSynthetic();
                pcm[off + i] = clip(Math.round(synthetic * (1 - w) + pcm[off + i] * w));
            }
            erased = 0;
        }
        remember(pcm, off, n);
    }

    /** Writes {@code n} samples of concealment for audio that was lost. */
    public void conceal(short[] out, int off, int n) {
        if (erased == 0) {
            startLoss();
        }
        for (int i = 0; i < n; i++) {
            out[off + i] = (short) nextSynthetic();
        }
        remember(out, off, n);
    }

    /** Forgets the history (new stream). */
    public void reset() {
        java.util.Arrays.fill(history, (short) 0);
        erased = 0;
    }

    private void startLoss() {
        pitch = findPitch();
        // the last three periods; reading starts one period before the end, which continues
        // the signal where it stopped
        System.arraycopy(history, HISTORY - 3 * pitch, periods, 0, 3 * pitch);
        readIndex = 2 * pitch;
    }

    private int nextSynthetic() {
        int spanPeriods = Math.min(3, 1 + erased / SPAN_GROWTH);
        int sample = periods[readIndex];
        readIndex++;
        if (readIndex == 3 * pitch) {
            readIndex = 3 * pitch - spanPeriods * pitch;
        }
        int gainSamples = erased - FULL_LEVEL;
        erased++;
        if (gainSamples <= 0) {
            return sample;
        }
        if (gainSamples >= FADE) {
            return 0;
        }
        return (int) (sample * (FADE - gainSamples) / (long) FADE);
    }

    private int findPitch() {
        int end = HISTORY;
        double best = -Double.MAX_VALUE;
        int bestLag = PITCH_MAX;
        for (int lag = PITCH_MIN; lag <= PITCH_MAX; lag++) {
            double cross = 0;
            double energy = 0;
            for (int i = end - CORRELATION; i < end; i++) {
                double shifted = history[i - lag];
                cross += history[i] * shifted;
                energy += shifted * shifted;
            }
            double score = energy > 0 ? cross / Math.sqrt(energy) : 0;
            if (score > best) {
                best = score;
                bestLag = lag;
            }
        }
        return bestLag;
    }

    private void remember(short[] pcm, int off, int n) {
        if (n >= HISTORY) {
            System.arraycopy(pcm, off + n - HISTORY, history, 0, HISTORY);
            return;
        }
        System.arraycopy(history, n, history, 0, HISTORY - n);
        System.arraycopy(pcm, off, history, HISTORY - n, n);
    }

    private static short clip(long v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
