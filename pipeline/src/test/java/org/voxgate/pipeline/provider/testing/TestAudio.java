package org.voxgate.pipeline.provider.testing;

import org.voxgate.pipeline.provider.SttStream;

/** 8 kHz test signals and a feeder that sends them in 20 ms frames. */
public final class TestAudio {
    private TestAudio() {}

    /** A 300 Hz tone loud enough to count as speech for the fake's energy detector. */
    public static short[] tone(int millis) {
        short[] pcm = new short[millis * 8];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        return pcm;
    }

    public static short[] silence(int millis) {
        return new short[millis * 8];
    }

    /** Sends {@code pcm} in 20 ms frames as the pipeline does (no pacing: the fakes count frames, not time). */
    public static void feed(SttStream stream, short[]... parts) {
        for (short[] pcm : parts) {
            for (int at = 0; at < pcm.length; at += 160) {
                stream.sendAudio(pcm, at, Math.min(160, pcm.length - at));
            }
        }
    }
}
