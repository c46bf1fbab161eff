package org.voxgate.app.it;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Turn-taking from the caller's side of a test call: keeps RTP flowing with silence while it
 * waits for the bot to start and finish speaking, the way a polite human caller would.
 */
final class CallPeer {
    /** A 20 ms frame louder than this counts as the bot speaking. */
    static final double LOUD_DBFS = -45;

    private final RtpPeer rtp;

    CallPeer(RtpPeer rtp) {
        this.rtp = rtp;
    }

    /**
     * Sends silence until the bot has spoken and then been quiet for {@code quietMillis};
     * returns the index of the first received sample of that utterance, or -1 on timeout.
     */
    int awaitBotUtterance(int fromSample, int quietMillis, long timeoutSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int start = -1;
        while (System.nanoTime() < deadline) {
            rtp.sendSilence(100);
            int end = rtp.receivedSamples();
            if (start < 0) {
                start = firstLoudFrame(fromSample, end);
                continue;
            }
            int quietFrom = end - quietMillis * 8;
            if (quietFrom > start && Audio.activeFraction(rtp.received(quietFrom, end), LOUD_DBFS) == 0) {
                return start;
            }
        }
        return -1;
    }

    /** Index of the first loud 20 ms frame in [from, to), or -1. */
    int firstLoudFrame(int from, int to) {
        for (int f = from; f + 160 <= to; f += 160) {
            if (Audio.rmsDbfs(rtp.received(f, f + 160)) > LOUD_DBFS) {
                return f;
            }
        }
        return -1;
    }
}
