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
    /**
     * Quiet that means the bot has finished its prompt: longer than the pauses espeak-ng
     * leaves between a prompt's sentences, so the caller does not answer mid-prompt (the
     * offline bot does not listen while it talks).
     */
    static final int PROMPT_DONE_MILLIS = 1500;

    private final RtpPeer rtp;

    CallPeer(RtpPeer rtp) {
        this.rtp = rtp;
    }

    /**
     * Sends silence until the bot has spoken and then been quiet for {@code quietMillis};
     * returns the index of the first received sample of that utterance, or -1 on timeout.
     * When the server stops sending (the call ended), quiet is judged on what arrived.
     */
    int awaitBotUtterance(int fromSample, int quietMillis, long timeoutSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int start = -1;
        while (System.nanoTime() < deadline) {
            int before = rtp.receivedSamples();
            rtp.sendSilence(100);
            int end = rtp.receivedSamples();
            if (end == before && start >= 0) {
                return start; // nothing more is coming: the call is over after the utterance
            }
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

    /**
     * Keeps sending silence, as a phone does, until SIPp has finished its scenario (the
     * bot's turn detector needs the silence after the caller's words to end the turn).
     */
    void silenceUntilDone(Sipp.Running sipp, long timeoutSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (sipp.process().isAlive() && System.nanoTime() < deadline) {
            rtp.sendSilence(100);
        }
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
