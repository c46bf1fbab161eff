package org.voxgate.media.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAlignerTest {
    private final List<int[]> out = new ArrayList<>(); // per stereo frame: {left marker, right marker}
    private final FrameAligner aligner = new FrameAligner(3, 10, (ring, offset) -> {
        // every sample of a test frame carries the same marker; check the interleave on the way
        for (int i = 1; i < FrameAligner.FRAME; i++) {
            assertEquals(ring[offset], ring[offset + 2 * i], "left channel of one frame");
            assertEquals(ring[offset + 1], ring[offset + 2 * i + 1], "right channel of one frame");
        }
        out.add(new int[] {ring[offset], ring[offset + 1]});
    });
    private int ticks;

    @Test
    void oneCallerFramePerTickLinesUpFrameByFrame() {
        for (int i = 1; i <= 20; i++) {
            tick(100 + i);
            caller(i);
        }
        aligner.finish();
        assertEquals(20, out.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i + 1, out.get(i)[0]);
            assertEquals(101 + i, out.get(i)[1]);
        }
        assertEquals(0, aligner.callerPadded());
        assertEquals(0, aligner.botPadded());
    }

    @Test
    void missingCallerFramesBecomeSilenceAndTheCallerResynchronises() {
        tick(101);
        caller(1);
        for (int i = 2; i <= 12; i++) { // ten ticks without caller audio (lost, or nothing sent)
            tick(100 + i);
        }
        caller(12);
        tick(113);
        caller(13);
        aligner.finish();
        // caller frame 12 arrived after bot frame 112 (index 11): it sits beside it, the gap is silent
        assertEquals(1, out.get(0)[0]);
        for (int i = 1; i < 11; i++) {
            assertEquals(0, out.get(i)[0], "silence at " + i);
        }
        assertEquals(12, out.get(11)[0]);
        assertEquals(112, out.get(11)[1]);
        assertEquals(13, out.get(12)[0]);
        assertEquals(113, out.get(12)[1]);
        assertEquals(10, aligner.callerPadded());
    }

    @Test
    void jitterWithinTheWindowNeitherPadsNorShifts() {
        tick(101);
        caller(1);
        tick(102);
        tick(103);      // caller 2 and 3 late ...
        caller(2);
        caller(3);      // ... and arrive in a burst
        tick(104);
        caller(4);
        aligner.finish();
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, out.get(i)[0]);
            assertEquals(101 + i, out.get(i)[1]);
        }
        assertEquals(0, aligner.callerPadded());
        assertEquals(0, aligner.botPadded());
    }

    @Test
    void aFasterCallerPadsTheBotSideSoDriftNeverAccumulates() {
        // the caller's clock runs fast: every 5th tick brings two caller frames
        int c = 0;
        for (int t = 1; t <= 200; t++) {
            tick(t % 1000);
            caller(++c % 30000);
            if (t % 5 == 0) {
                caller(++c % 30000);
            }
        }
        aligner.finish();
        assertEquals(0, aligner.late());
        assertEquals(240, c);
        // the lead never grows past the window: bot silence is inserted instead
        assertEquals(true, aligner.botPadded() >= 240 - 200 - 3 - 1, "bot padded " + aligner.botPadded());
        // every caller frame was written once, in order
        int next = 1;
        for (int[] f : out) {
            if (f[0] != 0) {
                assertEquals(next++, f[0]);
            }
        }
        assertEquals(241, next);
        // and near the end, the caller frame beside each bot frame is within the window of "now"
        int lastBotIndex = -1;
        int lastCallerIndex = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i)[1] == 200) {
                lastBotIndex = i;
            }
            if (out.get(i)[0] == 240) {
                lastCallerIndex = i;
            }
        }
        assertEquals(true, Math.abs(lastCallerIndex - lastBotIndex) <= 3 + 1,
                "caller " + lastCallerIndex + " bot " + lastBotIndex);
    }

    @Test
    void aSlowerCallerIsPaddedWithSilenceSoDriftNeverAccumulates() {
        int c = 0;
        for (int t = 1; t <= 200; t++) {
            tick(t);
            if (t % 5 != 0) { // every 5th tick brings no caller frame
                caller(++c);
            }
        }
        aligner.finish();
        assertEquals(160, c);
        int lastBotIndex = -1;
        int lastCallerIndex = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i)[1] == 200) {
                lastBotIndex = i;
            }
            if (out.get(i)[0] == 160) {
                lastCallerIndex = i;
            }
        }
        assertEquals(199, lastBotIndex, "the bot side is the clock");
        assertEquals(true, Math.abs(lastCallerIndex - lastBotIndex) <= 3 + 1,
                "caller " + lastCallerIndex + " bot " + lastBotIndex);
        assertEquals(true, aligner.callerPadded() >= 40 - 3 - 1, "caller padded " + aligner.callerPadded());
        assertEquals(0, aligner.botPadded());
    }

    @Test
    void aSilentCallerStillLetsTheBotSideOutOnceTheRingIsFull() {
        for (int t = 1; t <= 25; t++) {
            tick(t);
        }
        assertEquals(25 - 10, out.size(), "a ring of 10 holds the last 10 frames");
        aligner.finish();
        assertEquals(25, out.size());
        assertEquals(0, out.get(24)[0]);
        assertEquals(25, out.get(24)[1]);
    }

    @Test
    void aCallerStartingLateLinesUpWithTheTickItArrivedIn() {
        for (int t = 1; t <= 25; t++) {
            tick(t);
        }
        caller(7); // the first RTP arrives now: it lines up with tick 25 at index 24
        aligner.finish();
        assertEquals(7, out.get(24)[0]);
        assertEquals(25, out.get(24)[1]);
        assertEquals(0, aligner.late());
    }

    @Test
    void aFrameWhosePlaceWasAlreadyWrittenIsDroppedAsLate() {
        caller(1);
        for (int t = 1; t <= 25; t++) {
            tick(t);
        }
        aligner.caller(frame(2), 1); // stamped at tick 1 but handed over only now
        aligner.finish();
        assertEquals(1, aligner.late());
        assertEquals(25, out.size());
        assertEquals(1, out.get(0)[0]);
        for (int i = 1; i < 25; i++) {
            assertEquals(0, out.get(i)[0]);
        }
    }

    private void tick(int marker) {
        ticks++;
        aligner.bot(frame(marker));
    }

    private void caller(int marker) {
        aligner.caller(frame(marker), ticks);
    }

    private static short[] frame(int marker) {
        short[] f = new short[FrameAligner.FRAME];
        java.util.Arrays.fill(f, (short) marker);
        return f;
    }
}
