package org.voxgate.bench.pipeline;

import java.util.function.IntPredicate;
import org.voxgate.media.codec.G711;

/**
 * A packet number hidden in the first four mu-law bytes of each caller packet, one base-15 digit
 * per byte, as the mu-law codes 0xF0-0xFE of the smallest positive levels (at most 120 of 32767:
 * inaudible, and far below any speech threshold). Those codes survive the pipeline's mu-law ->
 * PCM -> mu-law round trip unchanged, so a frame the fake STT receives names the RTP packet it
 * came from. Frames need not start where packets did (after the jitter buffer has concealed or
 * skipped audio, its frames straddle two packets), so the reader searches the frame; 0xFF, which
 * digital silence encodes to, is never a digit, so in silence the marker stands out.
 *
 * <p>Stateless; thread-safe.
 */
final class Marker {
    /** Distinct markers: packet k carries {@code k % COUNT}. */
    static final int COUNT = 15 * 15 * 15 * 15;
    /** No marker found. */
    static final int NONE = -1;
    private static final int BYTES = 4;

    static {
        for (int d = 0; d < 15; d++) {
            byte code = (byte) (0xF0 | d);
            if (G711.linearToUlaw(G711.ulawToLinear(code)) != code) {
                throw new IllegalStateException("mu-law code " + (code & 0xFF) + " does not survive a round trip");
            }
        }
    }

    private Marker() {}

    /** Writes marker {@code k % COUNT} into {@code ulaw[offset .. offset + 3]}. */
    static void stamp(byte[] ulaw, int offset, long k) {
        int m = (int) (k % COUNT);
        for (int i = BYTES - 1; i >= 0; i--) {
            ulaw[offset + i] = (byte) (0xF0 | (m % 15));
            m /= 15;
        }
    }

    /** The first marker in the mu-law bytes that {@code plausible} accepts, or {@link #NONE}. */
    static int find(byte[] ulaw, int offset, int length, IntPredicate plausible) {
        int at = position(ulaw, offset, length, plausible);
        return at < 0 ? NONE : value(ulaw, offset + at);
    }

    /**
     * Where (bytes from {@code offset}) the first marker {@code plausible} accepts starts, or -1:
     * 0 when the frame starts where its packet did, n when it also carries the last n samples of
     * the packet before (those waited n/8 ms longer than the packet's arrival shows).
     */
    static int position(byte[] ulaw, int offset, int length, IntPredicate plausible) {
        for (int i = offset; i + BYTES <= offset + length; i++) {
            int m = 0;
            int j = 0;
            for (; j < BYTES; j++) {
                int b = ulaw[i + j] & 0xFF;
                if (b < 0xF0 || b == 0xFF) {
                    break;
                }
                m = m * 15 + (b & 0xF);
            }
            if (j == BYTES && plausible.test(m)) {
                return i - offset;
            }
        }
        return -1;
    }

    private static int value(byte[] ulaw, int at) {
        int m = 0;
        for (int i = 0; i < BYTES; i++) {
            m = m * 15 + (ulaw[at + i] & 0xF);
        }
        return m;
    }

    /** As {@link #find(byte[], int, int, IntPredicate)} for a decoded PCM frame (as the media layer hands it on). */
    static int find(short[] pcm, byte[] scratch, IntPredicate plausible) {
        G711.encodeUlaw(pcm, 0, scratch, 0, pcm.length);
        return find(scratch, 0, pcm.length, plausible);
    }
}
