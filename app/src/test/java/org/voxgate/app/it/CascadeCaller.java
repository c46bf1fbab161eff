package org.voxgate.app.it;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The caller of a cascade-bot test call: speaks espeak-ng audio, keeps RTP flowing with silence
 * while it waits, and measures the fake text-to-speech's voice (a steady 440 Hz tone, one 20 ms
 * frame per character of text) in what it received. Waits are bounded by generous timeouts.
 *
 * <p>Threading: used by the test thread only.
 */
final class CascadeCaller {
    /** The fake Deepgram voice's frequency (FakeAudio.voice). */
    static final double VOICE_HZ = 440;

    final RtpPeer rtp;
    final CallPeer peer;

    CascadeCaller(RtpPeer rtp) {
        this.rtp = rtp;
        this.peer = new CallPeer(rtp);
    }

    /** Sends silence until the bot's audio starts after {@code from}; the index of its first loud frame. */
    int awaitBotAudio(int from, long timeoutSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            rtp.sendSilence(40);
            int start = peer.firstLoudFrame(from, rtp.receivedSamples());
            if (start >= 0) {
                return start;
            }
        }
        throw new AssertionError("no bot audio within " + timeoutSeconds + " s after sample " + from);
    }

    /**
     * Sends silence until the bot, having spoken from {@code start}, has been quiet for
     * {@code quietMillis} (or has stopped sending: the call ended); returns the index just after
     * its last loud frame.
     */
    int awaitBotQuiet(int start, int quietMillis, long timeoutSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            int before = rtp.receivedSamples();
            rtp.sendSilence(100);
            int end = rtp.receivedSamples();
            int last = lastLoudFrameEnd(start, end);
            if (end - last >= quietMillis * 8 || (end == before && last > start)) {
                return last;
            }
        }
        throw new AssertionError("the bot did not stop talking within " + timeoutSeconds + " s");
    }

    /** A whole utterance of the bot after {@code from}: [first loud sample, end of last loud frame). */
    int[] awaitBotUtterance(int from, long timeoutSeconds) throws IOException {
        int start = awaitBotAudio(from, timeoutSeconds);
        return new int[] {start, awaitBotQuiet(start, 1200, timeoutSeconds)};
    }

    /**
     * Speaks {@code pcm} (paced, in real time); returns the received-sample index at which its
     * last loud frame went out: the bot may answer in the quiet tail espeak-ng leaves, so its
     * reply is looked for from there, not from the end of sending.
     */
    int say(short[] pcm) throws IOException {
        int at = rtp.receivedSamples();
        rtp.sendAudio(pcm);
        return at + lastLoudSample(pcm);
    }

    /** Sends silence for {@code millis}. */
    void pause(int millis) throws IOException {
        rtp.sendSilence(millis);
    }

    /** End (exclusive) of the last loud 20 ms frame in [from, to), or {@code from} when none is loud. */
    int lastLoudFrameEnd(int from, int to) {
        int last = from;
        for (int f = from; f + 160 <= to; f += 160) {
            if (Audio.rmsDbfs(rtp.received(f, f + 160)) > CallPeer.LOUD_DBFS) {
                last = f + 160;
            }
        }
        return last;
    }

    /** The loud stretches in [from, to) as "start-end" in ms from {@code from}, for failure messages. */
    String loudRuns(int from, int to) {
        StringBuilder runs = new StringBuilder();
        int runStart = -1;
        for (int f = from; f + 160 <= to; f += 160) {
            boolean loud = Audio.rmsDbfs(rtp.received(f, f + 160)) > CallPeer.LOUD_DBFS;
            if (loud && runStart < 0) {
                runStart = f;
            } else if (!loud && runStart >= 0) {
                runs.append((runStart - from) / 8).append('-').append((f - from) / 8).append(' ');
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            runs.append((runStart - from) / 8).append("-end");
        }
        return runs.toString().strip();
    }

    /** End (exclusive) of the last loud 20 ms frame of {@code pcm}, or 0. */
    static int lastLoudSample(short[] pcm) {
        int last = 0;
        short[] frame = new short[160];
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            System.arraycopy(pcm, f, frame, 0, 160);
            if (Audio.rmsDbfs(frame) > CallPeer.LOUD_DBFS) {
                last = f + 160;
            }
        }
        return last;
    }

    /** Loud 20 ms frames in [from, to). */
    int loudFrames(int from, int to) {
        int n = 0;
        for (int f = from; f + 160 <= to; f += 160) {
            if (Audio.rmsDbfs(rtp.received(f, f + 160)) > CallPeer.LOUD_DBFS) {
                n++;
            }
        }
        return n;
    }

    /** Share of the received power in [from, to) that is the fake voice's tone. */
    double voiceShare(int from, int to) {
        return Audio.toneShare(rtp.received(from, to), VOICE_HZ);
    }
}
