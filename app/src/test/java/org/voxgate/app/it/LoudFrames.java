package org.voxgate.app.it;

/**
 * What the caller heard, frame by frame: 20 ms frames of 8 kHz PCM louder than
 * {@link CallPeer#LOUD_DBFS} count as bot audio (the fakes' tone; the server sends silence
 * otherwise). Stateless helpers.
 */
final class LoudFrames {
    private LoudFrames() {}

    /** Milliseconds of loud 20 ms frames. */
    static long loudMillis(short[] pcm) {
        return Math.round(Audio.activeFraction(pcm, CallPeer.LOUD_DBFS) * (pcm.length / 160)) * 20;
    }

    /** Runs of loud (L) and quiet (q) 20 ms frames in ms, e.g. {@code q300 L2000 q40}, for failure messages. */
    static String runs(short[] pcm) {
        StringBuilder out = new StringBuilder();
        short[] frame = new short[160];
        Boolean loud = null;
        int length = 0;
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            System.arraycopy(pcm, f, frame, 0, 160);
            boolean l = Audio.rmsDbfs(frame) > CallPeer.LOUD_DBFS;
            if (loud != null && l != loud) {
                out.append(loud ? " L" : " q").append(length);
                length = 0;
            }
            loud = l;
            length += 20;
        }
        if (loud != null) {
            out.append(loud ? " L" : " q").append(length);
        }
        return out.toString().trim();
    }

    /** Start (sample index) of the first quiet 20 ms frame, or the length when all are loud. */
    static int firstQuiet(short[] pcm) {
        short[] frame = new short[160];
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            System.arraycopy(pcm, f, frame, 0, 160);
            if (Audio.rmsDbfs(frame) <= CallPeer.LOUD_DBFS) {
                return f;
            }
        }
        return pcm.length;
    }

    /** End (sample index) of the last loud 20 ms frame, or 0 when none is loud. */
    static int lastLoudFrameEnd(short[] pcm) {
        int end = 0;
        short[] frame = new short[160];
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            System.arraycopy(pcm, f, frame, 0, 160);
            if (Audio.rmsDbfs(frame) > CallPeer.LOUD_DBFS) {
                end = f + 160;
            }
        }
        return end;
    }
}
